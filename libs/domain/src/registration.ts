import type { RegionCode } from './regions.js';

/** What the holder declares at registration (contract §4.1); it ends up in the certificates' subject. */
export interface HolderRegistration {
  givenName: string;
  surname: string;
  /** Professional email, proven by the emailed link, written in subjectAltName. */
  email: string;
  /** Number on the roll of the Ordre (tableau de l'Ordre). */
  registrationNumber: string;
  region: RegionCode;
  firm?: string;
  /** Where the activation letter is posted (contract §5), one line per element. */
  postalAddress?: string[];
  /** Version of the general conditions the holder accepted, and when. */
  acceptedConditions: { version: string; acceptedAt: string };
}

/** Version of the general conditions in force (shared/seed/conditions-generales-signexpert.txt). */
export const CURRENT_CONDITIONS_VERSION = '2024-01';
