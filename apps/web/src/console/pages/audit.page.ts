import { html, nothing, type TemplateResult } from 'lit';
import { formatDateTime } from '../../shared/format.js';
import type { Page } from '../../shared/router.js';
import { restrictedTo } from '../role-guard.js';
import { errorBox, formValues, loading } from '../../shared/ui.js';
import {
  AUDIT_ACTION_LABELS,
  FILTER_NAMES,
  auditActionLabel,
  auditQuery,
  loadAuditPage,
  subjectLink,
  verifyAuditChain,
  type AuditEntry,
  type AuditFilters,
} from '../audit/audit-entry.js';
import { chainVerification, type VerificationState } from '../audit/chain-verification.js';
import { actorLabel } from '../officers/actor-label.js';

/**
 * The audit log for auditors and CA officers: newest first, filtered by exact actor, action and
 * subject (a click on a value filters by it), paged with the API's cursor; the filters and the
 * cursor live in the URL, so "back" returns to the previous page. The chain is verified on arrival.
 */
export const auditPage: Page = restrictedTo(['auditor', 'ca-officer'], async (ctx) => {
  const filters: AuditFilters = Object.fromEntries(['cursor', ...FILTER_NAMES].map((name) => [name, ctx.query.get(name) ?? undefined]).filter(([, v]) => v));
  let verification: VerificationState = { kind: 'checking' };
  let entries: TemplateResult = loading();

  const draw = () =>
    ctx.show(html`<h1>Journal d’audit</h1>
      <section aria-labelledby="chain-title">
        <h2 id="chain-title">Intégrité de la chaîne</h2>
        ${chainVerification(verification, () => void verify())}
      </section>
      <section aria-labelledby="entries-title">
        <h2 id="entries-title">Entrées</h2>
        ${filterForm(filters, (chosen) => ctx.navigate(`/console/audit?${auditQuery(chosen)}`))}
        ${entries}
      </section>`);

  async function verify(): Promise<void> {
    verification = { kind: 'checking' };
    draw();
    try {
      verification = { kind: 'done', result: await verifyAuditChain(ctx.signal), at: new Date().toISOString() };
    } catch (failure) {
      verification = { kind: 'failed', error: failure };
    }
    draw();
  }

  async function list(): Promise<void> {
    try {
      const page = await loadAuditPage(filters, ctx.signal);
      entries = entriesTable(page.entries, filters, page.nextCursor);
    } catch (failure) {
      entries = errorBox(failure);
    }
    draw();
  }

  draw();
  await Promise.all([verify(), list()]);
});

function filterForm(filters: AuditFilters, apply: (filters: AuditFilters) => void): TemplateResult {
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const { actor, action, subject } = formValues(event.target as HTMLFormElement);
    apply({ actor, action, subject }); // a new search starts again from the newest entry
  };
  return html`<form class="filters" @submit=${submit}>
    <div>
      <label for="filter-actor">Acteur</label>
      <input id="filter-actor" name="actor" .value=${filters.actor ?? ''} aria-describedby="filters-hint" />
    </div>
    <div>
      <label for="filter-action">Action</label>
      <input id="filter-action" name="action" list="audit-actions" .value=${filters.action ?? ''} aria-describedby="filters-hint" />
      <datalist id="audit-actions">
        ${Object.entries(AUDIT_ACTION_LABELS).map(([code, label]) => html`<option value=${code}>${label}</option>`)}
      </datalist>
    </div>
    <div>
      <label for="filter-subject">Sujet</label>
      <input id="filter-subject" name="subject" .value=${filters.subject ?? ''} aria-describedby="filters-hint" />
    </div>
    <div class="actions">
      <button type="submit">Filtrer</button>
      ${filters.actor || filters.action || filters.subject ? html`<a href="/console/audit">Effacer les filtres</a>` : nothing}
    </div>
    <p class="hint" id="filters-hint">Valeurs exactes, telles qu’elles figurent au journal (par exemple <code>ca.revoke</code>). Cliquez sur une valeur du tableau pour filtrer sur elle.</p>
  </form>`;
}

function entriesTable(entries: AuditEntry[], filters: AuditFilters, nextCursor: string | null): TemplateResult {
  const { cursor, ...criteria } = filters;
  const filterBy = (name: keyof AuditFilters, value: string) => `/console/audit?${auditQuery({ ...criteria, [name]: value })}`;
  const paging = html`<nav class="paging" aria-label="Pages du journal">
    ${cursor ? html`<a href=${`/console/audit?${auditQuery(criteria)}`}>← Entrées les plus récentes</a>` : nothing}
    ${nextCursor ? html`<a class="older" href=${`/console/audit?${auditQuery({ ...criteria, cursor: nextCursor })}`}>Entrées plus anciennes →</a>` : nothing}
  </nav>`;
  if (entries.length === 0) return html`<p role="status">Aucune entrée ne correspond à ces critères.</p>${paging}`;
  return html`<table class="audit-entries">
      <caption class="visually-hidden">Entrées du journal d’audit, les plus récentes d’abord</caption>
      <thead><tr><th scope="col">N°</th><th scope="col">Date</th><th scope="col">Acteur</th><th scope="col">Action</th><th scope="col">Sujet</th><th scope="col">Détails</th></tr></thead>
      <tbody>
        ${entries.map(
          (entry) => html`<tr>
            <td>${entry.id}</td>
            <td>${formatDateTime(entry.at)}</td>
            <td><a href=${filterBy('actor', entry.actor)} title=${`Filtrer sur ${entry.actor}`}>${actorLabel(entry.actor)}</a></td>
            <td><a href=${filterBy('action', entry.action)} title=${`Filtrer sur ${entry.action}`}>${auditActionLabel(entry.action)}</a><br /><code class="muted">${entry.action}</code>${refusal(entry)}</td>
            <td>${subjectCell(entry, filterBy)}</td>
            <td>${detailsList(entry.details)}</td>
          </tr>`,
        )}
      </tbody>
    </table>
    ${paging}`;
}

/** A call the API refused is recorded too (its status in the details): said at a glance. */
function refusal(entry: AuditEntry): TemplateResult | typeof nothing {
  if (entry.details.outcome !== 'refused') return nothing;
  return html`<br /><span class="badge refused">Refusé${typeof entry.details.status === 'number' ? ` (${entry.details.status})` : ''}</span>`;
}

function subjectCell(entry: AuditEntry, filterBy: (name: keyof AuditFilters, value: string) => string): TemplateResult | string {
  if (!entry.subject) return '—';
  const target = subjectLink(entry);
  return html`<a href=${filterBy('subject', entry.subject)} title="Filtrer sur ce sujet"><code class="serial">${entry.subject}</code></a>
    ${target ? html`<br /><a href=${target}>Ouvrir</a>` : nothing}`;
}

/** Route and method are the same for every entry of an action: the other facts are what differ. */
function detailsList(details: Record<string, unknown>): TemplateResult | string {
  const shown = Object.entries(details).filter(([key]) => key !== 'method' && key !== 'route');
  if (shown.length === 0) return '—';
  return html`<ul class="details">
    ${shown.map(([key, value]) => html`<li><span class="muted">${key}</span> ${typeof value === 'string' ? value : JSON.stringify(value)}</li>`)}
  </ul>`;
}
