import { html } from 'lit';
import type { Page } from '../../shared/router.js';
import { deadlineColumn, holderColumn, waitingColumn } from '../queue/queue-columns.js';
import { QueueList } from '../queue/queue-list.js';
import { regionName } from '../dossier/region-name.js';
import { currentStaff } from '../staff-session.js';
import { restrictedTo } from '../role-guard.js';

/**
 * Tokens ready at this CROEC, oldest first. The API lists the agent's own region only (contract
 * §6.2); past the deadline (90 days after issuance) the certificates are revoked.
 */
export const handOverQueuePage: Page = restrictedTo(['croec-agent'], (ctx) => {
  const region = currentStaff()?.region;
  const queue = new QueueList('deliveries', ctx.signal, () => draw());
  const draw = () =>
    ctx.show(html`<h1>Remises de supports</h1>
      <p>Supports prêts à être remis en personne${region ? html` au CROEC <strong>${regionName(region)}</strong>` : ''}, du plus ancien au plus récent.
        Un support non remis dans les 90 jours suivant l’émission voit ses certificats révoqués.</p>
      ${queue.table('Supports à remettre', [
        holderColumn,
        { ...waitingColumn, header: 'Prêt depuis' },
        deadlineColumn('À remettre avant le'),
        {
          header: 'Action',
          cell: (item) => html`<a class="button" href=${`/console/remises/${item.id}`}>Remettre<span class="visually-hidden"> le support de ${item.holder.givenName} ${item.holder.surname}</span></a>`,
        },
      ], 'Aucun support n’attend de remise.')}`);
  draw();
  void queue.reload().then(() => queue.poll(60));
});
