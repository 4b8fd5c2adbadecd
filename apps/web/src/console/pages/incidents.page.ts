import { html, nothing, type TemplateResult } from 'lit';
import type { IncidentDecisionOutcome, IncidentItem } from '../../../../../libs/api-views/src/index.js';
import { formatDateTime, formatWaiting } from '../../shared/format.js';
import { stateLabel } from '../../shared/labels.js';
import type { Page } from '../../shared/router.js';
import { successBox } from '../../shared/ui.js';
import { regionName } from '../dossier/region-name.js';
import { IncidentDecisionForm } from '../incidents/incident-decision-form.js';
import { IncidentList, type IncidentColumn } from '../incidents/incident-list.js';
import { incidentSubject, outcomeSentence, retryMeaning, stepLabel, type IncidentActionName } from '../incidents/incident-words.js';
import { restrictedTo } from '../role-guard.js';
import { hasRole } from '../staff-session.js';

const regionColumn: IncidentColumn = {
  header: 'CROEC',
  cell: (item) => html`<abbr title=${regionName(item.region)}>${item.region}</abbr>`,
};

const subjectColumn: IncidentColumn = {
  header: 'Titulaire ou LCR',
  cell: (item) =>
    item.holder
      ? html`<strong>${item.holder.givenName} ${item.holder.surname}</strong>
          <span class="muted block">n° d’inscription ${item.holder.registrationNumber}</span>
          <span class="muted block">${stateLabel(item.holder.state)}</span>`
      : html`<strong>${incidentSubject(item)}</strong>`,
};

const stepColumn: IncidentColumn = {
  header: 'Étape',
  cell: (item) => html`${stepLabel(item.step)}<code class="muted block">${item.step}</code>`,
};

const errorColumn: IncidentColumn = {
  header: 'Erreur',
  cell: (item) => html`<code>${item.error.type}</code>
    <span class="block incident-message">${item.error.message}</span>
    <span class=${item.error.retryable ? 'badge' : 'badge refused'}>${item.error.retryable ? 'Essais épuisés' : 'Refus'}</span>
    <span class="muted block">${retryMeaning(item.error.retryable)}</span>`,
};

const sinceColumn: IncidentColumn = {
  header: 'Depuis',
  cell: (item) => html`<strong>${formatWaiting(item.openedAt)}</strong>
    <span class="muted block">depuis le ${formatDateTime(item.openedAt)}</span>`,
};

const occurrencesColumn: IncidentColumn = {
  header: 'Échecs',
  cell: (item) => html`${item.occurrences}<span class="muted block">dernier le ${formatDateTime(item.lastFailedAt)}</span>`,
};

const dossierColumn: IncidentColumn = {
  header: 'Dossier',
  cell: (item) =>
    item.subscriptionId
      ? html`<a href=${`/console/dossiers/${item.subscriptionId}`}>Voir le dossier<span class="visually-hidden"> de ${incidentSubject(item)}</span></a>`
      : '—',
};

/**
 * The incidents queue (DESIGN.md, "Incidents"): steps a subscription (or a region's CRL) could not
 * complete, oldest first, refreshed every minute. ECMA operators and CA officers decide on them;
 * CSOEC officers and auditors read the list only (the API refuses their decisions anyway).
 */
export const incidentsPage: Page = restrictedTo(['ecma-operator', 'ca-officer', 'csoec-officer', 'auditor'], (ctx) => {
  const canDecide = hasRole('ecma-operator', 'ca-officer');
  const list = new IncidentList(ctx.signal, () => draw());
  let form: IncidentDecisionForm | undefined;
  let done: TemplateResult | undefined;

  const open = (item: IncidentItem) => {
    form = new IncidentDecisionForm(item, () => draw(), decided, close);
    done = undefined;
    draw();
    document.getElementById('incident-title')?.focus();
  };
  const close = () => {
    const id = form?.item.id;
    form = undefined;
    draw();
    if (id) document.querySelector<HTMLButtonElement>(`tr[data-id="${id}"] button`)?.focus();
  };
  const decided = (action: IncidentActionName, outcome: IncidentDecisionOutcome) => {
    const item = form!.item;
    const { message, warning } = outcomeSentence(action, outcome);
    // A CRL incident stays open until a CRL is published; a subscription's is closed by the decision.
    if (!outcome.publicationRequested) list.remove(item.id);
    form = undefined;
    done = html`<div id="incident-outcome" tabindex="-1">
      ${warning ? html`<div class="alert alert-warning" role="status">${message}</div>` : successBox(message)}
    </div>`;
    draw();
    document.getElementById('incident-outcome')?.focus();
    void list.reload();
  };

  const decideColumn: IncidentColumn = {
    header: 'Action',
    cell: (item) => html`<button type="button" class="secondary" aria-expanded=${form?.item.id === item.id ? 'true' : 'false'} @click=${() => open(list.find(item.id) ?? item)}>
      Examiner / décider<span class="visually-hidden"> : ${incidentSubject(item)}, ${stepLabel(item.step)}</span>
    </button>`,
  };

  const draw = () =>
    ctx.show(html`<h1>Incidents</h1>
      <p>
        Étapes qu’un dossier n’a pas pu franchir, de la plus ancienne à la plus récente : une activité a été refusée, ou a échoué après tous ses essais. Le dossier attend à cette
        étape qu’une personne décide ; les autres demandes sur ce dossier sont refusées en attendant. La révocation n’attend jamais : elle est appliquée même quand un dossier est en incident.
      </p>
      <p class="muted">
        ${canDecide
          ? 'Examinez chaque incident avant de décider : relancer, corriger les informations du titulaire, passer un message ou clore la demande, selon ce que l’étape permet.'
          : 'Votre rôle permet de consulter ces incidents ; les opérateurs ECMA et les responsables de l’AC décident.'}
        Mise à jour automatique chaque minute.
      </p>
      ${done ?? nothing}
      ${list.table(
        'Incidents ouverts',
        [regionColumn, subjectColumn, stepColumn, errorColumn, sinceColumn, occurrencesColumn, dossierColumn, ...(canDecide ? [decideColumn] : [])],
        'Aucun incident ouvert : tous les dossiers avancent.',
      )}
      ${form ? form.view() : nothing}`);
  draw();
  void list.reload().then(() => list.poll(60));
});
