import type { CertificateSummary } from '#libs/api-views';
import type { CertificateRecord } from '#libs/persistence';

/** A certificate record as the holder's and the staff's views show it. */
export function toCertificateSummary(certificate: CertificateRecord): CertificateSummary {
  return {
    serial: certificate.serial,
    profile: certificate.profile,
    notBefore: certificate.notBefore.toISOString(),
    notAfter: certificate.notAfter.toISOString(),
    revokedAt: certificate.revokedAt?.toISOString() ?? null,
    revocationReason: certificate.revocationReason,
  };
}
