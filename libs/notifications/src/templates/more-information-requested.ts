import { frenchDate, holderFullName } from './french-format.js';
import { message } from './layout.js';
import type { HolderName, Instant, RenderedMessage } from './rendered-message.js';

export interface MoreInformationRequestedData {
  holder: HolderName;
  reference: string;
  /** What the reviewer asks, in their own words. */
  staffMessage: string;
  /** Page where the holder completes the file. */
  documentsUrl: string;
  /** When the request will be abandoned without an answer. */
  respondBy?: Instant;
}

/** The reviewer needs more before approving: back to the documents step (contract §4.1, §12.2). */
export function moreInformationRequested(data: MoreInformationRequestedData): RenderedMessage {
  return message('Informations complémentaires nécessaires', `Bonjour ${holderFullName(data.holder)}`, [
    `L’examen de votre demande de certificats SIGNEXPERT (référence ${data.reference}) nécessite des informations ou des pièces complémentaires. Message de l’équipe ECMA :`,
    quote(data.staffMessage),
    `Vous pouvez compléter votre dossier ici : ${data.documentsUrl}` +
      (data.respondBy === undefined ? '' : `\nSans réponse de votre part avant le ${frenchDate(data.respondBy)}, votre demande sera abandonnée.`),
  ]);
}

function quote(text: string): string {
  return text
    .trim()
    .split(/\r?\n/)
    .map((line) => `> ${line}`)
    .join('\n');
}
