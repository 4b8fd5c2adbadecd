import { type RevocationReason, revocationReasonCode } from '#libs/domain';
import type { CertificateAuthority } from './certificate-authority.js';
import { type PkiConfig, truncateToSeconds } from './certificate-profiles.js';
import { sha256Fingerprint } from './certificate-reader.js';
import { signStructure } from './certificate-template.js';
import { explicit, headerSize, integer, sequence, time, writeHeader } from './der.js';
import { CrlError } from './errors.js';
import { authorityKeyIdentifier, crlNumber as crlNumberExtension, invalidityDate, reasonCode } from './extensions.js';
import { serialMagnitude } from './serial-numbers.js';

export interface CrlEntry {
  readonly serial: string;
  readonly revokedAt: Date | string;
  readonly reason?: RevocationReason;
  readonly invalidityDate?: Date | string;
}

export interface CrlRequest {
  /** Strictly greater than the previous CRL's (RFC 5280 §5.2.3); see `allocateCrlNumber`. */
  readonly crlNumber: bigint | number | string;
  /** If given, the new number must exceed it. */
  readonly previousCrlNumber?: bigint | number | string;
  readonly thisUpdate: Date;
  /** Defaults to thisUpdate + config.crlValidityHours; may not be later. */
  readonly nextUpdate?: Date;
  readonly entries: Iterable<CrlEntry>;
}

export interface SignedCrl {
  readonly issuer: string;
  readonly crlNumber: string;
  readonly thisUpdate: string;
  readonly nextUpdate: string;
  readonly entryCount: number;
  readonly sha256Fingerprint: string;
  /** CertificateList DER (may be megabytes: store it, do not pass it through workflow payloads). */
  readonly der: Buffer;
}

/** v2 (RFC 5280 §5.1.2.1): we use extensions. */
const VERSION_2 = Buffer.of(0x02, 0x01, 0x01);

/**
 * Builds and signs the CRL of `ca` (RFC 5280 §5): v2, AKI and CRL number extensions,
 * per-entry reasonCode (omitted for unspecified, §5.3.1) and invalidityDate (§5.3.2).
 */
export async function signCrl(ca: CertificateAuthority, request: CrlRequest, config: PkiConfig): Promise<SignedCrl> {
  const number = checkedCrlNumber(request);
  const thisUpdate = truncateToSeconds(request.thisUpdate);
  const latest = new Date(thisUpdate.getTime() + config.crlValidityHours * 3_600_000);
  const nextUpdate = request.nextUpdate ? truncateToSeconds(request.nextUpdate) : latest;
  if (nextUpdate <= thisUpdate) throw new CrlError('nextUpdate must be after thisUpdate');
  if (nextUpdate > latest) throw new CrlError(`nextUpdate is more than ${config.crlValidityHours} h after thisUpdate`);
  const { revoked, count } = encodeRevokedCertificates(request.entries);
  const tbs = sequence(
    VERSION_2,
    ca.signatureAlgorithm,
    ca.certificate.subject,
    time(thisUpdate),
    time(nextUpdate),
    revoked,
    explicit(0, sequence(authorityKeyIdentifier(ca.keyIdentifier), crlNumberExtension(number))),
  );
  const der = await signStructure(tbs, ca.signatureAlgorithm, ca.key);
  return {
    issuer: ca.name,
    crlNumber: number.toString(),
    thisUpdate: thisUpdate.toISOString(),
    nextUpdate: nextUpdate.toISOString(),
    entryCount: count,
    sha256Fingerprint: sha256Fingerprint(der),
    der,
  };
}

function checkedCrlNumber(request: CrlRequest): bigint {
  let number: bigint;
  try {
    number = BigInt(request.crlNumber);
  } catch {
    throw new CrlError(`CRL number ${String(request.crlNumber)} is not an integer`);
  }
  if (number < 0n || integer(number).length - 2 > 20) throw new CrlError('CRL number must be 0..2^159 (RFC 5280 §5.2.3)');
  if (request.previousCrlNumber !== undefined && number <= BigInt(request.previousCrlNumber)) {
    throw new CrlError(`CRL number ${number} does not exceed the previous one, ${request.previousCrlNumber}`);
  }
  return number;
}

