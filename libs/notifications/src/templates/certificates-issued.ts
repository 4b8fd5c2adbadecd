import type { RegionCode } from '#libs/domain';
import { certificateLines, holderFullName, regionalCouncil } from './french-format.js';
import { message } from './layout.js';
import type { CertificateSummary, HolderName, RenderedMessage } from './rendered-message.js';

export interface CertificatesIssuedData {
  holder: HolderName;
  reference: string;
  region: RegionCode;
  certificates: readonly CertificateSummary[];
}

/**
 * The certificates are on the token, which now travels to the regional council. Deliberately no
 * activation code here: it goes by post only (contract §5), and nobody but the holder knows it
 * (§7.2) — the data type has no field for it.
 */
export function certificatesIssued(data: CertificatesIssuedData): RenderedMessage {
  return message('Vos certificats ont été émis', `Bonjour ${holderFullName(data.holder)}`, [
    `Vos certificats SIGNEXPERT (référence ${data.reference}) ont été générés sur votre clé cryptographique USB :\n${certificateLines(data.certificates)}`,
    `La clé est en cours d’acheminement vers le ${regionalCouncil(data.region)}. Un agent du CROEC vous la remettra en personne ; ` +
      'vous recevrez un message pour convenir du rendez-vous.',
    'Le code d’activation de la clé vous est envoyé séparément, par courrier postal. Il ne vous sera jamais communiqué par message électronique ' +
      'ni par téléphone : ni ECMA, ni le CROEC, ni ses agents n’en ont connaissance. Ne conservez jamais ce code avec la clé.',
  ]);
}
