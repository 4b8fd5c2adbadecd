import { holderFullName } from './french-format.js';
import { HELP_URL, message } from './layout.js';
import type { HolderName, RenderedMessage } from './rendered-message.js';

export interface RegistrationRejectedData {
  holder: HolderName;
  reference: string;
  /** Why, in the reviewer's words: the holder must be able to act on it. */
  reason: string;
}

/** The review found the request irregular (contract §5: certificates only after that check). */
export function registrationRejected(data: RegistrationRejectedData): RenderedMessage {
  return message('Votre demande de certificats n’a pas pu être acceptée', `Bonjour ${holderFullName(data.holder)}`, [
    `Après examen, votre demande de certificats SIGNEXPERT (référence ${data.reference}) n’a pas pu être acceptée, pour le motif suivant :`,
    data.reason.trim(),
    'Aucun certificat n’a été émis. Vous pouvez déposer une nouvelle demande sur www.signexpert.fr une fois la situation régularisée. ' +
      `Pour toute question : ${HELP_URL}`,
  ]);
}
