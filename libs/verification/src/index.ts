// Signature verification (issue 6, contract §10.2: the free verification tool). Reads CMS with
// pkijs and CRLs with ca-core's DER scanner; no network: callers pass CRLs and an OCSP fetcher.

export { AUTHENTICATION_CERTIFICATE_REASON, type SignatureVerificationRequest, verifySignature } from './verify-signature.js';
export type { OcspFetcher } from './revocation-check.js';
export type { RevocationStatus, SignerDescription, SignerProfile, Verdict, VerificationReport } from './verification-report.js';
