import type { RenderedMessage } from './rendered-message.js';

/** Where the contract sends holders for documentation and help (§11.1, §11.2). */
export const HELP_URL = 'https://www.signexpert.fr/WebContent/faq.html';

const SIGNATURE = [
  'Cordialement,',
  'L’équipe SIGNEXPERT (ECMA, Autorité d’Enregistrement)',
  '',
  '--',
  'Ce message vous est adressé automatiquement ; merci de ne pas y répondre.',
  `Aide et questions fréquentes : ${HELP_URL}`,
].join('\n');

/** A message in the house style: subject prefixed, greeting, paragraphs, signature. */
export function message(subject: string, greeting: string, paragraphs: readonly string[]): RenderedMessage {
  return {
    subject: `SIGNEXPERT – ${subject}`,
    text: [`${greeting},`, ...paragraphs, SIGNATURE].join('\n\n') + '\n',
  };
}
