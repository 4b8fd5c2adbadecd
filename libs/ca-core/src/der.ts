/**
 * Minimal DER (X.690) encoder and reader.
 *
 * Why not the generic ASN.1 builders: issuing a certificate through @peculiar/asn1-schema
 * spends ~10 ms in pure-JS encoding (97 certs/s measured, shared/STACK-NOTES.md) while the
 * signature costs ~0.15 ms. Certificates, CRL entries and OCSP responses have fixed shapes, so we
 * concatenate pre-encoded parts instead. Only single-byte tags (tag number < 31) are needed.
 */

export class DerError extends Error {
  override readonly name = 'DerError';
}

// ---------------------------------------------------------------- encoding

export function encodeLength(length: number): Buffer {
  if (length < 0x80) return Buffer.of(length);
  if (length < 0x100) return Buffer.of(0x81, length);
  if (length < 0x10000) return Buffer.of(0x82, length >> 8, length & 0xff);
  if (length < 0x1000000) return Buffer.of(0x83, length >> 16, (length >> 8) & 0xff, length & 0xff);
  return Buffer.of(0x84, (length >>> 24) & 0xff, (length >> 16) & 0xff, (length >> 8) & 0xff, length & 0xff);
}

/** Size of the header (tag + length octets) for a content of `length` bytes. */
export function headerSize(length: number): number {
  return length < 0x80 ? 2 : length < 0x100 ? 3 : length < 0x10000 ? 4 : length < 0x1000000 ? 5 : 6;
}

/** Writes tag + length at `offset`, returns the offset just after the header. */
export function writeHeader(target: Buffer, offset: number, tag: number, length: number): number {
  target[offset++] = tag;
  if (length < 0x80) {
    target[offset++] = length;
    return offset;
  }
  const octets = headerSize(length) - 2;
  target[offset++] = 0x80 | octets;
  for (let i = octets - 1; i >= 0; i--) target[offset++] = (length / 2 ** (8 * i)) & 0xff;
  return offset;
}

