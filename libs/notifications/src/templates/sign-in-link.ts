import { frenchDateTime, holderFullName } from './french-format.js';
import { message } from './layout.js';
import type { HolderName, Instant, RenderedMessage } from './rendered-message.js';

export interface SignInLinkData {
  holder: HolderName;
  /**
   * The link carrying the single-use sign-in token: shown only to its addressee, whose mailbox
   * is what signs them in.
   */
  signInUrl: string;
  expiresAt: Instant;
}

/** The magic link a holder asked for to follow their request (contract §4.2). */
export function signInLink(data: SignInLinkData): RenderedMessage {
  return message('Votre lien de connexion', `Bonjour ${holderFullName(data.holder)}`, [
    'Vous avez demandé à vous connecter à votre espace SIGNEXPERT pour suivre votre demande de certificats. Ouvrez le lien suivant :',
    data.signInUrl,
    `Ce lien est personnel, ne sert qu’une fois et expire le ${frenchDateTime(data.expiresAt)} (heure de Paris), soit 15 minutes après son envoi. Ne le transmettez à personne.`,
    'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : sans ce lien, personne ne peut se connecter à votre espace.',
  ]);
}
