import { type KeyObject, createHash, createPublicKey, verify } from 'node:crypto';
import * as asn1js from 'asn1js';
import { Certificate, type RelativeDistinguishedNames } from 'pkijs';
import { CSR_SIGNATURE_ALGORITHMS } from '#libs/ca-core';

/** Signature algorithm OIDs that name only the key type; the hash then comes from the digest algorithm (RFC 5652 §5.4). */
const KEY_ONLY_ALGORITHMS: Record<string, 'rsa' | 'ecdsa'> = {
  '1.2.840.113549.1.1.1': 'rsa',
  '1.2.840.10045.2.1': 'ecdsa',
};

export const DIGEST_ALGORITHMS: Record<string, 'sha256' | 'sha384' | 'sha512'> = {
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

export function parseCertificate(der: Uint8Array): Certificate {
  return Certificate.fromBER(der);
}

export const certificateDer = (certificate: Certificate): Uint8Array => new Uint8Array(certificate.toSchema(true).toBER());

export function spkiDer(certificate: Certificate): Uint8Array {
  return new Uint8Array(certificate.subjectPublicKeyInfo.toSchema().toBER());
}

export function publicKeyOf(certificate: Certificate): KeyObject {
  return createPublicKey({ key: Buffer.from(spkiDer(certificate)), format: 'der', type: 'spki' });
}

/** The hash a signature algorithm uses, or undefined if we do not support it. */
export function signatureHash(algorithmOid: string, digestOid?: string): string | undefined {
  const scheme = CSR_SIGNATURE_ALGORITHMS[algorithmOid];
  if (scheme) return scheme.hash;
  if (KEY_ONLY_ALGORITHMS[algorithmOid] && digestOid) return DIGEST_ALGORITHMS[digestOid];
  return undefined;
}

export function verifyWithKey(hash: string, data: Uint8Array, key: KeyObject, signature: Uint8Array): boolean {
  try {
    return verify(hash, data, { key, dsaEncoding: 'der' }, signature);
  } catch {
    return false;
  }
}

/** Whether `issuer`'s key signed `certificate`, checked over the raw TBS bytes as received. */
export function isSignedBy(certificate: Certificate, issuer: Certificate): boolean {
  const hash = signatureHash(certificate.signatureAlgorithm.algorithmId);
  if (!hash) return false;
  return verifyWithKey(hash, certificate.tbsView, publicKeyOf(issuer), certificate.signatureValue.valueBlock.valueHexView);
}

export function nameDer(name: RelativeDistinguishedNames): Buffer {
  return Buffer.from(name.valueBeforeDecode.byteLength > 0 ? name.valueBeforeDecode : name.toSchema().toBER());
}

export const sameName = (a: RelativeDistinguishedNames, b: RelativeDistinguishedNames): boolean => nameDer(a).equals(nameDer(b));

const ATTRIBUTE_NAMES: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.4': 'SN',
  '2.5.4.42': 'GN',
  '2.5.4.5': 'serialNumber',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '1.2.840.113549.1.9.1': 'emailAddress',
};

/** An RFC 4514-like one-line rendering for people. */
export function describeName(name: RelativeDistinguishedNames): string {
  return name.typesAndValues
    .map((attribute) => {
      const value = attribute.value as asn1js.BaseStringBlock | asn1js.AsnType;
      const text = 'valueBlock' in value && typeof (value.valueBlock as { value?: unknown }).value === 'string'
        ? (value.valueBlock as { value: string }).value
        : '#';
      return `${ATTRIBUTE_NAMES[attribute.type] ?? attribute.type}=${text}`;
    })
    .join(', ');
}

export function serialHex(certificate: Certificate): string {
  let bytes = Buffer.from(certificate.serialNumber.valueBlock.valueHexView);
  while (bytes.length > 1 && bytes[0] === 0) bytes = bytes.subarray(1);
  return bytes.toString('hex').toUpperCase();
}

export function sha(hash: string, data: Uint8Array): Buffer {
  return createHash(hash).update(data).digest();
}

export function isValidAt(certificate: Certificate, when: Date): boolean {
  return certificate.notBefore.value <= when && when <= certificate.notAfter.value;
}
