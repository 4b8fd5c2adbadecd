import type { RegionCode } from '#libs/domain';
import { frenchDate, holderFullName, regionalCouncil } from './french-format.js';
import { message } from './layout.js';
import type { HolderName, Instant, RenderedMessage } from './rendered-message.js';

export interface RegistrationReceivedData {
  holder: HolderName;
  /** The subscription's reference, as shown on the portal. */
  reference: string;
  region: RegionCode;
  receivedAt: Instant;
  /** Page where the holder follows the request (contract §4.2). */
  followUpUrl: string;
}

/** Acknowledges a new request and lists what the registration still needs (contract §4.1). */
export function registrationReceived(data: RegistrationReceivedData): RenderedMessage {
  return message('Votre demande de certificats a bien été reçue', `Bonjour ${holderFullName(data.holder)}`, [
    `Nous avons bien reçu le ${frenchDate(data.receivedAt)} votre demande de souscription SIGNEXPERT (référence ${data.reference}), ` +
      `adressée à l’Autorité de Certification du ${regionalCouncil(data.region)}.`,
    [
      'Pour que vos certificats puissent être confectionnés, il reste à :',
      '  1. confirmer votre adresse électronique, au moyen du lien que vous allez recevoir dans un message séparé ;',
      '  2. déposer sur le site la copie d’une pièce d’identité officielle ;',
      '  3. attendre la vérification de votre dossier par ECMA.',
    ].join('\n'),
    `Vous pouvez suivre l’avancement de votre demande à tout moment : ${data.followUpUrl}`,
  ]);
}
