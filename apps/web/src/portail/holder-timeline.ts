import { html, nothing, type TemplateResult } from 'lit';
import type { HolderTimelineEntry, SubscriptionView } from '../../../../libs/api-views/src/index.js';
import { formatDateTime } from '../shared/format.js';
import { stateLabel } from '../shared/labels.js';
import { ABANDON_REASONS, actorPhrase, changedFieldsPhrase, groundLabel } from './holder-words.js';

// The request's history and its progress through the main stages (contract §4.2).

/** The stages a holder goes through, in order; each covers the states of the lifecycle it names. */
const STAGES: { label: string; states: string[] }[] = [
  { label: 'Inscription', states: ['REGISTERED', 'AWAITING_EMAIL_PROOF'] },
  { label: 'Pièce d’identité', states: ['AWAITING_DOCUMENTS'] },
  { label: 'Vérification', states: ['IN_REVIEW', 'AWAITING_PAYMENT'] },
  { label: 'Fabrication', states: ['ISSUING'] },
  { label: 'Remise de la clé', states: ['AWAITING_DELIVERY'] },
  { label: 'Certificats actifs', states: ['ACTIVE'] },
];

/** The stages as a list: done ones ticked, the current one marked aria-current="step". */
export function stageProgress(subscription: SubscriptionView): TemplateResult | typeof nothing {
  const current = STAGES.findIndex((stage) => stage.states.includes(subscription.state));
  if (current < 0) return nothing; // the cycle is over: the history tells how it ended
  return html`<ol class="stages" aria-label="Étapes de votre demande">
    ${STAGES.map((stage, index) => {
      const status = index < current ? 'done' : index === current ? 'current' : 'todo';
      const spoken = status === 'done' ? 'terminée' : status === 'current' ? 'en cours' : 'à venir';
      return html`<li class="stage stage-${status}" aria-current=${index === current ? 'step' : nothing}>
        <span class="stage-mark" aria-hidden="true">${status === 'done' ? '✓' : index + 1}</span>
        <span>${stage.label}<span class="visually-hidden"> (${spoken})</span></span>
      </li>`;
    })}
  </ol>`;
}

function describe(entry: HolderTimelineEntry): { title: string; detail?: string } {
  const detail = entry.detail;
  switch (entry.event) {
    case 'information-requested':
      return { title: 'L’ECMA demande un complément', detail: detail ? `« ${detail} »` : undefined };
    case 'payment-recorded':
      return { title: 'Règlement enregistré' };
    case 'renewal-requested':
      return { title: 'Renouvellement demandé' };
    case 'changes-reported':
      return { title: 'Changement signalé', detail: detail ? `Éléments modifiés : ${changedFieldsPhrase(detail)}` : undefined };
    case 'renewal-reminder':
      return { title: `Rappel : vos certificats expirent dans ${detail ?? '?'} jours` };
    case 'certificates-revoked':
      return { title: 'Certificat révoqué', detail: detail ? `Motif : ${groundLabel(detail)}` : undefined };
    case 'state-entered':
      if (!detail) return { title: stateLabel(entry.state) };
      if (entry.state === 'ABANDONED') return { title: stateLabel(entry.state), detail: ABANDON_REASONS[detail] ?? detail };
      if (entry.state === 'REJECTED') return { title: stateLabel(entry.state), detail: `Motif : « ${detail} »` };
      return { title: stateLabel(entry.state), detail: `Motif : ${groundLabel(detail)}` };
  }
}

/** The history, newest first: what the holder looks for is what happened last. */
export function holderTimeline(timeline: HolderTimelineEntry[]): TemplateResult {
  return html`<ol class="timeline" reversed>
    ${[...timeline].reverse().map((entry) => {
      const { title, detail } = describe(entry);
      const actor = actorPhrase(entry.by);
      return html`<li>
        <strong>${title}</strong>
        <span class="muted">${formatDateTime(entry.at)}${actor ? ` — ${actor}` : ''}</span>
        ${detail ? html`<div class="note">${detail}</div>` : nothing}
      </li>`;
    })}
  </ol>`;
}
