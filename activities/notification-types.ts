import type { CertificateProfileName, RegionCode, RevocationGround } from '#libs/domain';

/** The messages a holder receives during a cycle (rendered in French by libs/notifications). */
export type HolderNotice =
  | { kind: 'registration-received'; region: RegionCode; receivedAt: string }
  | { kind: 'registration-refused'; registrationNumber: string }
  | { kind: 'information-requested'; message: string }
  | { kind: 'rejected'; reason: string }
  | { kind: 'cancelled' }
  | { kind: 'abandoned'; because: 'email-not-confirmed' | 'documents-missing' }
  | { kind: 'certificates-issued'; region: RegionCode; certificates: { profile: CertificateProfileName; serial: string; notAfter: string }[] }
  | { kind: 'renewal-reminder'; daysLeft: 90 | 30 | 7; certificates: { profile: CertificateProfileName; serial: string; notAfter: string }[] }
  | {
      kind: 'revoked';
      ground: RevocationGround;
      revokedAt: string;
      certificates: { profile: CertificateProfileName; serial: string }[];
    }
  | { kind: 'new-cycle-offered'; changes: string[] };

/** The few holder details a message needs; they travel encrypted in Temporal payloads. */
export interface Addressee {
  givenName: string;
  surname: string;
  email: string;
}
