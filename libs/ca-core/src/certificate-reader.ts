import { createHash } from 'node:crypto';
import { children, contentOf, type DerNode, encodedOf, expectTag, readOid, readRoot, readTime } from './der.js';

export interface CertificateExtension {
  readonly critical: boolean;
  /** extnValue content (the DER inside the OCTET STRING). */
  readonly value: Buffer;
}

/** The parts of an X.509 certificate the CA needs, read straight from the DER (RFC 5280 §4.1). */
export interface ParsedCertificate {
  readonly der: Buffer;
  readonly tbsCertificate: Buffer;
  /** Upper-case hex of the serial INTEGER's content octets, leading 0x00 pad dropped. */
  readonly serialNumber: string;
  /** serialNumber INTEGER, full DER. */
  readonly serialNumberDer: Buffer;
  readonly signatureAlgorithm: Buffer;
  /** The TBSCertificate's own signature AlgorithmIdentifier (must equal signatureAlgorithm). */
  readonly tbsSignatureAlgorithm: Buffer;
  readonly issuer: Buffer;
  readonly subject: Buffer;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly subjectPublicKeyInfo: Buffer;
  readonly extensions: ReadonlyMap<string, CertificateExtension>;
  readonly signatureValue: Buffer;
}

export function parseCertificate(input: Uint8Array): ParsedCertificate {
  const der = Buffer.from(input.buffer, input.byteOffset, input.length);
  const root = readRoot(der);
  const [tbsNode, signatureAlgorithm, signatureValue] = children(der, expectTag(root, 0x30, 'Certificate'));
  const tbs = tbsFields(der, expectTag(tbsNode, 0x30, 'TBSCertificate'));
  return {
    der,
    tbsCertificate: encodedOf(der, tbsNode),
    signatureAlgorithm: encodedOf(der, expectTag(signatureAlgorithm, 0x30, 'signatureAlgorithm')),
    signatureValue: contentOf(der, expectTag(signatureValue, 0x03, 'signatureValue')).subarray(1),
    ...tbs,
  };
}

type TbsFields = Omit<ParsedCertificate, 'der' | 'tbsCertificate' | 'signatureAlgorithm' | 'signatureValue'>;

/** Reads a TBSCertificate node (also used to check a prepared TBSCertificate before signing it). */
export function tbsFields(der: Buffer, tbsNode: DerNode): TbsFields {
  const fields = children(der, tbsNode);
  let index = 0;
  if (fields[0]?.tag === 0xa0) index++; // [0] version
  const serial = expectTag(fields[index++], 0x02, 'serialNumber');
  const tbsSignatureAlgorithm = expectTag(fields[index++], 0x30, 'signature');
  const issuer = expectTag(fields[index++], 0x30, 'issuer');
  const validity = children(der, expectTag(fields[index++], 0x30, 'validity'));
  const subject = expectTag(fields[index++], 0x30, 'subject');
  const spki = expectTag(fields[index++], 0x30, 'subjectPublicKeyInfo');
  const extensions = new Map<string, CertificateExtension>();
  for (; index < fields.length; index++) {
    if (fields[index].tag !== 0xa3) continue; // issuerUniqueID / subjectUniqueID are not used
    const [list] = children(der, fields[index]);
    for (const extension of children(der, expectTag(list, 0x30, 'Extensions'))) {
      const parts = children(der, extension);
      const critical = parts.length === 3 && parts[1].tag === 0x01 && der[parts[1].contentStart] !== 0;
      const value = contentOf(der, expectTag(parts[parts.length - 1], 0x04, 'extnValue'));
      extensions.set(readOid(der, parts[0]), { critical, value });
    }
  }
  let serialContent = contentOf(der, serial);
  if (serialContent.length > 1 && serialContent[0] === 0) serialContent = serialContent.subarray(1);
  return {
    serialNumber: serialContent.toString('hex').toUpperCase(),
    serialNumberDer: encodedOf(der, serial),
    tbsSignatureAlgorithm: encodedOf(der, tbsSignatureAlgorithm),
    issuer: encodedOf(der, issuer),
    subject: encodedOf(der, subject),
    notBefore: readTime(der, validity[0]),
    notAfter: readTime(der, validity[1]),
    subjectPublicKeyInfo: encodedOf(der, spki),
    extensions,
  };
}

/** Upper-case hex SHA-256 of the DER: the fingerprint recorded in ceremony and issuance records. */
export function sha256Fingerprint(der: Uint8Array): string {
  return createHash('sha256').update(der).digest('hex').toUpperCase();
}
