import type { IncidentDecisionOutcome, IncidentItem } from '../../../../../libs/api-views/src/index.js';
import { ACTION_ORDER, stateLabel, stepLabel, type IncidentActionName } from '../../shared/labels.js';

// Step and action names live in shared/labels.ts (the error texts use them too).
export { ACTION_LABELS, ACTION_ORDER, STEP_LABELS, actionLabel, stepLabel, type IncidentActionName } from '../../shared/labels.js';
import { regionName } from '../dossier/region-name.js';

// The incidents queue in French: what each step is, what each decision does, what happened.
// Pure functions (no DOM, no API): shared by the page, the decision form and the error texts.

/** The steps whose failure concerns the email address itself: only there may staff replace it. */
export const EMAIL_STEPS: ReadonlySet<string> = new Set(['prepareEmailProof', 'sendEmailProof']);

/** What each decision does, said next to its choice. */
export function actionHint(action: IncidentActionName, kind: IncidentItem['kind']): string {
  if (kind === 'crl') return 'Une nouvelle LCR est demandée à l’autorité de la région ; l’incident se ferme de lui-même dès qu’une LCR est publiée.';
  switch (action) {
    case 'retry':
      return 'L’étape est exécutée de nouveau telle quelle : utile quand la cause a disparu (service revenu, panne réparée).';
    case 'correct':
      return 'Les informations indiquées remplacent celles du dossier, puis l’étape est exécutée de nouveau.';
    case 'skip':
      return 'Le message n’est pas envoyé ; le dossier reprend à l’étape suivante.';
    case 'cancel':
      return 'La demande prend fin : avant l’émission, elle est annulée ; les certificats pas encore remis au titulaire sont révoqués.';
  }
}

/** The actions an item offers, in the form's order (never one the API did not list). */
export function offeredActions(item: Pick<IncidentItem, 'actions'>): IncidentActionName[] {
  return ACTION_ORDER.filter((action) => item.actions.includes(action));
}

export const KIND_LABELS: Record<IncidentItem['kind'], string> = {
  subscription: 'Dossier d’un titulaire',
  crl: 'Liste de révocation (LCR)',
};

export const kindLabel = (kind: string): string => KIND_LABELS[kind as IncidentItem['kind']] ?? kind;

/** Whom or what the incident concerns: the holder, the region's CRL, or a request not yet recorded. */
export function incidentSubject(item: Pick<IncidentItem, 'kind' | 'region' | 'holder'>): string {
  if (item.kind === 'crl') return `LCR de la région ${regionName(item.region)}`;
  if (item.holder) return `${item.holder.givenName} ${item.holder.surname}`;
  return 'Demande pas encore enregistrée';
}

/** What `error.retryable` means for the person deciding. */
export function retryMeaning(retryable: boolean): string {
  return retryable ? 'Les essais sont épuisés : la cause a pu disparaître depuis.' : 'Refus : relancer l’étape telle quelle n’y changera rien.';
}

/** One sentence: which step failed, for whom, and whether retrying as is may help. */
export function whatHappened(item: Pick<IncidentItem, 'kind' | 'region' | 'holder' | 'step' | 'error' | 'occurrences'>): string {
  const subject = item.kind === 'crl' ? `la LCR de la région ${regionName(item.region)}` : item.holder ? `${item.holder.givenName} ${item.holder.surname}` : 'une demande pas encore enregistrée';
  const times = item.occurrences > 1 ? ` (${item.occurrences} fois)` : '';
  return item.error.retryable
    ? `L’étape « ${stepLabel(item.step)} » a échoué pour ${subject} après tous ses essais${times} : la cause a pu disparaître depuis.`
    : `L’étape « ${stepLabel(item.step)} » a été refusée pour ${subject}${times} : la relancer telle quelle n’y changera rien.`;
}

/** What a decision led to, in words; `warning` when a new incident opened at once. */
export function outcomeSentence(action: IncidentActionName, outcome: IncidentDecisionOutcome): { message: string; warning: boolean } {
  if (outcome.publicationRequested) return { message: 'Publication demandée ; l’incident se fermera à la publication de la LCR.', warning: false };
  if (outcome.incident) {
    return {
      message: `Un nouvel incident s’est produit à la même étape (« ${stepLabel(outcome.incident.step)} ») : il figure dans la liste ; examinez-le de nouveau.`,
      warning: true,
    };
  }
  const done: Record<IncidentActionName, string> = {
    retry: 'Étape relancée',
    correct: 'Informations corrigées et étape relancée',
    skip: 'Message passé',
    cancel: 'Demande close',
  };
  const state = outcome.state ? ` : le dossier est maintenant à l’étape « ${stateLabel(outcome.state)} »` : '';
  return { message: `${done[action]}${state}.`, warning: false };
}
