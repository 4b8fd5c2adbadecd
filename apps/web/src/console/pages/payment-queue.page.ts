import { html, nothing, type TemplateResult } from 'lit';
import type { QueueItem } from '../../../../../libs/api-views/src/index.js';
import { stateLabel } from '../../shared/labels.js';
import type { Page } from '../../shared/router.js';
import { successBox } from '../../shared/ui.js';
import { PaymentForm } from '../ecma/payment-form.js';
import { holderColumn, regionColumn, waitingColumn } from '../queue/queue-columns.js';
import { QueueList } from '../queue/queue-list.js';
import { restrictedTo } from '../role-guard.js';

/** Approved requests waiting for their payment (contract §12.1: nothing is made before it is paid). */
export const paymentQueuePage: Page = restrictedTo(['ecma-operator'], (ctx) => {
  const queue = new QueueList('payments', ctx.signal, () => draw());
  let form: PaymentForm | undefined;
  let done: TemplateResult | undefined;

  const open = (item: QueueItem) => {
    form = new PaymentForm(item, () => draw(), recorded, close);
    done = undefined;
    draw();
    document.getElementById('payment-title')?.focus();
  };
  const close = () => {
    const id = form?.item.id;
    form = undefined;
    draw();
    if (id) document.querySelector<HTMLButtonElement>(`tr[data-id="${id}"] button`)?.focus();
  };
  const recorded = (message: string, result: { state: string }) => {
    queue.remove(form!.item.id);
    form = undefined;
    done = successBox(`${message} Étape suivante : ${stateLabel(result.state)}.`);
    draw();
  };

  const draw = () =>
    ctx.show(html`<h1>Paiements</h1>
      <p>Demandes approuvées dont le paiement n’est pas encore reçu, de la plus ancienne à la plus récente. Les certificats sont émis dès le paiement enregistré.</p>
      ${done ?? nothing}
      ${queue.table('Paiements attendus', [
        holderColumn,
        regionColumn,
        waitingColumn,
        {
          header: 'Action',
          cell: (item) => html`<button type="button" class="secondary" aria-expanded=${form?.item.id === item.id ? 'true' : 'false'} @click=${() => open(item)}>
            Enregistrer le paiement<span class="visually-hidden"> de ${item.holder.givenName} ${item.holder.surname}</span>
          </button>`,
        },
      ], 'Aucun paiement n’est attendu.')}
      ${form ? form.view() : nothing}`);
  draw();
  void queue.reload().then(() => queue.poll(60));
});
