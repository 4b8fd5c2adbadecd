import { profileLabel, revocationGroundLabel } from '../../shared/labels.js';
import { actorLabel } from '../officers/actor-label.js';

/** A step of a subscription as GET /v1/admin/subscriptions/:id gives it. */
export interface StaffTimelineStep {
  state: string;
  at: string;
  by: string | null;
  note: string | null;
}

const FIELD_LABELS: Record<string, string> = {
  givenName: 'prénom',
  surname: 'nom',
  email: 'adresse électronique',
  registrationNumber: 'numéro d’inscription',
  firm: 'cabinet',
  postalAddress: 'adresse postale',
};

const profiles = (list: string) => list.split(' and ').map((profile) => profileLabel(profile).toLowerCase()).join(' et ');

/**
 * The notes the workflow writes in English (workflows/subscription.workflow.ts), in French for the
 * console. Free text typed by staff (a reason) stays as typed; an unknown note is shown unchanged.
 */
const NOTES: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^information requested: ([\s\S]*)$/, (m) => `Informations demandées au titulaire : ${m[1]}`],
  [/^issuance refused by the CA: (.*)$/, (m) => `Émission refusée par l’AC : ${m[1]}`],
  [/^payment recorded: (.*)$/, (m) => `Paiement enregistré (référence ${m[1]})`],
  [/^changes reported: (.*)$/, (m) => `Changements signalés : ${m[1]!.split(', ').map((field) => FIELD_LABELS[field] ?? field).join(', ')}`],
  [/^renewal requested: next cycle (\S+)$/, (m) => `Renouvellement demandé : nouveau dossier ${m[1]}`],
  [/^renewal reminder, (\d+) days before expiry$/, (m) => `Rappel de renouvellement envoyé, ${m[1]} jours avant l’expiration`],
  [/^token (.+) handed over$/, (m) => `Support n° ${m[1]} remis au titulaire`],
  [/^token handed over$/, () => 'Support remis au titulaire'],
  [/^superseded by (\S+)$/, (m) => `Remplacé par le dossier ${m[1]}`],
  [/^([a-z-]+): no certificate revoked$/, (m) => `${revocationGroundLabel(m[1]!)} : aucun certificat à révoquer`],
  [/^([a-z-]+): (.+) revoked$/, (m) => `${revocationGroundLabel(m[1]!)} : certificat(s) ${profiles(m[2]!)} révoqué(s)`],
];

export function staffNote(note: string): string {
  for (const [pattern, sentence] of NOTES) {
    const match = pattern.exec(note);
    if (match) return sentence(match);
  }
  return note;
}

/** The timeline for staff: who in words (names from the staff directory), notes in French. */
export function staffTimeline(timeline: StaffTimelineStep[]): StaffTimelineStep[] {
  return timeline.map((step) => ({ ...step, by: step.by ? actorLabel(step.by) : null, note: step.note ? staffNote(step.note) : null }));
}
