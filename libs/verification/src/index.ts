// Signature verification (issue 6, contract §10.2: the free verification tool). Reads CMS with
// pkijs and CRLs with ca-core's DER scanner; no network: callers pass CRLs and fetchers (the CLI
// fetches from the URLs in the certificates, the API reads its own CRLs and OCSP responder).

export { AUTHENTICATION_CERTIFICATE_REASON, type SignatureVerificationRequest, verifySignature } from './verify-signature.js';
export type { CrlFetcher, IssuerFetcher, OcspFetcher } from './revocation-check.js';
export { type RevocationStatus, type SignerDescription, type SignerProfile, type Verdict, type VerificationReport, type VerificationReportJson, reportToJson } from './verification-report.js';
export { type CertificateUrls, certificateUrls } from './certificate-urls.js';
export { createOcspRequest } from './ocsp-request.js';
export { certificateProfile } from './signer-profile.js';
