import { NULL, oid, sequence } from './der.js';
import { OID } from './oids.js';

/** Key algorithms a CA or holder key may use (RGS / ETSI TS 119 312 acceptable sizes). */
export const KEY_ALGORITHMS = ['P-256', 'P-384', 'RSA-2048', 'RSA-3072', 'RSA-4096'] as const;
export type KeyAlgorithm = (typeof KEY_ALGORITHMS)[number];

export type HashName = 'sha256' | 'sha384' | 'sha512';

export interface SignatureScheme {
  readonly kind: 'ecdsa' | 'rsa';
  readonly hash: HashName;
  /** AlgorithmIdentifier DER, as written in the certificate, CRL and OCSP response. */
  readonly algorithmIdentifier: Buffer;
}

const ECDSA_SHA256: SignatureScheme = {
  kind: 'ecdsa',
  hash: 'sha256',
  // RFC 5758 §3.2: parameters absent for ecdsa-with-SHA*
  algorithmIdentifier: sequence(oid(OID.ecdsaWithSHA256)),
};
const ECDSA_SHA384: SignatureScheme = {
  kind: 'ecdsa',
  hash: 'sha384',
  algorithmIdentifier: sequence(oid(OID.ecdsaWithSHA384)),
};
const RSA_SHA256: SignatureScheme = {
  kind: 'rsa',
  hash: 'sha256',
  // RFC 4055 §5: parameters NULL for sha*WithRSAEncryption
  algorithmIdentifier: sequence(oid(OID.sha256WithRSAEncryption), NULL),
};

/** The signature scheme a key signs with: the hash matches the curve strength for ECDSA. */
export function signatureSchemeFor(algorithm: KeyAlgorithm): SignatureScheme {
  switch (algorithm) {
    case 'P-256':
      return ECDSA_SHA256;
    case 'P-384':
      return ECDSA_SHA384;
    default:
      return RSA_SHA256;
  }
}

export function isKeyAlgorithm(value: unknown): value is KeyAlgorithm {
  return typeof value === 'string' && (KEY_ALGORITHMS as readonly string[]).includes(value);
}

export function curveOid(algorithm: 'P-256' | 'P-384'): string {
  return algorithm === 'P-256' ? OID.prime256v1 : OID.secp384r1;
}

export function rsaModulusBits(algorithm: KeyAlgorithm): number | undefined {
  const match = /^RSA-(\d+)$/.exec(algorithm);
  return match ? Number(match[1]) : undefined;
}

/** Signature algorithms we accept on a CSR, by OID (RFC 5758, RFC 4055). RSASSA-PSS is not accepted. */
export const CSR_SIGNATURE_ALGORITHMS: Readonly<Record<string, { kind: 'ecdsa' | 'rsa'; hash: HashName }>> = {
  [OID.ecdsaWithSHA256]: { kind: 'ecdsa', hash: 'sha256' },
  [OID.ecdsaWithSHA384]: { kind: 'ecdsa', hash: 'sha384' },
  [OID.ecdsaWithSHA512]: { kind: 'ecdsa', hash: 'sha512' },
  [OID.sha256WithRSAEncryption]: { kind: 'rsa', hash: 'sha256' },
  [OID.sha384WithRSAEncryption]: { kind: 'rsa', hash: 'sha384' },
  [OID.sha512WithRSAEncryption]: { kind: 'rsa', hash: 'sha512' },
};
