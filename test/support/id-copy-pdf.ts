import PDFDocument from 'pdfkit';

/**
 * A real PDF ID copy, as a holder's scanner makes one: an A4 page with a title in a standard
 * (non-embedded) font and, when given, the scanned picture. The console draws it with pdf.js, so
 * the tests need a file pdf.js can read, not a bare `%PDF` header.
 */
export function idCopyPdf(scan?: Buffer): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', info: { Title: 'Copie de pièce d’identité' } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.font('Helvetica-Bold').fontSize(16).text('RÉPUBLIQUE FRANÇAISE — COPIE DE PIÈCE D’IDENTITÉ', { align: 'center' });
  if (scan) doc.moveDown().image(scan, { fit: [doc.page.width - 144, 400], align: 'center' });
  else doc.moveDown().font('Helvetica').fontSize(12).text('Spécimen de test, sans image.');
  doc.end();
  return done;
}
