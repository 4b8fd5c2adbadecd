import { html, nothing, type TemplateResult } from 'lit';
import type { QueueItem } from '../../../../../libs/api-views/src/index.js';
import { confirmAction, errorBox } from '../../shared/ui.js';
import { api } from '../staff-session.js';
import type { ActionResult } from '../dossier/staff-subscription.js';
import { formatEuros, parseEuros } from './euros.js';

/** Same rule as the API's PaymentDto, said in words before the API has to. */
const REFERENCE = /^[\w./-]{3,64}$/;

interface Problems {
  amount?: string;
  reference?: string;
}

/**
 * Records the payment received for one subscription (contract §12.1): amount and the bank's or
 * cheque's reference. Recorded once and for all, so it is confirmed first.
 */
export class PaymentForm {
  private problems: Problems = {};
  private error?: unknown;
  private busy = false;

  constructor(
    readonly item: QueueItem,
    private readonly redraw: () => void,
    private readonly onDone: (message: string, result: ActionResult) => void,
    private readonly onCancel: () => void,
  ) {}

  view(): TemplateResult {
    const name = `${this.item.holder.givenName} ${this.item.holder.surname}`;
    return html`<section class="panel" aria-labelledby="payment-title">
      <h2 id="payment-title" tabindex="-1">Paiement de ${name}</h2>
      <p class="muted">N° d’inscription ${this.item.holder.registrationNumber}</p>
      ${this.error ? errorBox(this.error) : nothing}
      <form class="stacked narrow payment" novalidate @submit=${(event: SubmitEvent) => void this.submit(event)}>
        <label for="amount">Montant reçu, en euros</label>
        <p class="hint" id="amount-hint">Par exemple : 240,00</p>
        ${this.input('amount', 'amount-hint', this.problems.amount, 'decimal')}
        <label for="reference">Référence du paiement</label>
        <p class="hint" id="reference-hint">Numéro du virement ou du chèque : 3 à 64 lettres, chiffres ou . _ / -</p>
        ${this.input('reference', 'reference-hint', this.problems.reference, 'text')}
        <div class="actions">
          <button type="submit" ?disabled=${this.busy}>Enregistrer le paiement</button>
          <button type="button" class="secondary" @click=${this.onCancel}>Annuler</button>
        </div>
      </form>
    </section>`;
  }

  private input(name: string, hint: string, problem: string | undefined, inputmode: string): TemplateResult {
    return html`<input
        id=${name}
        name=${name}
        inputmode=${inputmode}
        autocomplete="off"
        required
        aria-invalid=${problem ? 'true' : 'false'}
        aria-describedby=${problem ? `${hint} ${name}-problem` : hint}
      />
      ${problem ? html`<p class="field-problem" id=${`${name}-problem`}>${problem}</p>` : nothing}`;
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const amountText = (form.elements.namedItem('amount') as HTMLInputElement).value;
    const reference = (form.elements.namedItem('reference') as HTMLInputElement).value.trim();
    const amountCents = parseEuros(amountText);
    this.problems = {
      amount: amountCents === undefined ? 'Indiquez un montant en euros, par exemple 240,00.' : undefined,
      reference: REFERENCE.test(reference) ? undefined : 'La référence doit compter 3 à 64 lettres, chiffres ou . _ / - (sans espace).',
    };
    if (this.problems.amount || this.problems.reference) {
      this.redraw();
      form.querySelector<HTMLInputElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    const name = `${this.item.holder.givenName} ${this.item.holder.surname}`;
    const confirmed = await confirmAction(
      `Enregistrer un paiement de ${formatEuros(amountCents!)} (référence ${reference}) pour ${name} ? Un paiement enregistré ne peut plus être modifié.`,
      'Enregistrer le paiement',
    );
    if (!confirmed) return;
    this.busy = true;
    this.error = undefined;
    this.redraw();
    try {
      const result = await api.post<ActionResult>(`/v1/admin/subscriptions/${this.item.id}/payment`, { amountCents, reference });
      this.onDone(`Paiement de ${formatEuros(amountCents!)} enregistré pour ${name}.`, result);
    } catch (failure) {
      this.error = failure;
      this.busy = false;
      this.redraw();
    }
  }
}
