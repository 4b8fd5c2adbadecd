import { holderFullName, nonEmpty } from './french-format.js';
import { message } from './layout.js';
import type { HolderName, RenderedMessage } from './rendered-message.js';

export interface ChangeReportedData {
  holder: HolderName;
  /** What changed, in words (« adresse électronique », « nom d’usage », « cabinet »). */
  changes: readonly string[];
  /** What becomes of the current certificates until the new ones are handed over. */
  currentCertificates: 'valid-until-replaced' | 'revoked';
  /** Where the holder starts the new subscription cycle. */
  newCycleUrl: string;
}

/**
 * The holder reported a change of the information written in the certificates (contract §12.2);
 * certificates no longer matching the holder must go (§9.1), so a new cycle is offered.
 */
export function changeReported(data: ChangeReportedData): RenderedMessage {
  return message('Modification de vos informations : de nouveaux certificats vous sont proposés', `Bonjour ${holderFullName(data.holder)}`, [
    `Vous nous avez signalé la modification des informations suivantes :\n${nonEmpty(data.changes, 'changes').map((change) => `  - ${change}`).join('\n')}`,
    'Ces informations figurent dans vos certificats SIGNEXPERT, qui ne peuvent pas être modifiés : de nouveaux certificats doivent être émis. ' +
      (data.currentCertificates === 'revoked'
        ? 'Vos certificats actuels ont été révoqués.'
        : 'Vos certificats actuels restent utilisables jusqu’à la remise des nouveaux, puis seront révoqués.'),
    `Un nouveau cycle de souscription vous est proposé : ${data.newCycleUrl}`,
  ]);
}
