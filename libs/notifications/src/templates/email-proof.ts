import { frenchDateTime, holderFullName } from './french-format.js';
import { message } from './layout.js';
import type { HolderName, Instant, RenderedMessage } from './rendered-message.js';

export interface EmailProofData {
  holder: HolderName;
  /**
   * The link carrying the single-use token. The only secret any template may show, and only
   * to its addressee: following it proves they hold the address (contract §4.1).
   */
  proofUrl: string;
  expiresAt: Instant;
}

/** Asks the holder to prove they own the address written in the certificates (contract §4.1). */
export function emailProofRequest(data: EmailProofData): RenderedMessage {
  return message('Confirmez votre adresse électronique', `Bonjour ${holderFullName(data.holder)}`, [
    'Votre adresse électronique figurera dans vos certificats SIGNEXPERT. Pour confirmer qu’elle est bien la vôtre, ouvrez le lien suivant :',
    ...proofParagraphs(data),
  ]);
}

/** The same request, sent again while the first link is unused. */
export function emailProofReminder(data: EmailProofData): RenderedMessage {
  return message('Rappel : confirmez votre adresse électronique', `Bonjour ${holderFullName(data.holder)}`, [
    'Nous n’avons pas encore reçu la confirmation de votre adresse électronique, nécessaire à votre demande de certificats SIGNEXPERT. ' +
      `Sans confirmation avant le ${frenchDateTime(data.expiresAt)}, votre demande sera abandonnée. Pour la confirmer, ouvrez le lien suivant :`,
    ...proofParagraphs(data),
  ]);
}

function proofParagraphs(data: EmailProofData): string[] {
  return [
    data.proofUrl,
    `Ce lien est personnel, ne sert qu’une fois et expire le ${frenchDateTime(data.expiresAt)} (heure de Paris). Ne le transmettez à personne.`,
    'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : aucun certificat ne sera émis.',
  ];
}
