import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { writeFileAtomically } from './atomic-file.js';
import { ACTIVATION_CODE_LABEL, SENDER_LINES, activationLetterText, type ActivationLetterSubject } from './activation-letter-content.js';
import { consoleLog, type NotificationLog } from './notification-log.js';

export interface ActivationLetterRequest extends ActivationLetterSubject {
  /** The postal spool: a print-and-post service (or the tests) picks the PDFs up from there. */
  spoolDirectory: string;
  /** One letter per subscription cycle: a retry overwrites the cycle's letter, never adds one. */
  subscriptionCycleId: string;
}

/** Deliberately no activation code in here: the caller already has it, nothing else should. */
export interface ActivationLetterReceipt {
  subscriptionCycleId: string;
  path: string;
}

const MARGIN = 56;

/**
 * Writes the activation letter into the postal spool: the only way the code leaves the issuing
 * process (contract §5: by post; §7.2: nobody else knows it). The code is an argument of its
 * own so that it is not carried in any record; it is written into the PDF and nowhere else —
 * not logged, not returned, not in error messages, not in the PDF's metadata.
 *
 * The file is readable by its owner only, written atomically (temporary file + rename) and
 * replaced on a retry, so the spool holds one whole letter per cycle.
 */
export async function writeActivationLetter(
  request: ActivationLetterRequest,
  activationCode: string,
  options: { log?: NotificationLog } = {},
): Promise<ActivationLetterReceipt> {
  checkActivationCode(activationCode);
  const path = join(request.spoolDirectory, activationLetterFileName(request.subscriptionCycleId));
  const pdf = await renderActivationLetter(request, activationCode);
  await mkdir(request.spoolDirectory, { recursive: true, mode: 0o700 });
  await writeFileAtomically(path, pdf, { mode: 0o600 });
  (options.log ?? consoleLog)(`activation letter of cycle ${request.subscriptionCycleId} written to the postal spool: ${path}`);
  return { subscriptionCycleId: request.subscriptionCycleId, path };
}

export function activationLetterFileName(subscriptionCycleId: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/.test(subscriptionCycleId)) {
    throw new Error(`subscription cycle id cannot name a spool file: ${subscriptionCycleId}`);
  }
  return `activation-letter-${subscriptionCycleId}.pdf`;
}

/** Standard fonts encode WinAnsi only; a code outside printable ASCII could print as something else. */
function checkActivationCode(activationCode: string): void {
  // The message never quotes the code: errors end up in logs and in workflow history.
  if (!/^[\x21-\x7e]{4,64}$/.test(activationCode)) throw new Error('activation code must be 4 to 64 printable ASCII characters');
}

/**
 * One A4 page in the standard Helvetica and Courier fonts (no font files to ship). Text is drawn
 * with plain text-showing operators in WinAnsi encoding, which pdf-text.ts reads back.
 */
function renderActivationLetter(letter: ActivationLetterSubject, activationCode: string): Promise<Buffer> {
  const text = activationLetterText(letter);
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, info: { Title: 'SIGNEXPERT', Author: 'SIGNEXPERT – ECMA' } });
  const done = collect(doc);
  const width = doc.page.width - 2 * MARGIN;

  doc.font('Helvetica-Bold').fontSize(11).text(SENDER_LINES[0]);
  doc.font('Helvetica').fontSize(9).text(SENDER_LINES.slice(1).join('\n'));
  // Right-hand block at the height of a window envelope's window.
  doc.font('Helvetica').fontSize(11).text(text.recipient.join('\n'), 320, 150, { width: doc.page.width - 320 - MARGIN });
  doc.text(text.dateLine, 320, 240);

  doc.x = MARGIN;
  doc.y = 290;
  doc.font('Helvetica-Bold').text(text.subjectLine, { width });
  doc.font('Helvetica').text(text.reference, { width }).moveDown();
  for (const paragraph of text.introduction) doc.text(paragraph, { width, align: 'left' }).moveDown(0.6);

  const boxTop = doc.y + 6;
  doc.rect(MARGIN, boxTop, width, 62).lineWidth(1.2).stroke();
  doc.font('Helvetica-Bold').fontSize(11).text(ACTIVATION_CODE_LABEL, MARGIN + 14, boxTop + 10);
  doc.font('Courier-Bold').fontSize(20).text(activationCode, MARGIN + 14, boxTop + 30, { lineBreak: false });

  doc.x = MARGIN;
  doc.y = boxTop + 80;
  doc.font('Helvetica-Bold').fontSize(11).text(text.instructionsTitle, { width }).moveDown(0.4);
  doc.font('Helvetica').fontSize(10);
  for (const instruction of text.instructions) doc.text(`–  ${instruction}`, { width, indent: 0 }).moveDown(0.3);

  doc.end();
  return done;
}

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}
