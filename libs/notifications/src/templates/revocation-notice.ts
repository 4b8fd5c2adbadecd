import type { CertificateProfileName, RevocationReason } from '#libs/domain';
import { frenchDateTime, holderFullName, nonEmpty, PROFILE_IN_WORDS } from './french-format.js';
import { message } from './layout.js';
import { REVOCATION_REASON_IN_WORDS } from './revocation-reason-words.js';
import type { HolderName, Instant, RenderedMessage } from './rendered-message.js';

/** Where the revocation list is published (contract §9.2). */
export const REVOCATION_LIST_URL = 'https://www.signexpert.fr/WebContent/telechargements.html';

export interface RevocationNoticeData {
  holder: HolderName;
  certificates: readonly { profile: CertificateProfileName; serialNumber: string }[];
  reason: RevocationReason;
  revokedAt: Instant;
}

/** The holder is told of every revocation, whoever asked for it (contract §9.1, §9.2). */
export function revocationNotice(data: RevocationNoticeData): RenderedMessage {
  const plural = data.certificates.length > 1;
  const lines = nonEmpty(data.certificates, 'certificates').map((certificate) => `  - ${PROFILE_IN_WORDS[certificate.profile]}, n° de série ${certificate.serialNumber}`);
  return message(plural ? 'Vos certificats ont été révoqués' : 'Votre certificat a été révoqué', `Bonjour ${holderFullName(data.holder)}`, [
    `${plural ? 'Les certificats SIGNEXPERT suivants ont été révoqués' : 'Le certificat SIGNEXPERT suivant a été révoqué'} ` +
      `le ${frenchDateTime(data.revokedAt)} (heure de Paris) :\n${lines.join('\n')}`,
    `Motif : ${REVOCATION_REASON_IN_WORDS[data.reason]}.`,
    `La révocation est définitive. ${plural ? 'Ces certificats figurent' : 'Ce certificat figure'} désormais sur la liste de révocation publiée à l’adresse ` +
      `${REVOCATION_LIST_URL} ; les signatures et authentifications faites après cette date ne seront plus reconnues.`,
    'Si vous n’êtes pas à l’origine de cette révocation et ne l’attendiez pas, contactez sans délai votre Autorité de Certification régionale. ' +
      'Pour obtenir de nouveaux certificats, déposez une nouvelle demande sur www.signexpert.fr.',
  ]);
}
