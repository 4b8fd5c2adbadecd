/**
 * The two certificates of a subscription (contract §3.1, §8.2): each has one use and one only,
 * and they are not interchangeable.
 */
export const CERTIFICATE_PROFILES = ['signature', 'authentication'] as const;

export type CertificateProfileName = (typeof CERTIFICATE_PROFILES)[number];

export function isCertificateProfileName(value: unknown): value is CertificateProfileName {
  return typeof value === 'string' && (CERTIFICATE_PROFILES as readonly string[]).includes(value);
}
