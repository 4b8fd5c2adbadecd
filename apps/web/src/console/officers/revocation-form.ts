import { html, nothing, type TemplateResult } from 'lit';
import type { StaffSubscriptionView } from '../../../../../libs/api-views/src/index.js';
import { REVOCATION_GROUND_LABELS, profileLabel } from '../../shared/labels.js';
import { confirmAction, errorBox } from '../../shared/ui.js';
import { holderName, type ActionResult } from '../dossier/staff-subscription.js';
import { api } from '../staff-session.js';

/** Same bound as the API's RevocationDto. */
const COMMENT_MAX = 500;

/**
 * Revoking a subscription's certificates (contract §9.1), by staff of the CA, the ECMA or the CSOEC:
 * a ground from the contract, the certificates concerned (both by default), optionally when the key
 * was compromised and a comment; a confirmation says it is final before anything is sent. Before
 * issuance there is nothing to revoke: the same Update cancels the request, and the form says so.
 */
export class RevocationForm {
  private ground = '';
  private groundProblem?: string;
  private certificatesProblem?: string;
  private error?: unknown;
  private busy = false;

  constructor(
    private readonly subscription: StaffSubscriptionView,
    private readonly redraw: () => void,
    private readonly onDone: (message: string, result: ActionResult) => void,
  ) {}

  /** Certificates still valid, the ones a revocation may name. */
  private get revocable() {
    return this.subscription.certificates.filter((c) => !c.revokedAt);
  }

  private get cancelsRequest(): boolean {
    return this.subscription.certificates.length === 0;
  }

  view(): TemplateResult {
    const problem = (id: string, text?: string) => (text ? html`<p class="field-problem" id=${id}>${text}</p>` : nothing);
    return html`<form class="stacked revocation-form" novalidate @submit=${(event: SubmitEvent) => void this.submit(event)}>
      ${this.error ? errorBox(this.error) : nothing}
      <p class="hint">
        ${this.cancelsRequest
          ? 'Aucun certificat n’est encore émis : la demande sera annulée.'
          : 'La révocation est définitive : les certificats figureront dans la liste de révocation publiée et ne pourront plus servir.'}
      </p>
      <label for="revocation-ground">Motif de la révocation (obligatoire)</label>
      <select
        id="revocation-ground"
        name="reason"
        required
        aria-invalid=${this.groundProblem ? 'true' : 'false'}
        aria-describedby=${this.groundProblem ? 'ground-problem' : nothing}
        @change=${(event: Event) => this.chooseGround((event.target as HTMLSelectElement).value)}
      >
        <option value="" ?selected=${this.ground === ''}>— Choisissez le motif —</option>
        ${Object.entries(REVOCATION_GROUND_LABELS).map(([value, label]) => html`<option value=${value} ?selected=${this.ground === value}>${label}</option>`)}
      </select>
      ${problem('ground-problem', this.groundProblem)}
      ${this.cancelsRequest ? nothing : this.certificateChoice()}
      ${problem('certificates-problem', this.certificatesProblem)}
      ${this.cancelsRequest
        ? nothing
        : html`<label for="invalidity-date">Date présumée de la compromission (facultatif)</label>
            <p class="hint" id="invalidity-hint">Si la clé ou le code d’activation a pu être utilisé par un tiers, depuis quand (heure de Paris).</p>
            <input id="invalidity-date" name="invalidityDate" type="datetime-local" aria-describedby="invalidity-hint" />`}
      <label for="revocation-comment">Commentaire interne (facultatif)</label>
      <p class="hint" id="comment-hint">Conservé dans l’historique du dossier, par exemple la référence d’un courrier ou d’une décision.</p>
      <textarea id="revocation-comment" name="comment" maxlength=${COMMENT_MAX} aria-describedby="comment-hint"></textarea>
      <div class="actions">
        <button type="submit" class="danger" ?disabled=${this.busy}>${this.cancelsRequest ? 'Annuler la demande…' : 'Révoquer…'}</button>
      </div>
    </form>`;
  }

  private certificateChoice(): TemplateResult {
    return html`<fieldset aria-describedby=${this.certificatesProblem ? 'certificates-problem' : nothing}>
      <legend>Certificats à révoquer</legend>
      ${this.revocable.map(
        (c) => html`<label class="checkbox">
          <input type="checkbox" name="certificates" value=${c.profile} checked />
          <span>${profileLabel(c.profile)} <code class="serial">${c.serial}</code></span>
        </label>`,
      )}
    </fieldset>`;
  }

  private chooseGround(ground: string): void {
    this.ground = ground;
    if (this.groundProblem && ground) {
      this.groundProblem = undefined;
      this.redraw();
    }
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const chosen = data.getAll('certificates').map(String);
    this.groundProblem = this.ground ? undefined : 'Choisissez le motif de la révocation.';
    this.certificatesProblem = !this.cancelsRequest && chosen.length === 0 ? 'Cochez au moins un certificat.' : undefined;
    if (this.groundProblem || this.certificatesProblem) {
      this.redraw();
      form.querySelector<HTMLElement>(this.groundProblem ? '#revocation-ground' : 'input[name=certificates]')?.focus();
      return;
    }
    if (!(await confirmAction(this.confirmation(chosen), this.cancelsRequest ? 'Annuler la demande' : 'Révoquer définitivement'))) return;
    this.busy = true;
    this.error = undefined;
    this.redraw();
    try {
      const result = await api.post<ActionResult>(`/v1/admin/subscriptions/${this.subscription.id}/revocation`, this.body(data, chosen));
      this.onDone(this.cancelsRequest ? 'Demande annulée.' : 'Révocation enregistrée : la liste de révocation est republiée.', result);
    } catch (failure) {
      this.error = failure;
      this.busy = false;
      this.redraw();
    }
  }

  private confirmation(chosen: string[]): string {
    const name = holderName(this.subscription);
    const ground = REVOCATION_GROUND_LABELS[this.ground] ?? this.ground;
    if (this.cancelsRequest) return `Annuler la demande de ${name} (motif : « ${ground} ») ? Cette action est définitive.`;
    const which = chosen.length === this.revocable.length ? 'tous les certificats en cours' : `le certificat ${chosen.map((p) => profileLabel(p).toLowerCase()).join(' et ')}`;
    return `Révoquer ${which} de ${name} pour le motif « ${ground} » ? Cette action est irréversible.`;
  }

  /** Both certificates unless some are left out: `certificates` is sent only for a partial choice. */
  private body(data: FormData, chosen: string[]): Record<string, unknown> {
    const invalidity = String(data.get('invalidityDate') ?? '');
    const comment = String(data.get('comment') ?? '').trim();
    return {
      reason: this.ground,
      ...(!this.cancelsRequest && chosen.length < this.revocable.length ? { certificates: chosen } : {}),
      ...(invalidity ? { invalidityDate: new Date(invalidity).toISOString() } : {}),
      ...(comment ? { comment } : {}),
    };
  }
}
