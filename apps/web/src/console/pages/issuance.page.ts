import { html } from 'lit';
import { formatDate } from '../../shared/format.js';
import type { Page } from '../../shared/router.js';
import { deadlineColumn, holderColumn, regionColumn, waitingColumn } from '../queue/queue-columns.js';
import type { QueueColumn } from '../queue/queue-list.js';
import { QueueList } from '../queue/queue-list.js';
import { restrictedTo } from '../role-guard.js';

/** An issuance normally takes seconds; past this, someone should look at the workflow. */
const SLOW_ISSUANCE_MINUTES = 30;

const dossierColumn: QueueColumn = {
  header: 'Dossier',
  cell: (item) => html`<a href=${`/console/dossiers/${item.id}`}>Voir le dossier<span class="visually-hidden"> de ${item.holder.givenName} ${item.holder.surname}</span></a>`,
};

const issuanceStatusColumn: QueueColumn = {
  header: 'Situation',
  cell: (item) =>
    Date.now() - new Date(item.waitingSince).getTime() > SLOW_ISSUANCE_MINUTES * 60_000
      ? html`<span class="badge badge-late">Anormalement long</span> <span class="block muted">Vérifiez le dossier ; prévenez l’AC si besoin.</span>`
      : html`<span class="badge">En cours</span>`,
};

/**
 * Issuance follow-up for the ECMA (and the CA officer): paid requests whose certificates are being
 * made, then the tokens waiting at the regional councils for their hand-over (90 days, then revoked).
 * Both lists refresh by themselves: an issuance moves from the first to the second within seconds.
 */
export const issuancePage: Page = restrictedTo(['ecma-operator', 'ca-officer'], (ctx) => {
  const issuing = new QueueList('issuances', ctx.signal, () => draw());
  const awaitingDelivery = new QueueList('deliveries', ctx.signal, () => draw());
  const draw = () =>
    ctx.show(html`<h1>Suivi des émissions</h1>
      <p class="muted">Mise à jour automatique toutes les 10 secondes.</p>
      <section aria-labelledby="issuing">
        <h2 id="issuing">Certificats en cours d’émission</h2>
        ${issuing.table('Certificats en cours d’émission', [holderColumn, regionColumn, waitingColumn, issuanceStatusColumn, dossierColumn], 'Aucune émission en cours.')}
      </section>
      <section aria-labelledby="awaiting-delivery">
        <h2 id="awaiting-delivery">Supports en attente de remise au CROEC</h2>
        ${awaitingDelivery.table('Supports en attente de remise', [
          holderColumn,
          regionColumn,
          { header: 'Émis le', cell: (item) => formatDate(item.waitingSince) },
          deadlineColumn('À remettre avant le'),
          dossierColumn,
        ], 'Aucun support n’attend sa remise.')}
      </section>`);
  draw();
  void issuing.reload().then(() => issuing.poll(10));
  void awaitingDelivery.reload().then(() => awaitingDelivery.poll(10));
});