export function tlv(tag: number, ...contents: Uint8Array[]): Buffer {
  let length = 0;
  for (const part of contents) length += part.length;
  const out = Buffer.allocUnsafe(headerSize(length) + length);
  let offset = writeHeader(out, 0, tag, length);
  for (const part of contents) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

export const sequence = (...contents: Uint8Array[]): Buffer => tlv(0x30, ...contents);
export const set = (...contents: Uint8Array[]): Buffer => tlv(0x31, ...contents);
export const octetString = (value: Uint8Array): Buffer => tlv(0x04, value);
export const NULL = Buffer.of(0x05, 0x00);
export const TRUE = Buffer.of(0x01, 0x01, 0xff);

/** BIT STRING with `unusedBits` trailing bits ignored in the last octet. */
export const bitString = (value: Uint8Array, unusedBits = 0): Buffer => tlv(0x03, Buffer.of(unusedBits), value);

/** [n] EXPLICIT (constructed, context-specific). */
export const explicit = (tagNumber: number, ...contents: Uint8Array[]): Buffer => tlv(0xa0 | tagNumber, ...contents);

/** [n] IMPLICIT over a primitive type (context-specific, primitive). */
export const implicitPrimitive = (tagNumber: number, value: Uint8Array): Buffer => tlv(0x80 | tagNumber, value);

/** INTEGER from the unsigned big-endian magnitude: minimal octets, a leading 0x00 if the top bit is set. */
export function unsignedInteger(magnitude: Uint8Array): Buffer {
  let start = 0;
  while (start < magnitude.length - 1 && magnitude[start] === 0) start++;
  const trimmed = magnitude.subarray(start);
  if (trimmed.length === 0) return Buffer.of(0x02, 0x01, 0x00);
  return trimmed[0] & 0x80 ? tlv(0x02, Buffer.of(0), trimmed) : tlv(0x02, trimmed);
}

export function integer(value: number | bigint): Buffer {
  let n = BigInt(value);
  if (n < 0n) throw new DerError('negative INTEGER not supported');
  const bytes: number[] = [];
  do {
    bytes.unshift(Number(n & 0xffn));
    n >>= 8n;
  } while (n > 0n);
  return unsignedInteger(Uint8Array.from(bytes));
}

export const enumerated = (value: number): Buffer => {
  const encoded = integer(value);
  encoded[0] = 0x0a;
  return encoded;
};

const oidCache = new Map<string, Buffer>();

/** OBJECT IDENTIFIER (X.690 §8.19); memoised because the same few OIDs recur in every certificate. */
export function oid(dotted: string): Buffer {
  const cached = oidCache.get(dotted);
  if (cached) return cached;
  const arcs = dotted.split('.').map((arc) => {
    if (!/^\d+$/.test(arc)) throw new DerError(`invalid OID ${dotted}`);
    return BigInt(arc);
  });
  if (arcs.length < 2 || arcs[0] > 2n || (arcs[0] < 2n && arcs[1] > 39n)) throw new DerError(`invalid OID ${dotted}`);
  const body: number[] = [];
  for (const arc of [arcs[0] * 40n + arcs[1], ...arcs.slice(2)]) {
    const groups: number[] = [];
    let n = arc;
    do {
      groups.unshift(Number(n & 0x7fn));
      n >>= 7n;
    } while (n > 0n);
    for (let i = 0; i < groups.length - 1; i++) groups[i] |= 0x80;
    body.push(...groups);
  }
  const encoded = tlv(0x06, Uint8Array.from(body));
  oidCache.set(dotted, encoded);
  return encoded;
}

export const utf8String = (value: string): Buffer => tlv(0x0c, Buffer.from(value, 'utf8'));
export const printableString = (value: string): Buffer => tlv(0x13, Buffer.from(value, 'latin1'));
export const ia5String = (value: string): Buffer => tlv(0x16, Buffer.from(value, 'latin1'));

const PRINTABLE = /^[A-Za-z0-9 '()+,\-./:=?]*$/;
export const isPrintableString = (value: string): boolean => PRINTABLE.test(value);
// eslint-disable-next-line no-control-regex
export const isIa5String = (value: string): boolean => /^[\x00-\x7f]*$/.test(value);

function twoDigits(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** "YYMMDDHHMMSSZ" / "YYYYMMDDHHMMSSZ": seconds precision, always UTC (RFC 5280 §4.1.2.5.1-2). */
export function timeDigits(date: Date, fourDigitYear: boolean): string {
  const year = date.getUTCFullYear();
  const y = fourDigitYear ? String(year).padStart(4, '0') : twoDigits(year % 100);
  return (
    y +
    twoDigits(date.getUTCMonth() + 1) +
    twoDigits(date.getUTCDate()) +
    twoDigits(date.getUTCHours()) +
    twoDigits(date.getUTCMinutes()) +
    twoDigits(date.getUTCSeconds()) +
    'Z'
  );
}

export const generalizedTime = (date: Date): Buffer => tlv(0x18, Buffer.from(timeDigits(date, true), 'latin1'));

/** RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050 on. */
export function time(date: Date): Buffer {
  const year = date.getUTCFullYear();
  if (year >= 1950 && year < 2050) return tlv(0x17, Buffer.from(timeDigits(date, false), 'latin1'));
  return generalizedTime(date);
}

// ---------------------------------------------------------------- reading

/** One TLV inside `bytes`: tag, offsets of its header, content and end. */
export interface DerNode {
  readonly tag: number;
  readonly start: number;
  readonly contentStart: number;
  readonly end: number;
}

/** Reads the TLV at `offset`; refuses indefinite lengths, high tag numbers and overruns of `limit`. */
export function readNode(bytes: Uint8Array, offset: number, limit = bytes.length): DerNode {
  if (offset + 2 > limit) throw new DerError('truncated DER');
  const tag = bytes[offset];
  if ((tag & 0x1f) === 0x1f) throw new DerError('high tag numbers are not supported');
  let cursor = offset + 1;
  let length = bytes[cursor++];
  if (length & 0x80) {
    const octets = length & 0x7f;
    if (octets === 0 || octets > 4) throw new DerError('unsupported DER length');
    if (cursor + octets > limit) throw new DerError('truncated DER length');
    length = 0;
    for (let i = 0; i < octets; i++) length = length * 256 + bytes[cursor++];
  }
  const end = cursor + length;
  if (end > limit) throw new DerError('DER content overruns its container');
  return { tag, start: offset, contentStart: cursor, end };
}

/** Reads the single TLV that must span all of `bytes`. */
export function readRoot(bytes: Uint8Array): DerNode {
  const node = readNode(bytes, 0);
  if (node.end !== bytes.length) throw new DerError('trailing bytes after DER value');
  return node;
}

export function children(bytes: Uint8Array, parent: DerNode): DerNode[] {
  const out: DerNode[] = [];
  for (let offset = parent.contentStart; offset < parent.end; ) {
    const child = readNode(bytes, offset, parent.end);
    out.push(child);
    offset = child.end;
  }
  return out;
}

export function expectTag(node: DerNode | undefined, tag: number, what: string): DerNode {
  if (!node || node.tag !== tag) throw new DerError(`expected ${what}`);
  return node;
}

export const contentOf = (bytes: Uint8Array, node: DerNode): Buffer =>
  Buffer.from(bytes.buffer, bytes.byteOffset + node.contentStart, node.end - node.contentStart);

export const encodedOf = (bytes: Uint8Array, node: DerNode): Buffer =>
  Buffer.from(bytes.buffer, bytes.byteOffset + node.start, node.end - node.start);

export function decodeOid(content: Uint8Array): string {
  if (content.length === 0) throw new DerError('empty OID');
  const arcs: bigint[] = [];
  let value = 0n;
  for (const byte of content) {
    value = (value << 7n) | BigInt(byte & 0x7f);
    if (!(byte & 0x80)) {
      arcs.push(value);
      value = 0n;
    }
  }
  if (content[content.length - 1] & 0x80) throw new DerError('truncated OID');
  const first = arcs[0] < 40n ? 0n : arcs[0] < 80n ? 1n : 2n;
  return [first, arcs[0] - first * 40n, ...arcs.slice(1)].join('.');
}

export function readOid(bytes: Uint8Array, node: DerNode): string {
  return decodeOid(contentOf(bytes, expectTag(node, 0x06, 'OBJECT IDENTIFIER')));
}

/** Parses UTCTime (0x17) or GeneralizedTime (0x18) in the DER forms RFC 5280 allows. */
export function readTime(bytes: Uint8Array, node: DerNode): Date {
  const text = contentOf(bytes, node).toString('latin1');
  let match: RegExpMatchArray | null;
  if (node.tag === 0x17 && (match = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text))) {
    const yy = Number(match[1]);
    return utc(yy < 50 ? 2000 + yy : 1900 + yy, match.slice(2));
  }
  if (node.tag === 0x18 && (match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:\.\d+)?Z$/.exec(text))) {
    return utc(Number(match[1]), match.slice(2));
  }
  throw new DerError(`invalid time ${JSON.stringify(text)}`);
}

function utc(year: number, rest: string[]): Date {
  const [month, day, hours, minutes, seconds] = rest.map(Number);
  return new Date(Date.UTC(year, month - 1, day, hours, minutes, seconds));
}
