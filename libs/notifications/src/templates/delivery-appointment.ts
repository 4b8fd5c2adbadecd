import type { RegionCode } from '#libs/domain';
import { frenchDateTime, holderFullName, regionalCouncil } from './french-format.js';
import { message } from './layout.js';
import type { HolderName, Instant, RenderedMessage } from './rendered-message.js';

/** The page where the signature software is downloaded after hand-over (contract §6.3). */
export const DOWNLOADS_URL = 'https://www.signexpert.fr/WebContent/telechargements.html';

export interface DeliveryAppointmentData {
  holder: HolderName;
  region: RegionCode;
  appointmentAt: Instant;
  /** The CROEC office, one line per address line. */
  place: readonly string[];
}

/** The in-person hand-over of the token by a CROEC agent (contract §6.1, §6.2). */
export function deliveryAppointment(data: DeliveryAppointmentData): RenderedMessage {
  return message('Rendez-vous pour la remise de votre clé', `Bonjour ${holderFullName(data.holder)}`, [
    `Votre clé cryptographique USB vous sera remise en personne par un agent du ${regionalCouncil(data.region)}, ` +
      `le ${frenchDateTime(data.appointmentAt)} (heure de Paris), à l’adresse suivante :`,
    data.place.map((line) => `  ${line}`).join('\n'),
    'Munissez-vous des originaux des pièces justificatives dont vous avez déposé la copie (pièce d’identité officielle) : ' +
      'l’agent vérifiera leur concordance avec les copies de votre dossier.',
    'Votre code d’activation n’est pas nécessaire à la remise : ne l’apportez pas, et ne le communiquez pas à l’agent.',
    `Après la remise, vous pourrez télécharger l’outil de signature SIGNEXPERT : ${DOWNLOADS_URL}`,
  ]);
}
