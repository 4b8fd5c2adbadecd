import { html, nothing, type TemplateResult } from 'lit';
import { formatDateTime } from '../../shared/format.js';
import { revocationGroundLabel } from '../../shared/labels.js';
import type { Page } from '../../shared/router.js';
import { restrictedTo } from '../role-guard.js';
import { errorBox, loading } from '../../shared/ui.js';
import { actorLabel } from '../officers/actor-label.js';
import { BULK_STATE_LABELS, listBulkRevocations, type BulkRevocationSummary } from '../officers/bulk-revocation.js';
import { BulkRevocationOrderForm } from '../officers/bulk-revocation-order-form.js';
import { hasRole } from '../staff-session.js';

/**
 * The CSOEC's bulk revocations: those awaiting a second officer first (with who may approve them),
 * then the others, newest first; a CSOEC officer also orders new ones here. CA officers and auditors
 * read only (the API refuses them the order and the approval).
 */
export const bulkRevocationsPage: Page = restrictedTo(['csoec-officer', 'ca-officer', 'auditor'], async (ctx) => {
  const form = hasRole('csoec-officer') ? new BulkRevocationOrderForm(() => draw(), (id) => ctx.navigate(`/console/revocations-groupees/${id}`)) : undefined;
  let list: TemplateResult = loading();

  const draw = () =>
    ctx.show(html`<h1>Révocations groupées</h1>
      <p>Une révocation groupée applique une décision du CSOEC à une liste de titulaires. Elle n’est exécutée qu’après l’approbation d’un second responsable du CSOEC, différent de celui qui l’a ordonnée.</p>
      <section aria-labelledby="list-title">
        <div class="section-heading">
          <h2 id="list-title">Décisions</h2>
          <button type="button" class="secondary" @click=${() => void refresh()}>Actualiser la liste</button>
        </div>
        ${list}
      </section>
      ${form
        ? html`<section aria-labelledby="order-title">
            <h2 id="order-title">Ordonner une révocation groupée</h2>
            ${form.view()}
          </section>`
        : nothing}`);

  async function refresh(): Promise<void> {
    try {
      const { items } = await listBulkRevocations(ctx.signal);
      list = decisionsTable(items);
    } catch (failure) {
      list = errorBox(failure);
    }
    draw();
  }

  draw();
  await refresh();
});

function decisionsTable(items: BulkRevocationSummary[]): TemplateResult {
  if (items.length === 0) return html`<p role="status">Aucune révocation groupée pour l’instant.</p>`;
  // Awaiting approval first: that is what a second officer comes here for.
  const sorted = [...items].sort((a, b) => Number(b.state === 'AWAITING_APPROVAL') - Number(a.state === 'AWAITING_APPROVAL'));
  return html`<table class="bulk-list">
    <caption class="visually-hidden">Révocations groupées, celles en attente d’approbation d’abord</caption>
    <thead><tr><th scope="col">Décision</th><th scope="col">Motif</th><th scope="col">Titulaires</th><th scope="col">Ordonnée</th><th scope="col">État</th></tr></thead>
    <tbody>
      ${sorted.map(
        (item) => html`<tr>
          <td><a href=${`/console/revocations-groupees/${item.bulkRevocationId}`}>${item.decisionReference}</a></td>
          <td>${item.reason ? revocationGroundLabel(item.reason) : '—'}</td>
          <td>${item.registrationCount.toLocaleString('fr-FR')}</td>
          <td>${formatDateTime(item.orderedAt)}<br /><span class="muted">par ${item.orderedByYou ? 'vous' : actorLabel(item.orderedBy)}</span></td>
          <td>
            <span class=${`badge bulk-${item.state.toLowerCase()}`}>${BULK_STATE_LABELS[item.state]}</span>
            ${item.mayApprove ? html`<br /><strong>À approuver par vous</strong>` : nothing}
          </td>
        </tr>`,
      )}
    </tbody>
  </table>`;
}
