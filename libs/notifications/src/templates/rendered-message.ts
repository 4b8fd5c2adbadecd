import type { CertificateProfileName } from '#libs/domain';

/** What every template returns: ready for `Mailer.send` once the addressee is added. */
export interface RenderedMessage {
  subject: string;
  text: string;
  html?: string;
}

/** A date as the workflows carry it: a Date, or an ISO 8601 string after a Temporal payload round trip. */
export type Instant = Date | string;

export interface HolderName {
  givenName: string;
  surname: string;
}

/** One certificate as the holder should recognise it: what it is for, its serial, its end. */
export interface CertificateSummary {
  profile: CertificateProfileName;
  /** Hexadecimal, as printed by certificate viewers. */
  serialNumber: string;
  notAfter: Instant;
}
