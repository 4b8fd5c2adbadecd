/**
 * Typed CA errors. Every error carries a stable `code` and says why in its message; `retryable`
 * tells the caller (a Temporal activity) whether trying again can change the outcome: a bad CSR
 * never becomes good, a busy HSM may.
 */
export abstract class CaError extends Error {
  abstract readonly code: string;
  readonly retryable: boolean = false;
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The request cannot be read as a PKCS#10 CertificationRequest (RFC 2986). */
export class MalformedCsrError extends CaError {
  readonly code = 'CSR_MALFORMED';
}

/** The CSR signature does not verify: no proof that the requester holds the private key. */
export class ProofOfPossessionError extends CaError {
  readonly code = 'CSR_PROOF_OF_POSSESSION_FAILED';
}

/** The public key is below policy: RSA < 2048 bits, a curve other than P-256/P-384, or an unknown algorithm. */
export class KeyPolicyError extends CaError {
  readonly code = 'KEY_REJECTED_BY_POLICY';
}

/** The CSR subject is not the one the registration data gives. */
export class SubjectMismatchError extends CaError {
  readonly code = 'CSR_SUBJECT_MISMATCH';
  constructor(
    message: string,
    readonly differences: readonly string[],
  ) {
    super(message);
  }
}

/** Registration data that cannot go into a certificate (e.g. a non-ASCII email, an over-long name). */
export class InvalidRegistrationError extends CaError {
  readonly code = 'REGISTRATION_NOT_CERTIFIABLE';
}

/** The holder's region is not the one of this issuing CA (contract §1: the holder's regional CA). */
export class WrongIssuingCaError extends CaError {
  readonly code = 'WRONG_ISSUING_CA';
}

/** The serial is not a positive INTEGER of at most 20 octets (RFC 5280 §4.1.2.2). */
export class InvalidSerialError extends CaError {
  readonly code = 'SERIAL_INVALID';
}

/** The issuing CA is not valid at the requested time. */
export class IssuerValidityError extends CaError {
  readonly code = 'ISSUER_NOT_VALID';
}

/** A prepared TBSCertificate presented for signature was not prepared by this CA. */
export class PreparedCertificateError extends CaError {
  readonly code = 'PREPARED_CERTIFICATE_INVALID';
}

export class InvalidRevocationError extends CaError {
  readonly code = 'REVOCATION_INVALID';
}

export class CrlError extends CaError {
  readonly code = 'CRL_INVALID';
}

export class MalformedCrlError extends CaError {
  readonly code = 'CRL_MALFORMED';
}

/** The key store failed (token removed, HSM busy, I/O): may succeed on retry. */
export class KeyStoreError extends CaError {
  readonly code: string = 'KEY_STORE_FAILURE';
  override readonly retryable: boolean = true;
}

export class KeyNotFoundError extends KeyStoreError {
  override readonly code = 'KEY_NOT_FOUND';
  override readonly retryable = false;
}

/**
 * A key pair on a token that is not whole (one half missing, no CKA_ID, attributes that do not
 * decode): retrying the same read gives the same answer. For a holder token being personalised,
 * the pair is destroyed and generated again (holder-token.ts); a CA key store reports it.
 */
export class IncompleteKeyPairError extends KeyStoreError {
  override readonly code = 'KEY_PAIR_INCOMPLETE';
  override readonly retryable = false;
}

/** Refusal to create a key under an id that exists: CA keys are never overwritten. */
export class KeyAlreadyExistsError extends KeyStoreError {
  override readonly code = 'KEY_ALREADY_EXISTS';
  override readonly retryable = false;
}

export class WrongPassphraseError extends KeyStoreError {
  override readonly code = 'KEY_STORE_PASSPHRASE_WRONG';
  override readonly retryable = false;
}

/** Storage refuses to overwrite an entry (CA certificates, key files, ceremony records). */
export class StorageConflictError extends CaError {
  readonly code = 'STORAGE_ENTRY_EXISTS';
}

/** What storage holds contradicts itself (e.g. a CA certificate without its key): operator action needed. */
export class HierarchyStateError extends CaError {
  readonly code = 'HIERARCHY_STATE_INCONSISTENT';
}
