import { crc32, deflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import sharp from 'sharp';

/**
 * ID copies for the upload checks: real ones as scanners and phones make them, and the hostile
 * files of issue 12 (each built here, byte by byte, so a test says exactly what it sends).
 */

const CARD_TEXT = `<svg xmlns="http://www.w3.org/2000/svg" width="1654" height="1040"><rect x="60" y="60" width="1534" height="920" rx="40"
  fill="#dfe9f5" stroke="#8aa" stroke-width="4"/><text x="120" y="180" font-family="sans-serif" font-size="56" font-weight="bold">RÉPUBLIQUE
  FRANÇAISE — CARTE NATIONALE D’IDENTITÉ</text><rect x="120" y="260" width="360" height="460" fill="#b8c4d0"/><text x="560" y="340"
  font-family="sans-serif" font-size="48">Nom : DURAND</text><text x="560" y="420" font-family="sans-serif" font-size="48">Prénom : Camille</text></svg>`;

/** A scanned ID card: 1654 × 1040 px (the card at 500 dpi), scanner noise, JPEG quality 85. */
export async function scannedIdCardJpeg(): Promise<Buffer> {
  return sharp({ create: { width: 1654, height: 1040, channels: 3, background: '#f4f1ea', noise: { type: 'gaussian', mean: 200, sigma: 12 } } })
    .composite([{ input: Buffer.from(CARD_TEXT) }])
    .jpeg({ quality: 85 })
    .toBuffer();
}

/** The same card as a PNG screenshot. */
export async function idCardPng(): Promise<Buffer> {
  return sharp({ create: { width: 1654, height: 1040, channels: 3, background: '#ffffff' } })
    .composite([{ input: Buffer.from(CARD_TEXT) }])
    .png()
    .toBuffer();
}

/** A PDF of `pages` pages made by pdfkit (what an office suite or a scanning app writes). */
export function pdfOfPages(pages: number): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', autoFirstPage: false });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  for (let page = 1; page <= pages; page++) doc.addPage().fontSize(14).text(`Page ${page}`);
  doc.end();
  return done;
}

interface HandWrittenPdf {
  /** Entries added to the catalog (object 1). */
  catalog?: string;
  /** Entries added to the one page (object 3). */
  page?: string;
  /** The page's content stream (object 4). */
  content?: string;
  /** Objects numbered from 6 on. */
  objects?: string[];
  /** Entries added to the trailer. */
  trailer?: string;
  /** What follows the `%PDF-1.7` line. */
  afterHeader?: string;
}

const CONTENT = 'BT /F1 18 Tf 72 720 Td (Copie de piece d identite) Tj ET';

