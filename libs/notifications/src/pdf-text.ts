import { inflateSync } from 'node:zlib';

/**
 * Reads back the text of the PDFs this library writes (pdfkit, standard fonts), with no PDF
 * tool installed: pages in order, their content streams inflated with node:zlib, and the
 * strings of the text-showing operators (Tj, TJ, ', ") decoded from WinAnsi — the encoding
 * pdfkit uses for the standard fonts. Each text object (BT … ET) or line move starts a new line.
 *
 * Not a general PDF reader: no object streams, cross-reference streams, embedded-font
 * encodings (Identity-H) or encryption. PDFs using them throw or read back partly.
 */
export function extractPdfText(pdf: Uint8Array): string {
  const objects = indexObjects(Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength));
  return pageContentStreams(objects)
    .map((content) => textOfContentStream(content))
    .join('\n')
    .split('\n')
    .map((line) => line.replace(/\s+$/, ''))
    .filter((line) => line !== '')
    .join('\n');
}

interface PdfObject {
  dictionary: string;
  stream?: Buffer;
}

/** Objects by number, read in file order; stream bytes are skipped by /Length, never searched. */
function indexObjects(pdf: Buffer): Map<number, PdfObject> {
  const source = pdf.toString('latin1');
  const objects = new Map<number, PdfObject>();
  const header = /(\d+) \d+ obj\b/g;
  let match: RegExpExecArray | null;
  while ((match = header.exec(source)) !== null) {
    const bodyStart = match.index + match[0].length;
    const streamAt = source.indexOf('stream', bodyStart);
    const endAt = source.indexOf('endobj', bodyStart);
    if (endAt < 0) throw new Error('PDF object without endobj');
    if (streamAt < 0 || streamAt > endAt) {
      objects.set(Number(match[1]), { dictionary: source.slice(bodyStart, endAt) });
      header.lastIndex = endAt;
      continue;
    }
    const dictionary = source.slice(bodyStart, streamAt);
    const length = /\/Length (\d+)(?!\s+\d+\s+R)/.exec(dictionary);
    if (!length) throw new Error('PDF stream without a direct /Length');
    const dataStart = streamAt + 'stream'.length + (source[streamAt + 6] === '\r' ? 2 : 1);
    const raw = pdf.subarray(dataStart, dataStart + Number(length[1]));
    objects.set(Number(match[1]), { dictionary, stream: /\/FlateDecode/.test(dictionary) ? inflateSync(raw) : raw });
    header.lastIndex = source.indexOf('endobj', dataStart + raw.length);
  }
  return objects;
}

function pageContentStreams(objects: Map<number, PdfObject>): Buffer[] {
  const catalog = [...objects.values()].find((object) => /\/Type\s*\/Catalog\b/.test(object.dictionary));
  if (!catalog) throw new Error('PDF without a catalog');
  return pagesUnder(objects, reference(catalog.dictionary, 'Pages'), objects).flatMap((page) =>
    references(page.dictionary, 'Contents').map((number) => objectAt(objects, number).stream ?? Buffer.alloc(0)),
  );
}

/** Leaves of the page tree, in reading order. */
function pagesUnder(objects: Map<number, PdfObject>, number: number, all: Map<number, PdfObject>): PdfObject[] {
  const node = objectAt(all, number);
  if (/\/Type\s*\/Page\b/.test(node.dictionary)) return [node];
  return references(node.dictionary, 'Kids').flatMap((kid) => pagesUnder(objects, kid, all));
}

function objectAt(objects: Map<number, PdfObject>, number: number): PdfObject {
  const object = objects.get(number);
  if (!object) throw new Error(`PDF object ${number} is missing`);
  return object;
}

function reference(dictionary: string, key: string): number {
  const [first] = references(dictionary, key);
  if (first === undefined) throw new Error(`PDF dictionary without /${key}`);
  return first;
}

/** `/Key 5 0 R` or `/Key [5 0 R 9 0 R]`. */
function references(dictionary: string, key: string): number[] {
  const value = new RegExp(`/${key}\\s*(\\[[^\\]]*\\]|\\d+\\s+\\d+\\s+R)`).exec(dictionary);
  if (!value) return [];
  return [...value[1].matchAll(/(\d+)\s+\d+\s+R/g)].map((found) => Number(found[1]));
}

type Operand = number | string | Operand[] | { name: string };

/** Runs the text operators of a content stream and returns the text they show. */
function textOfContentStream(content: Buffer): string {
  let text = '';
  const newLine = (): void => {
    if (text !== '' && !text.endsWith('\n')) text += '\n';
  };
  const show = (operand: Operand | undefined): void => {
    if (typeof operand === 'string') text += operand;
  };
  let operands: Operand[] = [];
  for (const token of tokenize(content)) {
    if (!(typeof token === 'object' && 'operator' in token)) {
      operands.push(token);
      continue;
    }
    switch (token.operator) {
      case 'BT':
      case 'T*':
        newLine();
        break;
      case 'Td':
      case 'TD':
        if (operands[1] !== 0) newLine();
        break;
      case 'Tj':
        show(operands[0]);
        break;
      case "'":
        newLine();
        show(operands[0]);
        break;
      case '"':
        newLine();
        show(operands[2]);
        break;
      case 'TJ':
        for (const part of (operands[0] as Operand[] | undefined) ?? []) {
          // A large negative adjustment is a word gap drawn by positioning, not by a space glyph.
          if (typeof part === 'number' && part < -200) text += ' ';
          else show(part);
        }
        break;
    }
    operands = [];
  }
  return text;
}

