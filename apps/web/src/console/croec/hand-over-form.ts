import { html, nothing, type TemplateResult } from 'lit';
import type { StaffSubscriptionView } from '../../../../../libs/api-views/src/index.js';
import { confirmAction, errorBox } from '../../shared/ui.js';
import { api } from '../staff-session.js';
import { holderName, type ActionResult } from '../dossier/staff-subscription.js';

/** Same rule as the API's HandOverDto. */
const TOKEN_SERIAL = /^[\w-]{1,64}$/;
const NOTE_MAX = 500;

/**
 * The CROEC agent's record of the in-person hand-over (contract §6.2). Both checks passed: the
 * token is handed over and the certificates become usable. Either one failed: the workflow revokes
 * the certificates (identity not verified), so the form says so and asks twice.
 */
export class HandOverForm {
  private originalsChecked = false;
  private documentsMatch = false;
  private serialProblem?: string;
  private error?: unknown;
  private busy = false;

  constructor(
    private readonly subscription: StaffSubscriptionView,
    private readonly redraw: () => void,
    private readonly onDone: (result: ActionResult) => void,
  ) {}

  private get verified(): boolean {
    return this.originalsChecked && this.documentsMatch;
  }

  view(): TemplateResult {
    return html`<form class="stacked hand-over" novalidate @submit=${(event: SubmitEvent) => void this.submit(event)}>
      ${this.error ? errorBox(this.error) : nothing}
      <fieldset>
        <legend>Vérifications faites en présence du titulaire</legend>
        <label class="checkbox">
          <input type="checkbox" name="originalsChecked" .checked=${this.originalsChecked} @change=${(e: Event) => this.tick('originalsChecked', e)} />
          <span>J’ai vu les originaux des pièces d’identité du titulaire</span>
        </label>
        <label class="checkbox">
          <input type="checkbox" name="documentsMatch" .checked=${this.documentsMatch} @change=${(e: Event) => this.tick('documentsMatch', e)} />
          <span>Les originaux correspondent aux copies du dossier</span>
        </label>
      </fieldset>
      <label for="tokenSerial">Numéro de série du support remis (facultatif)</label>
      <p class="hint" id="token-hint">Inscrit au dos du support : lettres, chiffres et tirets.</p>
      <input
        id="tokenSerial"
        name="tokenSerial"
        autocomplete="off"
        maxlength="64"
        aria-invalid=${this.serialProblem ? 'true' : 'false'}
        aria-describedby=${this.serialProblem ? 'token-hint token-problem' : 'token-hint'}
      />
      ${this.serialProblem ? html`<p class="field-problem" id="token-problem">${this.serialProblem}</p>` : nothing}
      <label for="note">Remarque (facultatif)</label>
      <textarea id="note" name="note" maxlength=${NOTE_MAX}></textarea>
      ${this.verified
        ? nothing
        : html`<p class="alert alert-warning" id="failed-check">
            Si une vérification échoue, ne remettez pas le support : l’enregistrement de l’échec révoque les certificats du titulaire,
            qui devra faire une nouvelle demande.
          </p>`}
      <div class="actions">
        ${this.verified
          ? html`<button type="submit" ?disabled=${this.busy}>Enregistrer la remise</button>`
          : html`<button type="submit" class="danger" aria-describedby="failed-check" ?disabled=${this.busy}>Enregistrer l’échec de la vérification</button>`}
      </div>
    </form>`;
  }

  private tick(field: 'originalsChecked' | 'documentsMatch', event: Event): void {
    this[field] = (event.target as HTMLInputElement).checked;
    this.redraw();
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const tokenSerial = (form.elements.namedItem('tokenSerial') as HTMLInputElement).value.trim();
    const note = (form.elements.namedItem('note') as HTMLTextAreaElement).value.trim();
    this.serialProblem = tokenSerial && !TOKEN_SERIAL.test(tokenSerial) ? 'Le numéro de série ne peut contenir que des lettres, des chiffres et des tirets.' : undefined;
    if (this.serialProblem) {
      this.redraw();
      form.querySelector<HTMLInputElement>('#tokenSerial')?.focus();
      return;
    }
    const name = holderName(this.subscription);
    const confirmed = this.verified
      ? await confirmAction(`Confirmez-vous avoir remis le support à ${name} en personne ? Ses certificats deviendront utilisables.`, 'Enregistrer la remise')
      : await confirmAction(
          `La vérification d’identité de ${name} a échoué : les certificats seront révoqués définitivement. Confirmez-vous ?`,
          'Révoquer les certificats',
        );
    if (!confirmed) return;
    this.busy = true;
    this.error = undefined;
    this.redraw();
    try {
      const result = await api.post<ActionResult>(`/v1/admin/subscriptions/${this.subscription.id}/delivery`, {
        originalsChecked: this.originalsChecked,
        documentsMatch: this.documentsMatch,
        ...(tokenSerial ? { tokenSerial } : {}),
        ...(note ? { note } : {}),
      });
      this.onDone(result);
    } catch (failure) {
      this.error = failure;
      this.busy = false;
      this.redraw();
    }
  }
}
