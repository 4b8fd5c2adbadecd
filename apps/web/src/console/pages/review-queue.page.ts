import { html } from 'lit';
import type { Page } from '../../shared/router.js';
import { deadlineColumn, holderColumn, regionColumn, waitingColumn } from '../queue/queue-columns.js';
import { QueueList } from '../queue/queue-list.js';
import { restrictedTo } from '../role-guard.js';

/** Requests waiting for an ECMA decision, oldest first (contract §5: three working days). */
export const reviewQueuePage: Page = restrictedTo(['ecma-operator'], (ctx) => {
  const queue = new QueueList('reviews', ctx.signal, () => draw());
  const draw = () =>
    ctx.show(html`<h1>Revues de dossiers</h1>
      <p>Demandes dont la pièce d’identité est déposée, de la plus ancienne à la plus récente. Le délai de revue est de trois jours ouvrés.</p>
      ${queue.table('Demandes à examiner', [
        holderColumn,
        regionColumn,
        waitingColumn,
        deadlineColumn('À traiter avant le'),
        {
          header: 'Action',
          cell: (item) => html`<a class="button" href=${`/console/revues/${item.id}`}>Examiner<span class="visually-hidden"> la demande de ${item.holder.givenName} ${item.holder.surname}</span></a>`,
        },
      ], 'Aucune demande n’attend de revue.')}`);
  draw();
  void queue.reload().then(() => queue.poll(60));
});
