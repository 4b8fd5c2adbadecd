import { holderFullName } from './french-format.js';
import { HELP_URL, message } from './layout.js';
import type { HolderName, RenderedMessage } from './rendered-message.js';

export interface RequestClosedData {
  holder: HolderName;
  reference: string;
  /** cancelled: at the holder's or staff's request; the others: a deadline of contract §4.1 passed. */
  because: 'cancelled' | 'email-not-confirmed' | 'documents-missing';
}

const WHY: Readonly<Record<RequestClosedData['because'], string>> = {
  cancelled: 'a été annulée à votre demande ou par nos services',
  'email-not-confirmed': 'a été abandonnée : votre adresse électronique n’a pas été confirmée dans le délai de sept jours',
  'documents-missing': 'a été abandonnée : la copie de votre pièce d’identité ne nous est pas parvenue dans le délai de trente jours',
};

/** A request that ended before any certificate was made (contract §4.1): nothing was issued. */
export function requestClosed(data: RequestClosedData): RenderedMessage {
  return message('Votre demande de certificats est close', `Bonjour ${holderFullName(data.holder)}`, [
    `Votre demande de certificats SIGNEXPERT (référence ${data.reference}) ${WHY[data.because]}.`,
    'Aucun certificat n’a été émis. Vous pouvez déposer une nouvelle demande à tout moment sur www.signexpert.fr. ' +
      `Pour toute question : ${HELP_URL}`,
  ]);
}
