import { REVOCATION_GROUND_LABELS } from '../shared/labels.js';

// The holder's words for what the API says in codes: who acts, why a cycle ended, what changed.

/** Who acted on a step, seen from the holder's side (the API gives roles, never staff names). */
const ACTORS: Record<string, string> = {
  holder: 'à votre demande',
  'ecma-operator': 'par l’ECMA',
  'croec-agent': 'par votre CROEC',
  'csoec-officer': 'par le CSOEC',
  'ca-officer': 'par l’Autorité de certification',
};

export const actorPhrase = (by: string | null): string | undefined => (by ? ACTORS[by] : undefined);

/** Every revocation ground, including those the system alone sets (libs/domain REVOCATION_GROUNDS). */
export function groundLabel(ground: string): string {
  const systemGrounds: Record<string, string> = {
    'identity-not-verified': 'identité non confirmée lors de la remise',
    'token-not-delivered': 'clé non retirée dans le délai de 90 jours',
    superseded: 'remplacés par vos certificats renouvelés',
    'closed-after-incident': 'demande close par le service ECMA après un incident technique',
  };
  return systemGrounds[ground] ?? REVOCATION_GROUND_LABELS[ground] ?? ground;
}

/** Why a request was abandoned (the workflow's reasons). */
export const ABANDON_REASONS: Record<string, string> = {
  'email-not-confirmed': 'l’adresse électronique n’a pas été confirmée dans les 7 jours',
  'documents-missing': 'la copie de la pièce d’identité n’a pas été reçue dans les 30 jours',
};

/** The registration fields a holder may change (contract §12.2), as the change form names them. */
export const CHANGE_FIELD_LABELS: Record<string, string> = {
  givenName: 'prénom',
  surname: 'nom',
  email: 'adresse électronique',
  registrationNumber: 'numéro d’inscription',
  firm: 'cabinet',
};

export const changedFieldsPhrase = (fields: string): string =>
  fields
    .split(',')
    .map((field) => CHANGE_FIELD_LABELS[field.trim()] ?? field.trim())
    .join(', ');
