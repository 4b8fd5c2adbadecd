// The CA core (DESIGN.md "libs/ca-core"): keys, profiles, issuance, revocation, CRL, OCSP.
// No database, no Temporal: callers pass what is needed (including the time) and persist the
// records returned.

export * from './algorithms.js';
export * from './errors.js';
export * from './serial-numbers.js';
export * from './pem.js';
export { OID } from './oids.js';
export { DerError } from './der.js';

export * from './key-store.js';
export * from './software-key-store.js';
export * from './pkcs11-token.js';
export * from './pkcs11-key-store.js';
export * from './holder-token.js';
export * from './ca-storage.js';

export * from './names.js';
export * from './certificate-profiles.js';
export { type PolicyReference } from './extensions.js';
export * from './certificate-reader.js';
export * from './certificate-authority.js';
export * from './certification-request.js';
export * from './csr-checks.js';
export * from './holder-issuance.js';
export * from './ca-certificates.js';
export * from './hierarchy.js';
export { keyIdentifier, describePublicKey, spkiOf } from './public-keys.js';

export * from './revocation.js';
export * from './crl-builder.js';
export * from './crl-numbers.js';
export * from './crl-scan.js';
export * from './ocsp-request.js';
export * from './ocsp-responder.js';