const REASON_EXTENSIONS = new Map<number, Buffer>();

/**
 * revokedCertificates written straight into one buffer: each entry is
 * SEQUENCE { INTEGER serial, Time revocationDate, [SEQUENCE { reasonCode, invalidityDate }] }.
 * Two passes (measure, then write) keep 100,000 entries linear and allocation-light; a generic
 * ASN.1 builder spends ~18 s there (shared/STACK-NOTES.md). Empty lists are omitted (§5.1.2.6).
 */
export function encodeRevokedCertificates(entries: Iterable<CrlEntry>): { revoked: Buffer; count: number } {
  const timeCache = new Map<number, Buffer>();
  const encodeTime = (value: Date | string): Buffer => {
    const millis = new Date(value).getTime();
    if (Number.isNaN(millis)) throw new CrlError(`invalid revocation date ${String(value)}`);
    const seconds = Math.floor(millis / 1000);
    let encoded = timeCache.get(seconds);
    if (!encoded) {
      encoded = time(new Date(seconds * 1000));
      timeCache.set(seconds, encoded);
    }
    return encoded;
  };
  const serials: Buffer[] = [];
  const dates: Buffer[] = [];
  const extensions: (Buffer | undefined)[] = [];
  const seen = new Set<string>();
  let total = 0;
  for (const entry of entries) {
    const serial = serialMagnitude(entry.serial);
    const key = serial.toString('hex');
    if (seen.has(key)) throw new CrlError(`serial ${key.toUpperCase()} is listed twice`);
    seen.add(key);
    const date = encodeTime(entry.revokedAt);
    const entryExtensions = encodeEntryExtensions(entry);
    const serialLength = serial.length + (serial[0] & 0x80 ? 1 : 0);
    const contentLength = 2 + serialLength + date.length + (entryExtensions?.length ?? 0);
    total += headerSize(contentLength) + contentLength;
    serials.push(serial);
    dates.push(date);
    extensions.push(entryExtensions);
  }
  if (serials.length === 0) return { revoked: Buffer.alloc(0), count: 0 };
  const out = Buffer.allocUnsafe(headerSize(total) + total);
  let offset = writeHeader(out, 0, 0x30, total);
  for (let i = 0; i < serials.length; i++) {
    const serial = serials[i];
    const pad = serial[0] & 0x80 ? 1 : 0;
    const serialLength = serial.length + pad;
    const contentLength = 2 + serialLength + dates[i].length + (extensions[i]?.length ?? 0);
    offset = writeHeader(out, offset, 0x30, contentLength);
    out[offset++] = 0x02;
    out[offset++] = serialLength;
    if (pad) out[offset++] = 0x00;
    offset += serial.copy(out, offset);
    offset += dates[i].copy(out, offset);
    if (extensions[i]) offset += extensions[i]!.copy(out, offset);
  }
  return { revoked: out, count: serials.length };
}

function encodeEntryExtensions(entry: CrlEntry): Buffer | undefined {
  const code = entry.reason === undefined ? 0 : revocationReasonCode(entry.reason);
  const parts: Buffer[] = [];
  if (code !== 0) {
    let reason = REASON_EXTENSIONS.get(code);
    if (!reason) REASON_EXTENSIONS.set(code, (reason = reasonCode(code)));
    parts.push(reason);
  }
  if (entry.invalidityDate !== undefined) {
    const date = new Date(entry.invalidityDate);
    if (Number.isNaN(date.getTime())) throw new CrlError(`invalid invalidityDate ${String(entry.invalidityDate)}`);
    parts.push(invalidityDate(truncateToSeconds(date)));
  }
  return parts.length ? sequence(...parts) : undefined;
}
