import { holderFullName } from './french-format.js';
import { HELP_URL, message } from './layout.js';
import type { HolderName, RenderedMessage } from './rendered-message.js';

export interface RegistrationRefusedData {
  /** The person as they named themselves in the refused request. */
  holder: HolderName;
  registrationNumber: string;
}

/**
 * A registration refused because its number already has a cycle in progress. The API answers
 * only that the request was not recorded; the why comes here, to the address given, and says
 * nothing of the other cycle (who, which state, which address): registration numbers are public.
 */
export function registrationRefused(data: RegistrationRefusedData): RenderedMessage {
  return message('Votre demande de certificats n’a pas été enregistrée', `Bonjour ${holderFullName(data.holder)}`, [
    `Nous avons reçu une demande de certificats SIGNEXPERT pour le numéro d’inscription au tableau de l’Ordre ${data.registrationNumber}. ` +
      'Une demande est déjà en cours pour ce numéro : celle que vous venez de faire n’a pas été enregistrée et aucune donnée n’en a été conservée.',
    'Si vous suivez déjà votre demande, reconnectez-vous à votre espace depuis la page « Suivre ma demande » avec l’adresse électronique que vous aviez donnée.',
    `Si vous n’êtes pas à l’origine de la demande en cours pour ce numéro, signalez-le-nous sans tarder : ${HELP_URL}`,
  ]);
}
