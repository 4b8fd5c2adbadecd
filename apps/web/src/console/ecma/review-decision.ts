import { html, nothing, type TemplateResult } from 'lit';
import type { StaffSubscriptionView } from '../../../../../libs/api-views/src/index.js';
import { confirmAction, errorBox } from '../../shared/ui.js';
import { api } from '../staff-session.js';
import { holderName, type ActionResult } from '../dossier/staff-subscription.js';

export type Decision = 'approve' | 'request-information' | 'reject';

interface DecisionWording {
  option: string;
  hint: string;
  submit: string;
  confirm: (name: string) => string;
  confirmLabel: string;
  done: string;
}

// What each decision means for the holder, said before it is taken (contract §5).
const WORDING: Record<Decision, DecisionWording> = {
  approve: {
    option: 'Approuver la demande',
    hint: 'Les informations correspondent à la pièce d’identité : la demande passe au paiement, ou directement à l’émission si le paiement est déjà reçu.',
    submit: 'Approuver',
    confirm: (name) => `Approuver la demande de ${name} ? Cette décision est définitive.`,
    confirmLabel: 'Approuver la demande',
    done: 'Demande approuvée.',
  },
  'request-information': {
    option: 'Demander des informations',
    hint: 'Il manque quelque chose ou la copie est illisible : le titulaire reçoit votre message par courriel et dépose une nouvelle copie.',
    submit: 'Envoyer la demande d’informations',
    confirm: (name) => `Envoyer votre demande d’informations à ${name} ? Le message part aussitôt par courriel.`,
    confirmLabel: 'Envoyer la demande',
    done: 'Demande d’informations envoyée au titulaire.',
  },
  reject: {
    option: 'Refuser la demande',
    hint: 'La demande ne peut pas aboutir : elle est close et le titulaire reçoit le motif par courriel.',
    submit: 'Refuser la demande',
    confirm: (name) => `Refuser définitivement la demande de ${name} ? Elle sera close et le titulaire en sera informé.`,
    confirmLabel: 'Refuser définitivement',
    done: 'Demande refusée.',
  },
};

/** Same bounds as the API's ReviewDto: the holder reads the reason. */
const REASON_MIN = 3;
const REASON_MAX = 1000;

/**
 * The reviewer's decision form: one choice among three, a reason (required, except to approve)
 * and a confirmation before anything is sent. `onDone` receives the sentence to show afterwards.
 */
export class ReviewDecisionForm {
  private decision: Decision = 'approve';
  private reason = '';
  private reasonProblem?: string;
  private error?: unknown;
  private busy = false;

  constructor(
    private readonly subscription: StaffSubscriptionView,
    private readonly redraw: () => void,
    private readonly onDone: (message: string, result: ActionResult) => void,
  ) {}

  view(): TemplateResult {
    const wording = WORDING[this.decision];
    const reasonRequired = this.decision !== 'approve';
    return html`<form class="stacked review-decision" novalidate @submit=${(event: SubmitEvent) => void this.submit(event)}>
      ${this.error ? errorBox(this.error) : nothing}
      <fieldset>
        <legend>Votre décision</legend>
        ${(Object.keys(WORDING) as Decision[]).map(
          (decision) => html`<label class="checkbox">
            <input type="radio" name="decision" value=${decision} .checked=${this.decision === decision} @change=${() => this.choose(decision)} />
            <span>${WORDING[decision].option}</span>
          </label>`,
        )}
        <p class="hint" id="decision-hint">${wording.hint}</p>
      </fieldset>
      <label for="reason">Motif communiqué au titulaire${reasonRequired ? ' (obligatoire)' : ' (facultatif)'}</label>
      <p class="hint" id="reason-hint">Le titulaire lit ce texte dans le courriel qu’il reçoit : écrivez-le pour lui, poliment et précisément.</p>
      <textarea
        id="reason"
        name="reason"
        maxlength=${REASON_MAX}
        ?required=${reasonRequired}
        aria-invalid=${this.reasonProblem ? 'true' : 'false'}
        aria-describedby=${this.reasonProblem ? 'reason-hint reason-problem' : 'reason-hint'}
        .value=${this.reason}
        @input=${(event: InputEvent) => (this.reason = (event.target as HTMLTextAreaElement).value)}
      ></textarea>
      ${this.reasonProblem ? html`<p class="field-problem" id="reason-problem">${this.reasonProblem}</p>` : nothing}
      <div class="actions">
        <button type="submit" class=${this.decision === 'reject' ? 'danger' : ''} ?disabled=${this.busy}>${wording.submit}</button>
      </div>
    </form>`;
  }

  private choose(decision: Decision): void {
    this.decision = decision;
    this.reasonProblem = undefined;
    this.redraw();
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const reason = this.reason.trim();
    this.reasonProblem = this.checkReason(reason);
    if (this.reasonProblem) {
      this.redraw();
      (event.target as HTMLFormElement).querySelector<HTMLTextAreaElement>('#reason')?.focus();
      return;
    }
    const wording = WORDING[this.decision];
    if (!(await confirmAction(wording.confirm(holderName(this.subscription)), wording.confirmLabel))) return;
    this.busy = true;
    this.error = undefined;
    this.redraw();
    try {
      const result = await api.post<ActionResult>(`/v1/admin/subscriptions/${this.subscription.id}/review`, {
        decision: this.decision,
        ...(reason ? { reason } : {}),
      });
      this.onDone(wording.done, result);
    } catch (failure) {
      this.error = failure;
      this.busy = false;
      this.redraw();
    }
  }

  private checkReason(reason: string): string | undefined {
    if (this.decision === 'approve' && reason === '') return undefined;
    if (this.decision !== 'approve' && reason === '') return 'Indiquez le motif : il est obligatoire pour refuser ou demander des informations.';
    if (reason.length < REASON_MIN) return `Le motif doit compter au moins ${REASON_MIN} caractères.`;
    return undefined;
  }
}
