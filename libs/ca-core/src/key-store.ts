import type { KeyAlgorithm } from './algorithms.js';

/**
 * Anything that signs with a private key it never reveals: a CA key in an HSM, a holder key on a
 * token, an encrypted software key.
 */
export interface Signer {
  readonly algorithm: KeyAlgorithm;
  /** SubjectPublicKeyInfo DER of the key pair. */
  readonly publicKey: Buffer;
  /**
   * Signs `data` with the algorithm's scheme (`signatureSchemeFor`) and returns the value that goes
   * into an X.509 BIT STRING: a DER Ecdsa-Sig-Value (RFC 3279 §2.2.3) or a
   * PKCS#1 v1.5 signature.
   */
  sign(data: Uint8Array): Promise<Buffer>;
}

/** A CA's signing key, named in its store. */
export interface CaSigningKey extends Signer {
  /** Name of the key in its store (PKCS#11 CKA_LABEL, or the software key file name). */
  readonly keyId: string;
}

/**
 * Where CA keys live. Implementations: `Pkcs11KeyStore` (an HSM; SoftHSM in dev and tests) and
 * `SoftwareKeyStore` (passphrase-encrypted files, the zero-setup default only).
 */
export interface KeyStore {
  readonly kind: 'pkcs11' | 'software';
  /** The key named `keyId`, or undefined if the store has none. */
  findKey(keyId: string): Promise<CaSigningKey | undefined>;
  /** Generates a key named `keyId`; throws KeyAlreadyExistsError rather than ever replacing one. */
  generateKey(keyId: string, algorithm: KeyAlgorithm): Promise<CaSigningKey>;
  close(): Promise<void>;
}

/** Key ids are used as file names and PKCS#11 labels: keep them plain. */
export const KEY_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
