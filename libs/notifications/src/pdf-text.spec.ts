import { describe, expect, it } from '@jest/globals';
import PDFDocument from 'pdfkit';
import { extractPdfText } from './pdf-text.js';

function pdfkitDocument(compress: boolean, draw: (doc: PDFKit.PDFDocument) => void): Promise<Buffer> {
  const doc = new PDFDocument({ compress, size: 'A4' });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  draw(doc);
  doc.end();
  return done;
}

/** A hand-written PDF whose content uses literal strings, escapes and the other text operators. */
function handWrittenPdf(content: string): Buffer {
  const stream = Buffer.from(content, 'latin1');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>',
  ];
  const parts = ['%PDF-1.4\n', ...objects.map((body, index) => `${index + 1} 0 obj\n${body}\nendobj\n`)];
  return Buffer.concat([
    Buffer.from(parts.join(''), 'latin1'),
    Buffer.from(`4 0 obj\n<< /Length ${stream.length} >>\nstream\n`, 'latin1'),
    stream,
    Buffer.from('\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1'),
  ]);
}

describe('extractPdfText', () => {
  it.each([true, false])('reads back pdfkit text, accents and typographic signs included (compress: %s)', async (compress) => {
    const pdf = await pdfkitDocument(compress, (doc) => {
      doc.font('Helvetica').fontSize(12).text('Clé n° SN-0042 – « l’activation » : œuvre à 100 €');
      doc.font('Courier-Bold').fontSize(20).text('73915468');
    });
    expect(extractPdfText(pdf)).toBe('Clé n° SN-0042 – « l’activation » : œuvre à 100 €\n73915468');
  });

  it('keeps the lines of wrapped paragraphs and the pages in reading order', async () => {
    const pdf = await pdfkitDocument(true, (doc) => {
      doc.font('Helvetica').fontSize(12).text('un deux trois quatre cinq six sept huit neuf dix', { width: 80 });
      doc.addPage().text('Page deux');
      doc.addPage().text('Page trois');
    });
    const lines = extractPdfText(pdf).split('\n');
    expect(lines.length).toBeGreaterThan(3);
    expect(lines.slice(0, -2).join(' ')).toBe('un deux trois quatre cinq six sept huit neuf dix');
    expect(lines.slice(-2)).toEqual(['Page deux', 'Page trois']);
  });

  it('reads literal strings with escapes, TJ word gaps and the quote operators', () => {
    const pdf = handWrittenPdf(
      'BT /F1 12 Tf 72 700 Td (Caf\\351 \\(d\\351j\\340\\) 1\\\\2) Tj 0 -14 Td [(mot) -400 (suivant) 20 (e)] TJ ' +
        "(ligne \\222trois\\222) ' 0 0 (quatre) \" ET",
    );
    expect(extractPdfText(pdf)).toBe('Café (déjà) 1\\2\nmot suivante\nligne ’trois’\nquatre');
  });

  it('refuses what is not a PDF', () => {
    expect(() => extractPdfText(Buffer.from('bonjour'))).toThrow(/catalog/);
  });
});
