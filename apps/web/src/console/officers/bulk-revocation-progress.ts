import { html, nothing, type TemplateResult } from 'lit';
import { translateReason } from '../../shared/errors.js';
import { BULK_STATE_LABELS, OUTCOME_LABELS, type BulkRevocationOutcome, type BulkRevocationReport } from './bulk-revocation.js';

/** Beyond this many holders the table lists only those needing attention (the counts say the rest). */
const FULL_TABLE_MAX = 500;

const COUNTED: BulkRevocationOutcome[] = ['revoked', 'already-revoked', 'unknown', 'failed', 'pending'];

/** Where the decision stands: a progress bar, the count of each outcome, and the holders concerned. */
export function bulkRevocationProgress(report: BulkRevocationReport): TemplateResult {
  const total = report.items.length;
  const processed = total - report.counts.pending;
  return html`<p>
      <span class=${`badge bulk-${report.state.toLowerCase()}`}>${BULK_STATE_LABELS[report.state]}</span>
    </p>
    <label for="bulk-progress">Titulaires traités</label>
    <progress id="bulk-progress" max=${total} .value=${processed} aria-describedby="bulk-progress-text">${processed} / ${total}</progress>
    <p id="bulk-progress-text" role="status">${processed.toLocaleString('fr-FR')} sur ${total.toLocaleString('fr-FR')} titulaire(s) traité(s).</p>
    <dl class="facts counts">
      ${COUNTED.map((outcome) => html`<dt>${OUTCOME_LABELS[outcome]}</dt><dd data-outcome=${outcome}>${report.counts[outcome].toLocaleString('fr-FR')}</dd>`)}
    </dl>
    ${itemsTable(report)}`;
}

function itemsTable(report: BulkRevocationReport): TemplateResult {
  const full = report.items.length <= FULL_TABLE_MAX;
  const shown = full ? report.items : report.items.filter((item) => item.outcome === 'failed' || item.outcome === 'unknown');
  return html`<h3>Titulaires${full ? '' : ' à vérifier (non trouvés ou en échec)'}</h3>
    ${shown.length === 0
      ? html`<p>Aucun.</p>`
      : html`<table>
          <caption class="visually-hidden">Résultat par titulaire</caption>
          <thead><tr><th scope="col">N° d’inscription</th><th scope="col">Résultat</th></tr></thead>
          <tbody>
            ${shown.map(
              (item) => html`<tr>
                <td>${item.registrationNumber}</td>
                <td>${OUTCOME_LABELS[item.outcome]}${item.detail ? html`<br />${outcomeDetail(item.detail)}` : nothing}</td>
              </tr>`,
            )}
          </tbody>
        </table>`}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * What the worker says of one holder (activities/bulk-revocation.activities.ts): the subscriptions
 * revoked (ids, linked to their page), or why nothing was done, in words when we know the reason.
 */
function outcomeDetail(detail: string): TemplateResult {
  const ids = detail.split(/,\s*/);
  if (ids.every((id) => UUID.test(id))) {
    return html`${ids.map((id, index) => html`${index ? ', ' : ''}<a href=${`/console/dossiers/${id}`}>${ids.length > 1 ? `Dossier ${index + 1}` : 'Voir le dossier'}</a>`)}`;
  }
  const known = detail === 'no subscription in progress' ? 'Aucune demande en cours pour ce numéro.' : translateReason(detail);
  return html`<span class="muted">${known ?? detail}</span>`;
}
