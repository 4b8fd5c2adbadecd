// The holder details staff may correct on an incident, checked with the API's rules
// (HolderCorrectionsDto) before anything is sent, so that the form says what is wrong next to the field.

export const POSTAL_LINES = 5;
export const COMMENT_MAX = 500;

/** What the form holds: every field as typed (empty = unchanged). */
export interface CorrectionFields {
  givenName: string;
  surname: string;
  email: string;
  firm: string;
  postalAddress: string[];
}

export interface HolderCorrections {
  givenName?: string;
  surname?: string;
  email?: string;
  firm?: string;
  postalAddress?: string[];
}

export type CorrectionField = 'givenName' | 'surname' | 'email' | 'firm' | 'postalAddress';

export const CORRECTION_LABELS: Record<CorrectionField, string> = {
  givenName: 'prénom',
  surname: 'nom',
  email: 'adresse électronique',
  firm: 'cabinet',
  postalAddress: 'adresse postale',
};

export const emptyCorrections = (): CorrectionFields => ({ givenName: '', surname: '', email: '', firm: '', postalAddress: Array.from({ length: POSTAL_LINES }, () => '') });

/** Same spirit as the API's IsEmail + IsAscii: one @, a dotted domain, ASCII only (it goes into the certificates). */
const EMAIL = /^[\x21-\x7e]+@[a-z0-9-]+(\.[a-z0-9-]+)+$/i;

/**
 * The corrections to send (only the fields filled in, trimmed) and, per field, what is wrong.
 * `emailAllowed` is false except at the email-proof steps: the field is then not offered.
 */
export function readCorrections(fields: CorrectionFields, emailAllowed: boolean): { corrections: HolderCorrections; problems: Partial<Record<CorrectionField, string>>; none: boolean } {
  const corrections: HolderCorrections = {};
  const problems: Partial<Record<CorrectionField, string>> = {};
  const line = (name: 'givenName' | 'surname' | 'firm', max: number) => {
    const value = fields[name].trim();
    if (!value) return;
    if (value.length > max) problems[name] = `${max} caractères au plus.`;
    corrections[name] = value;
  };
  line('givenName', 100);
  line('surname', 100);
  line('firm', 200);
  const email = emailAllowed ? fields.email.trim() : '';
  if (email) {
    if (email.length > 254 || !EMAIL.test(email)) problems.email = 'Indiquez une adresse électronique valable, sans accent ni espace (par exemple prenom.nom@cabinet.fr).';
    corrections.email = email;
  }
  const lines = fields.postalAddress.map((l) => l.trim()).filter(Boolean);
  if (lines.length > 0) {
    if (lines.length < 2) problems.postalAddress = 'Une adresse postale compte 2 à 5 lignes : complétez-la.';
    else if (lines.some((l) => l.length > 100)) problems.postalAddress = 'Chaque ligne de l’adresse compte 100 caractères au plus.';
    corrections.postalAddress = lines;
  }
  return { corrections, problems, none: Object.keys(corrections).length === 0 };
}

/** "le cabinet et l’adresse postale", for the confirmation. */
export function describeCorrections(corrections: HolderCorrections): string {
  const names = (Object.keys(corrections) as CorrectionField[]).map((field) => {
    const label = CORRECTION_LABELS[field];
    return /^[aeiouyéèêh]/i.test(label) ? `l’${label}` : `le ${label}`;
  });
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} et ${names.at(-1)}`;
}
