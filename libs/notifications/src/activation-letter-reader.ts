import { ACTIVATION_CODE_LABEL } from './activation-letter-content.js';
import { extractPdfText } from './pdf-text.js';

export interface ReadActivationLetter {
  text: string;
  activationCode: string;
}

/**
 * Reads an activation letter as its holder would: the code is the line under its label. For the
 * tests and the end-to-end run, which must get the code from the letter and nowhere else.
 */
export function readActivationLetter(pdf: Uint8Array): ReadActivationLetter {
  const text = extractPdfText(pdf);
  const lines = text.split('\n');
  const label = lines.findIndex((line) => line.trim() === ACTIVATION_CODE_LABEL);
  const activationCode = label >= 0 ? lines[label + 1]?.trim() : undefined;
  if (!activationCode) throw new Error('no activation code found in the letter');
  return { text, activationCode };
}
