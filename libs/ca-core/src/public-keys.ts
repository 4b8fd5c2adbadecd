import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import { type KeyAlgorithm, curveOid } from './algorithms.js';
import {
  bitString,
  children,
  contentOf,
  DerError,
  expectTag,
  NULL,
  oid,
  readNode,
  readOid,
  readRoot,
  sequence,
  unsignedInteger,
} from './der.js';
import { OID } from './oids.js';

/** SubjectPublicKeyInfo of an uncompressed EC point (RFC 5480 §2). */
export function ecSpki(algorithm: 'P-256' | 'P-384', point: Uint8Array): Buffer {
  return sequence(sequence(oid(OID.ecPublicKey), oid(curveOid(algorithm))), bitString(point));
}

/** SubjectPublicKeyInfo of an RSA key (RFC 3279 §2.3.1). */
export function rsaSpki(modulus: Uint8Array, publicExponent: Uint8Array): Buffer {
  return sequence(
    sequence(oid(OID.rsaEncryption), NULL),
    bitString(sequence(unsignedInteger(modulus), unsignedInteger(publicExponent))),
  );
}

/** The subjectPublicKey BIT STRING content (without the unused-bits octet). */
export function subjectPublicKeyBits(spki: Uint8Array): Buffer {
  const root = readRoot(spki);
  const [, key] = children(spki, root);
  const bits = contentOf(spki, expectTag(key, 0x03, 'subjectPublicKey BIT STRING'));
  return bits.subarray(1);
}

/**
 * Key identifier by RFC 5280 §4.2.1.2 method (1): SHA-1 of the subjectPublicKey bits. Also used as
 * PKCS#11 CKA_ID so a token's certificate finds its key, and as the OCSP ResponderID byKey and
 * CertID issuerKeyHash (RFC 6960 §4.1.1, §4.2.1).
 */
export function keyIdentifier(spki: Uint8Array): Buffer {
  return createHash('sha1').update(subjectPublicKeyBits(spki)).digest();
}

export type PublicKeyDescription =
  | { kind: 'ec'; curveOid: string; algorithm?: 'P-256' | 'P-384' }
  | { kind: 'rsa'; modulusBits: number; algorithm?: KeyAlgorithm }
  | { kind: 'other'; algorithmOid: string };

/** What kind of key an SPKI holds, read from the DER (the key itself is not validated here). */
export function describePublicKey(spki: Uint8Array): PublicKeyDescription {
  const root = readRoot(spki);
  const [algorithmIdentifier] = children(spki, root);
  const [algorithmOid, parameters] = children(spki, expectTag(algorithmIdentifier, 0x30, 'AlgorithmIdentifier'));
  const algorithm = readOid(spki, algorithmOid);
  if (algorithm === OID.ecPublicKey) {
    const curve = readOid(spki, parameters);
    const named = curve === OID.prime256v1 ? 'P-256' : curve === OID.secp384r1 ? 'P-384' : undefined;
    return { kind: 'ec', curveOid: curve, algorithm: named };
  }
  if (algorithm === OID.rsaEncryption) {
    const bits = subjectPublicKeyBits(spki);
    const rsaKey = readNode(bits, 0);
    const [modulus] = children(bits, expectTag(rsaKey, 0x30, 'RSAPublicKey'));
    let magnitude = contentOf(bits, expectTag(modulus, 0x02, 'modulus'));
    while (magnitude.length > 0 && magnitude[0] === 0) magnitude = magnitude.subarray(1);
    const modulusBits = magnitude.length ? (magnitude.length - 1) * 8 + (32 - Math.clz32(magnitude[0])) : 0;
    const named = `RSA-${modulusBits}`;
    return {
      kind: 'rsa',
      modulusBits,
      algorithm: ['RSA-2048', 'RSA-3072', 'RSA-4096'].includes(named) ? (named as KeyAlgorithm) : undefined,
    };
  }
  return { kind: 'other', algorithmOid: algorithm };
}

/** The KeyAlgorithm of an SPKI, or an error if it is none of ours. */
export function keyAlgorithmOf(spki: Uint8Array): KeyAlgorithm {
  const description = describePublicKey(spki);
  if (description.kind !== 'other' && description.algorithm) return description.algorithm;
  throw new DerError('public key is not one of P-256, P-384, RSA-2048/3072/4096');
}

export function spkiOf(key: KeyObject): Buffer {
  return key.export({ type: 'spki', format: 'der' });
}

export function publicKeyObject(spki: Uint8Array): KeyObject {
  return createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
}

/** IEEE P1363 r||s (what PKCS#11 CKM_ECDSA and WebCrypto return) to a DER Ecdsa-Sig-Value (RFC 3279 §2.2.3). */
export function ecdsaSignatureToDer(raw: Uint8Array): Buffer {
  const half = raw.length / 2;
  return sequence(unsignedInteger(raw.subarray(0, half)), unsignedInteger(raw.subarray(half)));
}

