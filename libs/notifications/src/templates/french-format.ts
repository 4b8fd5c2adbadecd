import { REGIONS, type CertificateProfileName, type RegionCode } from '#libs/domain';
import type { CertificateSummary, HolderName, Instant } from './rendered-message.js';

/** Holders read times in the time of metropolitan France, where the CA operates. */
const PARIS = 'Europe/Paris';

const DATE = new Intl.DateTimeFormat('fr-FR', { timeZone: PARIS, dateStyle: 'long' });
const DATE_TIME = new Intl.DateTimeFormat('fr-FR', { timeZone: PARIS, dateStyle: 'long', timeStyle: 'short' });

/** « 1er janvier 2026 » */
export function frenchDate(instant: Instant): string {
  return firstOfMonth(DATE.format(toDate(instant)));
}

/** « 1er janvier 2026 à 14:30 » (heure de Paris) */
export function frenchDateTime(instant: Instant): string {
  return firstOfMonth(DATE_TIME.format(toDate(instant)));
}

export function holderFullName(holder: HolderName): string {
  return `${holder.givenName} ${holder.surname}`;
}

/** The regional council by its name, as holders know it. */
export function regionalCouncil(region: RegionCode): string {
  return `Conseil régional de l’Ordre des experts-comptables ${REGIONS[region]}`;
}

/** The two certificates in the contract's words (§3.1). */
export const PROFILE_IN_WORDS: Readonly<Record<CertificateProfileName, string>> = {
  signature: 'certificat de signature électronique',
  authentication: 'certificat d’authentification',
};

/** « - certificat de signature électronique, n° de série 0A1B…, valable jusqu’au 1er janvier 2028 » */
export function certificateLines(certificates: readonly CertificateSummary[]): string {
  return nonEmpty(certificates, 'certificates')
    .map((certificate) => `  - ${PROFILE_IN_WORDS[certificate.profile]}, n° de série ${certificate.serialNumber}, valable jusqu’au ${frenchDate(certificate.notAfter)}`)
    .join('\n');
}

/** A message about « vos certificats » or « les demandes » that lists none is a caller's bug, not a mail to send. */
export function nonEmpty<T>(items: readonly T[], what: string): readonly T[] {
  if (items.length === 0) throw new Error(`a message listing ${what} needs at least one`);
  return items;
}

function toDate(instant: Instant): Date {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) throw new Error(`not a date: ${String(instant)}`);
  return date;
}

/** French writes the first day of a month as an ordinal: « 1er mars », « 2 mars ». */
function firstOfMonth(formatted: string): string {
  return formatted.replace(/^1 /, '1er ');
}