function baseObjects(spec: HandWrittenPdf): string[] {
  const content = spec.content ?? CONTENT;
  return [
    `<< /Type /Catalog /Pages 2 0 R ${spec.catalog ?? ''} >>`,
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> ${spec.page ?? ''} >>`,
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    ...(spec.objects ?? []),
  ];
}

/**
 * A one-page PDF written by hand with a classic cross-reference table: on its own a good copy
 * (pdf.js and pdf-lib read it), with `spec` the hostile variant of the same file.
 */
export function handWrittenPdf(spec: HandWrittenPdf = {}): Buffer {
  const parts: Buffer[] = [Buffer.from(`%PDF-1.7\n${spec.afterHeader ?? ''}`, 'latin1')];
  const length = () => parts.reduce((sum, part) => sum + part.length, 0);
  const objects = baseObjects(spec);
  const offsets = objects.map((object, index) => {
    const offset = length();
    parts.push(Buffer.from(`${index + 1} 0 obj\n`, 'latin1'), Buffer.from(object, 'latin1'), Buffer.from('\nendobj\n', 'latin1'));
    return offset;
  });
  const xref = length();
  const entries = offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
  parts.push(Buffer.from(`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${entries}`, 'latin1'));
  parts.push(Buffer.from(`trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${spec.trailer ?? ''} >>\nstartxref\n${xref}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(parts);
}

/**
 * The same page, with `packed` objects (numbered from 6) inside a Flate-compressed object stream
 * and a cross-reference stream, as PDF 1.5 writers do: what the packed objects say is invisible
 * to a search of the raw bytes.
 */
export function pdfWithObjectStream(spec: { catalog?: string; packed: string[] }): Buffer {
  const plain = baseObjects({ catalog: spec.catalog });
  const first = plain.length + 1;
  const stream = plain.length + spec.packed.length + 1;
  const xrefNumber = stream + 1;
  let index = '';
  let body = '';
  spec.packed.forEach((object, i) => {
    index += `${first + i} ${body.length} `;
    body += `${object}\n`;
  });
  const packed = deflateSync(Buffer.from(index + body, 'latin1'));
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  const length = () => parts.reduce((sum, part) => sum + part.length, 0);
  const offsets = new Map<number, number>();
  const write = (number: number, dict: string, data?: Buffer) => {
    offsets.set(number, length());
    parts.push(Buffer.from(`${number} 0 obj\n${dict}`, 'latin1'));
    if (data) parts.push(Buffer.from('\nstream\n', 'latin1'), data, Buffer.from('\nendstream', 'latin1'));
    parts.push(Buffer.from('\nendobj\n', 'latin1'));
  };
  plain.forEach((object, i) => write(i + 1, object));
  write(stream, `<< /Type /ObjStm /N ${spec.packed.length} /First ${index.length} /Filter /FlateDecode /Length ${packed.length} >>`, packed);
  const xrefOffset = length();
  offsets.set(xrefNumber, xrefOffset);
  // /W [1 4 2]: type, offset (or object stream number), generation (or index in the stream).
  const rows = Buffer.alloc(7 * (xrefNumber + 1));
  for (let number = 0; number <= xrefNumber; number++) {
    const row = rows.subarray(number * 7);
    if (number === 0) {
      row.writeUInt8(0, 0);
      row.writeUInt16BE(65535, 5);
    } else if (number >= first && number < stream) {
      row.writeUInt8(2, 0);
      row.writeUInt32BE(stream, 1);
      row.writeUInt16BE(number - first, 5);
    } else {
      row.writeUInt8(1, 0);
      row.writeUInt32BE(offsets.get(number)!, 1);
    }
  }
  parts.push(Buffer.from(`${xrefNumber} 0 obj\n<< /Type /XRef /Size ${xrefNumber + 1} /W [1 4 2] /Root 1 0 R /Length ${rows.length} >>\nstream\n`, 'latin1'));
  parts.push(rows, Buffer.from(`\nendstream\nendobj\nstartxref\n${xrefOffset}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(parts);
}

const SCRIPT = '(app.alert\\(document.cookie\\))';

/** The hostile ID copies of issue 12, and the variants that must not slip through either. */
export const hostilePdfs = {
  openActionJavaScript: () => handWrittenPdf({ catalog: `/OpenAction << /S /JavaScript /JS ${SCRIPT} >>` }),
  htmlPolyglot: () => handWrittenPdf({ afterHeader: '<html><body><script>alert(document.domain)</script></body></html>\n' }),
  bareHeader: () => Buffer.from('%PDF-', 'latin1'),
  javaScriptInObjectStream: () => pdfWithObjectStream({ catalog: '/OpenAction 6 0 R', packed: [`<< /S /J#61vaScript /J#53 ${SCRIPT} >>`] }),
  lowerCaseHexName: () => handWrittenPdf({ catalog: `/OpenAction << /S /#4aavaScript /#4a#53 ${SCRIPT} >>` }),
  pageAdditionalAction: () => handWrittenPdf({ page: `/AA << /O << /S /JavaScript /JS ${SCRIPT} >> >>` }),
  namesTreeJavaScript: () => handWrittenPdf({ catalog: '/Names << /JavaScript << /Names [(init) 6 0 R] >> >>', objects: [`<< /S /JavaScript /JS ${SCRIPT} >>`] }),
  outlineJavaScript: () => handWrittenPdf({ catalog: '/Outlines 6 0 R', objects: ['<< /Type /Outlines /First 7 0 R /Last 7 0 R /Count 1 >>', `<< /Title (Recto) /Parent 6 0 R /A << /S /JavaScript /JS ${SCRIPT} >> >>`] }),
  launchAction: () => handWrittenPdf({ catalog: '/OpenAction << /S /Launch /F (C:\\\\Windows\\\\System32\\\\cmd.exe) >>' }),
  javaScriptLink: () => handWrittenPdf({ page: '/Annots [6 0 R]', objects: ['<< /Type /Annot /Subtype /Link /Rect [0 0 595 842] /A << /S /URI /URI (javascript:alert\\(1\\)) >> >>'] }),
  embeddedFiles: () =>
    handWrittenPdf({
      catalog: '/Names << /EmbeddedFiles << /Names [(payload.exe) 6 0 R] >> >>',
      objects: ['<< /Type /Filespec /F (payload.exe) /EF << /F 7 0 R >> >>', '<< /Type /EmbeddedFile /Length 2 >>\nstream\nMZ\nendstream'],
    }),
  fileAttachmentAnnotation: () => handWrittenPdf({ page: '/Annots [6 0 R]', objects: ['<< /Type /Annot /Subtype /FileAttachment /Rect [0 0 10 10] /FS (payload.exe) >>'] }),
  encrypted: () =>
    handWrittenPdf({
      objects: [`<< /Filter /Standard /V 1 /R 2 /O <${'00'.repeat(32)}> /U <${'00'.repeat(32)}> /P -4 >>`],
      trailer: `/Encrypt 6 0 R /ID [<${'11'.repeat(16)}> <${'11'.repeat(16)}>]`,
    }),
  /**
   * Object 6 sits inside the page's content stream (whose /Length covers it): a reader that rebuilds
   * the cross-reference table by scanning for `N G obj` finds it, pdf-lib does not.
   */
  objectHiddenInStream: () => handWrittenPdf({ catalog: '/OpenAction 6 0 R', content: `${CONTENT}\n6 0 obj\n<< /S /JavaScript /JS ${SCRIPT} >>\nendobj\n` }),
  /**
   * Object 6 defined twice: the xref (which viewers follow) points at the script, pdf-lib's own
   * table keeps the later, harmless definition.
   */
  shadowedObject: () =>
    handWrittenPdf({ catalog: '/OpenAction 6 0 R', objects: [`<< /S /JavaScript /JS ${SCRIPT} >>`, '<< >>\nendobj\n6 0 obj\n<< /S /Named /N /NextPage >>'] }),
  /** An executable between two objects, far past the bytes a browser sniffs. */
  strayBytesBetweenObjects: () =>
    handWrittenPdf({ objects: [`<< /Filler (${'x'.repeat(2000)}) >>\nendobj\nMZ\x90\x00PE\x00\x00 this is not PDF syntax\n7 0 obj\n<< >>`] }),
  imageBomb: () => handWrittenPdf({ objects: ['<< /Type /XObject /Subtype /Image /Width 50000 /Height 50000 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 0 >>\nstream\n\nendstream'] }),
};

export const hostileImages = {
  /** The first 42 bytes of a real JPEG (SOI, JFIF header), then a web page. */
  jpegMagicThenHtml: async () => Buffer.concat([(await scannedIdCardJpeg()).subarray(0, 42), Buffer.from('<html><script>alert(document.domain)</script></html>')]),
  /** The same 42 bytes then no markup, so that only the decoder can refuse it. */
  jpegMagicThenText: async () => Buffer.concat([(await scannedIdCardJpeg()).subarray(0, 42), Buffer.from('just some text, no image data at all')]),
  /** A scan cut in the middle (an upload interrupted, or a header glued to nothing). */
  truncatedJpeg: async () => {
    const jpeg = await scannedIdCardJpeg();
    return jpeg.subarray(0, Math.floor(jpeg.length / 2));
  },
  /** A 50,000 × 50,000 RGB PNG in 16 kB: a valid header, then zeros that would inflate to 7.5 GB. */
  hugePngHeader: () => pngDeclaring(50_000, 50_000),
};

/** A PNG whose header declares `width` × `height` RGB pixels, followed by 16 MB of zero bytes deflated to 16 kB. */
export function pngDeclaring(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(2, 9); // truecolour
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, pngChunk('IHDR', header), pngChunk('IDAT', deflateSync(Buffer.alloc(16_000_000))), pngChunk('IEND', Buffer.alloc(0))]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type, 'latin1'), data])));
  return Buffer.concat([length, Buffer.from(type, 'latin1'), data, crc]);
}
