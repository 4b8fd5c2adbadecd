import { verify } from 'node:crypto';
import { CSR_SIGNATURE_ALGORITHMS } from './algorithms.js';
import {
  children,
  contentOf,
  type DerNode,
  encodedOf,
  expectTag,
  readNode,
  readOid,
  readRoot,
  readTime,
} from './der.js';
import { MalformedCrlError } from './errors.js';
import { OID } from './oids.js';
import { publicKeyObject } from './public-keys.js';
import { serialMagnitude } from './serial-numbers.js';

/**
 * Reading CRLs by walking the DER, without building an object per entry: a 100,000-entry CRL
 * is scanned in milliseconds, where asn1js needs raised limits and seconds.
 */

export interface CrlSummary {
  readonly tbsCertList: Buffer;
  readonly signatureAlgorithm: string;
  readonly signature: Buffer;
  readonly issuer: Buffer;
  readonly thisUpdate: Date;
  readonly nextUpdate?: Date;
  readonly crlNumber?: bigint;
  readonly entryCount: number;
}

export interface RevokedEntry {
  readonly serial: string;
  readonly revokedAt: Date;
  readonly reasonCode?: number;
  readonly invalidityDate?: Date;
}

interface CrlLayout {
  der: Buffer;
  tbs: DerNode;
  algorithm: DerNode;
  signature: DerNode;
  issuer: DerNode;
  thisUpdate: DerNode;
  nextUpdate?: DerNode;
  revoked?: DerNode;
  extensions?: DerNode;
}

function layout(input: Uint8Array): CrlLayout {
  try {
    const der = Buffer.from(input.buffer, input.byteOffset, input.length);
    const [tbs, algorithm, signature] = children(der, expectTag(readRoot(der), 0x30, 'CertificateList'));
    expectTag(tbs, 0x30, 'TBSCertList');
    const fields = children(der, tbs);
    let index = fields[0]?.tag === 0x02 ? 1 : 0; // version
    index++; // signature AlgorithmIdentifier
    const issuer = expectTag(fields[index++], 0x30, 'issuer');
    const thisUpdate = fields[index++];
    const result: CrlLayout = { der, tbs, algorithm, signature: expectTag(signature, 0x03, 'signature'), issuer, thisUpdate };
    if (fields[index]?.tag === 0x17 || fields[index]?.tag === 0x18) result.nextUpdate = fields[index++];
    if (fields[index]?.tag === 0x30) result.revoked = fields[index++];
    if (fields[index]?.tag === 0xa0) result.extensions = fields[index++];
    return result;
  } catch (error) {
    throw new MalformedCrlError(`not a CRL: ${(error as Error).message}`);
  }
}

export function readCrl(input: Uint8Array): CrlSummary {
  const crl = layout(input);
  const { der } = crl;
  let entryCount = 0;
  if (crl.revoked) for (let offset = crl.revoked.contentStart; offset < crl.revoked.end; entryCount++) offset = readNode(der, offset, crl.revoked.end).end;
  let crlNumber: bigint | undefined;
  if (crl.extensions) {
    const [list] = children(der, crl.extensions);
    for (const extension of children(der, list)) {
      const parts = children(der, extension);
      if (readOid(der, parts[0]) !== OID.cRLNumber) continue;
      const value = contentOf(der, parts[parts.length - 1]);
      crlNumber = BigInt(`0x${contentOf(value, readRoot(value)).toString('hex') || '0'}`);
    }
  }
  return {
    tbsCertList: encodedOf(der, crl.tbs),
    signatureAlgorithm: readOid(der, children(der, crl.algorithm)[0]),
    signature: contentOf(der, crl.signature).subarray(1),
    issuer: encodedOf(der, crl.issuer),
    thisUpdate: readTime(der, crl.thisUpdate),
    ...(crl.nextUpdate ? { nextUpdate: readTime(der, crl.nextUpdate) } : {}),
    ...(crlNumber !== undefined ? { crlNumber } : {}),
    entryCount,
  };
}

/** The entry of `serial` in the CRL, or undefined: one linear pass, comparing serial octets. */
export function findRevokedEntry(input: Uint8Array, serial: string): RevokedEntry | undefined {
  const crl = layout(input);
  if (!crl.revoked) return undefined;
  const { der } = crl;
  const wanted = serialMagnitude(serial);
  for (let offset = crl.revoked.contentStart; offset < crl.revoked.end; ) {
    const entry = readNode(der, offset, crl.revoked.end);
    offset = entry.end;
    const serialNode = readNode(der, entry.contentStart, entry.end);
    let start = serialNode.contentStart;
    if (der[start] === 0 && serialNode.end - start > 1) start++;
    if (serialNode.end - start !== wanted.length || der.compare(wanted, 0, wanted.length, start, serialNode.end) !== 0) continue;
    return decodeEntry(der, entry);
  }
  return undefined;
}

function decodeEntry(der: Buffer, entry: DerNode): RevokedEntry {
  const [serialNode, dateNode, extensionsNode] = children(der, entry);
  let serial = contentOf(der, serialNode);
  if (serial.length > 1 && serial[0] === 0) serial = serial.subarray(1);
  let reasonCode: number | undefined;
  let invalidityDate: Date | undefined;
  for (const extension of extensionsNode ? children(der, extensionsNode) : []) {
    const parts = children(der, extension);
    const extensionOid = readOid(der, parts[0]);
    const value = contentOf(der, parts[parts.length - 1]);
    if (extensionOid === OID.reasonCode) reasonCode = contentOf(value, readRoot(value))[0];
    if (extensionOid === OID.invalidityDate) invalidityDate = readTime(value, readRoot(value));
  }
  return {
    serial: serial.toString('hex').toUpperCase(),
    revokedAt: readTime(der, dateNode),
    ...(reasonCode !== undefined ? { reasonCode } : {}),
    ...(invalidityDate ? { invalidityDate } : {}),
  };
}

/** Whether the CRL's signature verifies under the issuer's SubjectPublicKeyInfo. */
export function verifyCrlSignature(input: Uint8Array, issuerPublicKey: Uint8Array): boolean {
  const summary = readCrl(input);
  const scheme = CSR_SIGNATURE_ALGORITHMS[summary.signatureAlgorithm];
  if (!scheme) return false;
  try {
    return verify(scheme.hash, summary.tbsCertList, { key: publicKeyObject(issuerPublicKey), dsaEncoding: 'der' }, summary.signature);
  } catch {
    return false;
  }
}