type Token = Operand | { operator: string };

/** The content-stream syntax of ISO 32000-1 §7.2–7.3, as much of it as text extraction needs. */
function* tokenize(content: Buffer): Generator<Token> {
  const stack: Operand[][] = [];
  let position = 0;
  const emit = function* (token: Token): Generator<Token> {
    if (stack.length > 0 && !(typeof token === 'object' && 'operator' in token)) stack[stack.length - 1].push(token);
    else yield token;
  };
  while (position < content.length) {
    const byte = content[position];
    const char = String.fromCharCode(byte);
    if (/\s/.test(char) || byte === 0) {
      position++;
    } else if (char === '%') {
      while (position < content.length && content[position] !== 0x0a && content[position] !== 0x0d) position++;
    } else if (char === '(') {
      const [value, next] = literalString(content, position);
      position = next;
      yield* emit(value);
    } else if (char === '<' && content[position + 1] === 0x3c) {
      position += 2; // dictionaries (inline image parameters, marked content): skipped as operands
    } else if (char === '>' && content[position + 1] === 0x3e) {
      position += 2;
    } else if (char === '<') {
      const end = content.indexOf(0x3e, position);
      yield* emit(decodeWinAnsi(Buffer.from(hexPadded(content.toString('latin1', position + 1, end)), 'hex')));
      position = end + 1;
    } else if (char === '[') {
      stack.push([]);
      position++;
    } else if (char === ']') {
      const array = stack.pop() ?? [];
      position++;
      yield* emit(array);
    } else {
      const end = tokenEnd(content, position + 1);
      const word = content.toString('latin1', position, end);
      position = end;
      if (word.startsWith('/')) yield* emit({ name: word.slice(1) });
      else if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(word)) yield* emit(Number(word));
      else yield { operator: word };
    }
  }
}

function tokenEnd(content: Buffer, from: number): number {
  let end = from;
  while (end < content.length && !/[\s()<>[\]{}/%]/.test(String.fromCharCode(content[end])) && content[end] !== 0) end++;
  return end;
}

function hexPadded(hex: string): string {
  const digits = hex.replace(/\s+/g, '');
  return digits.length % 2 === 0 ? digits : `${digits}0`;
}

const ESCAPES: Readonly<Record<string, number>> = { n: 0x0a, r: 0x0d, t: 0x09, b: 0x08, f: 0x0c, '(': 0x28, ')': 0x29, '\\': 0x5c };

/** `(…)` with balanced parentheses and backslash escapes (ISO 32000-1 §7.3.4.2). */
function literalString(content: Buffer, start: number): [string, number] {
  const bytes: number[] = [];
  let depth = 1;
  let position = start + 1;
  while (position < content.length) {
    const byte = content[position++];
    if (byte === 0x5c) {
      const next = String.fromCharCode(content[position]);
      if (/[0-7]/.test(next)) {
        const octal = /^[0-7]{1,3}/.exec(content.toString('latin1', position, position + 3))![0];
        bytes.push(parseInt(octal, 8) & 0xff);
        position += octal.length;
      } else if (next === '\r' || next === '\n') {
        position += next === '\r' && content[position + 1] === 0x0a ? 2 : 1;
      } else {
        bytes.push(ESCAPES[next] ?? content[position]);
        position++;
      }
      continue;
    }
    if (byte === 0x28) depth++;
    if (byte === 0x29 && --depth === 0) break;
    bytes.push(byte);
  }
  return [decodeWinAnsi(Buffer.from(bytes)), position];
}

/** WinAnsiEncoding (ISO 32000-1 Annex D): Latin-1 except for 0x80–0x9F. */
const WIN_ANSI_HIGH: Readonly<Record<number, string>> = {
  0x80: '€', 0x82: '‚', 0x83: 'ƒ', 0x84: '„', 0x85: '…', 0x86: '†', 0x87: '‡', 0x88: 'ˆ', 0x89: '‰', 0x8a: 'Š', 0x8b: '‹',
  0x8c: 'Œ', 0x8e: 'Ž', 0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x95: '•', 0x96: '–', 0x97: '—', 0x98: '˜', 0x99: '™',
  0x9a: 'š', 0x9b: '›', 0x9c: 'œ', 0x9e: 'ž', 0x9f: 'Ÿ',
};

function decodeWinAnsi(bytes: Buffer): string {
  let text = '';
  for (const byte of bytes) text += WIN_ANSI_HIGH[byte] ?? String.fromCharCode(byte);
  return text;
}
