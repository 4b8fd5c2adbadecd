/** A certificate as the holder's and the staff's views show it: dates as ISO strings, no DER. */
export interface CertificateSummary {
  serial: string;
  profile: string;
  notBefore: string;
  notAfter: string;
  revokedAt: string | null;
  /** RFC 5280 reason name (e.g. keyCompromise). */
  revocationReason: string | null;
}
