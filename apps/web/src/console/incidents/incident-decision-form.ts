import { html, nothing, type TemplateResult } from 'lit';
import type { IncidentDecisionOutcome, IncidentItem } from '../../../../../libs/api-views/src/index.js';
import { formatDateTime } from '../../shared/format.js';
import { stateLabel } from '../../shared/labels.js';
import { confirmAction, errorBox } from '../../shared/ui.js';
import { api } from '../staff-session.js';
import { COMMENT_MAX, POSTAL_LINES, describeCorrections, emptyCorrections, readCorrections, type CorrectionField, type CorrectionFields, type HolderCorrections } from './incident-corrections.js';
import { EMAIL_STEPS, actionHint, actionLabel, incidentSubject, offeredActions, retryMeaning, stepLabel, whatHappened, type IncidentActionName } from './incident-words.js';

type Problem = CorrectionField | 'action' | 'corrections' | 'comment';

const SUBMIT_LABELS: Record<IncidentActionName, string> = {
  retry: 'Relancer l’étape…',
  correct: 'Corriger et relancer…',
  skip: 'Passer ce message…',
  cancel: 'Clore la demande…',
};

/**
 * Staff's decision on one incident (POST /v1/admin/incidents/:id/decision): one of the actions the
 * incident offers (none chosen beforehand), the holder's corrected details for `correct`, an
 * optional comment, and a confirmation before anything is sent. ECMA operators and CA officers only.
 */
export class IncidentDecisionForm {
  private action?: IncidentActionName;
  private fields: CorrectionFields = emptyCorrections();
  private comment = '';
  private problems: Partial<Record<Problem, string>> = {};
  private error?: unknown;
  private busy = false;

  constructor(
    readonly item: IncidentItem,
    private readonly redraw: () => void,
    private readonly onDone: (action: IncidentActionName, outcome: IncidentDecisionOutcome) => void,
    private readonly onClose: () => void,
  ) {}

  private get emailAllowed(): boolean {
    return EMAIL_STEPS.has(this.item.step);
  }

  view(): TemplateResult {
    const item = this.item;
    const subject = incidentSubject(item);
    return html`<section class="panel incident-panel" aria-labelledby="incident-title">
      <h2 id="incident-title" tabindex="-1">Incident : ${subject}</h2>
      <p>${whatHappened(item)}</p>
      <dl class="facts">
        <dt>Étape</dt>
        <dd>${stepLabel(item.step)} <code class="muted">${item.step}</code></dd>
        ${item.holder
          ? html`<dt>Titulaire</dt>
              <dd>${item.holder.givenName} ${item.holder.surname}, n° d’inscription ${item.holder.registrationNumber} — ${stateLabel(item.holder.state)}</dd>`
          : nothing}
        <dt>Erreur</dt>
        <dd><code>${item.error.type}</code> : ${item.error.message}<span class="block muted">${retryMeaning(item.error.retryable)}</span></dd>
        <dt>Ouvert le</dt>
        <dd>${formatDateTime(item.openedAt)}</dd>
        <dt>Dernier échec</dt>
        <dd>${formatDateTime(item.lastFailedAt)} (${item.occurrences} échec${item.occurrences > 1 ? 's' : ''})</dd>
        ${item.subscriptionId ? html`<dt>Dossier</dt><dd><a href=${`/console/dossiers/${item.subscriptionId}`}>Voir le dossier</a></dd>` : nothing}
      </dl>
      ${this.error ? errorBox(this.error) : nothing}
      <form class="stacked incident-decision" novalidate @submit=${(event: SubmitEvent) => void this.submit(event)}>
        ${this.choices()} ${this.action === 'correct' ? this.corrections() : nothing} ${this.action === 'cancel' ? this.cancelWarning() : nothing}
        <label for="incident-comment">Commentaire (facultatif)</label>
        <p class="hint" id="incident-comment-hint">Gardé avec la décision, dans l’historique du dossier : pourquoi ce choix. ${COMMENT_MAX} caractères au plus.</p>
        <textarea
          id="incident-comment"
          name="comment"
          maxlength=${COMMENT_MAX}
          aria-invalid=${this.problems.comment ? 'true' : 'false'}
          aria-describedby=${this.problems.comment ? 'incident-comment-hint incident-comment-problem' : 'incident-comment-hint'}
          .value=${this.comment}
          @input=${(event: InputEvent) => this.edit('comment', () => (this.comment = (event.target as HTMLTextAreaElement).value))}
        ></textarea>
        ${this.problems.comment ? html`<p class="field-problem" id="incident-comment-problem">${this.problems.comment}</p>` : nothing}
        <div class="actions">
          <button type="submit" class=${this.action === 'cancel' ? 'danger' : ''} ?disabled=${this.busy}>${this.action ? SUBMIT_LABELS[this.action] : 'Envoyer la décision…'}</button>
          <button type="button" class="secondary" @click=${this.onClose}>Fermer</button>
        </div>
      </form>
    </section>`;
  }

  private choices(): TemplateResult {
    const problem = this.problems.action;
    return html`<fieldset aria-describedby=${problem ? 'incident-action-problem' : nothing}>
      <legend>Votre décision</legend>
      ${offeredActions(this.item).map(
        (action) => html`<div class="choice">
          <input
            type="radio"
            id=${`incident-action-${action}`}
            name="incident-action"
            value=${action}
            aria-describedby=${`incident-action-${action}-hint`}
            .checked=${this.action === action}
            @change=${() => this.choose(action)}
          />
          <div>
            <label for=${`incident-action-${action}`}>${this.item.kind === 'crl' && action === 'retry' ? 'Demander une nouvelle publication de la LCR' : actionLabel(action)}</label>
            <p class="hint" id=${`incident-action-${action}-hint`}>${actionHint(action, this.item.kind)}</p>
          </div>
        </div>`,
      )}
      ${problem ? html`<p class="field-problem" id="incident-action-problem">${problem}</p>` : nothing}
    </fieldset>`;
  }

  private corrections(): TemplateResult {
    const problem = this.problems.corrections;
    return html`<fieldset class="corrections" aria-describedby=${problem ? 'corrections-hint corrections-problem' : 'corrections-hint'}>
      <legend>Informations corrigées</legend>
      <p class="hint" id="corrections-hint">Remplissez seulement ce qui change ; laissez vide ce qui reste exact.</p>
      ${problem ? html`<p class="field-problem" id="corrections-problem">${problem}</p>` : nothing}
      ${this.input('givenName', 'Prénom', 'given-name')} ${this.input('surname', 'Nom', 'family-name')}
      ${this.emailAllowed ? this.input('email', 'Adresse électronique', 'email', 'Le lien de confirmation partira vers cette adresse.') : nothing}
      ${this.input('firm', 'Cabinet', 'organization')}
      <fieldset class="postal-address" aria-describedby=${this.problems.postalAddress ? 'correction-postalAddress-problem' : nothing}>
        <legend>Adresse postale (2 à 5 lignes)</legend>
        ${Array.from({ length: POSTAL_LINES }, (_, index) => {
          const id = `correction-postalAddress-${index + 1}`;
          return html`<label for=${id}>Ligne ${index + 1} de l’adresse</label>
            <input
              id=${id}
              autocomplete="off"
              maxlength="100"
              aria-invalid=${this.problems.postalAddress ? 'true' : 'false'}
              .value=${this.fields.postalAddress[index] ?? ''}
              @input=${(event: InputEvent) => this.edit('postalAddress', () => (this.fields.postalAddress[index] = (event.target as HTMLInputElement).value))}
            />`;
        })}
        ${this.problems.postalAddress ? html`<p class="field-problem" id="correction-postalAddress-problem">${this.problems.postalAddress}</p>` : nothing}
      </fieldset>
    </fieldset>`;
  }

  private input(name: 'givenName' | 'surname' | 'email' | 'firm', label: string, autocomplete: string, hint?: string): TemplateResult {
    const id = `correction-${name}`;
    const problem = this.problems[name];
    const describedBy = [hint ? `${id}-hint` : '', problem ? `${id}-problem` : ''].filter(Boolean).join(' ');
    return html`<label for=${id}>${label}</label>
      ${hint ? html`<p class="hint" id=${`${id}-hint`}>${hint}</p>` : nothing}
      <input
        id=${id}
        type=${name === 'email' ? 'email' : 'text'}
        autocomplete=${autocomplete}
        aria-invalid=${problem ? 'true' : 'false'}
        aria-describedby=${describedBy || nothing}
        .value=${this.fields[name]}
        @input=${(event: InputEvent) => this.edit(name, () => (this.fields[name] = (event.target as HTMLInputElement).value))}
      />
      ${problem ? html`<p class="field-problem" id=${`${id}-problem`}>${problem}</p>` : nothing}`;
  }

  private cancelWarning(): TemplateResult {
    return html`<div class="alert alert-warning">
      <p><strong>Clore la demande est définitif.</strong> Avant l’émission, la demande est annulée ; des certificats déjà émis mais pas encore remis au titulaire sont révoqués. Le titulaire devra faire une nouvelle demande.</p>
    </div>`;
  }

  /** Keeps what is typed; a problem said about the field (or "nothing to correct") goes once it is edited. */
  private edit(field: Problem, update: () => void): void {
    update();
    const stale = field === 'comment' ? ['comment'] : [field, 'corrections'];
    if (stale.some((name) => this.problems[name as Problem])) {
      for (const name of stale) delete this.problems[name as Problem];
      this.redraw();
    }
  }

  private choose(action: IncidentActionName): void {
    this.action = action;
    this.problems = {};
    this.redraw();
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const action = this.action;
    const comment = this.comment.trim();
    this.problems = {};
    let corrections: HolderCorrections | undefined;
    if (!action) {
      this.problems.action = 'Choisissez une décision.';
    } else if (action === 'correct') {
      const read = readCorrections(this.fields, this.emailAllowed);
      this.problems = { ...read.problems };
      if (read.none) this.problems.corrections = 'Indiquez au moins une information à corriger.';
      corrections = read.corrections;
    }
    if (comment.length > COMMENT_MAX) this.problems.comment = `Le commentaire compte ${COMMENT_MAX} caractères au plus.`;
    if (Object.keys(this.problems).length > 0 || !action) {
      this.redraw();
      form.querySelector<HTMLElement>('[aria-invalid="true"], fieldset[aria-describedby*="problem"] input')?.focus();
      return;
    }
    const [message, confirmLabel] = this.confirmation(action, corrections);
    if (!(await confirmAction(message, confirmLabel))) return;
    this.busy = true;
    this.error = undefined;
    this.redraw();
    try {
      const outcome = await api.post<IncidentDecisionOutcome>(`/v1/admin/incidents/${encodeURIComponent(this.item.id)}/decision`, {
        action,
        ...(corrections ? { corrections } : {}),
        ...(comment ? { comment } : {}),
      });
      this.onDone(action, outcome);
    } catch (failure) {
      this.error = failure;
      this.busy = false;
      this.redraw();
      document.querySelector<HTMLElement>('#incident-title')?.focus();
    }
  }

  /** The question the dialog asks, and its confirmation button. */
  private confirmation(action: IncidentActionName, corrections: HolderCorrections | undefined): [string, string] {
    const item = this.item;
    const subject = incidentSubject(item);
    const step = `« ${stepLabel(item.step)} »`;
    if (item.kind === 'crl') {
      return [`Demander une nouvelle publication de la ${subject} ? L’incident se fermera de lui-même dès qu’une LCR sera publiée.`, 'Demander la publication'];
    }
    switch (action) {
      case 'retry':
        return [`Relancer l’étape ${step} pour ${subject} ?`, 'Relancer l’étape'];
      case 'correct':
        return [`Corriger ${describeCorrections(corrections ?? {})} de ${subject}, puis relancer l’étape ${step} ? Les informations du dossier seront remplacées.`, 'Corriger et relancer'];
      case 'skip':
        return [`Passer le message ${step} pour ${subject} ? Il ne sera pas envoyé et le dossier reprendra à l’étape suivante.`, 'Passer ce message'];
      case 'cancel':
        return [
          `Clore définitivement la demande de ${subject} ? Avant l’émission, la demande est annulée ; les certificats déjà émis mais pas encore remis au titulaire sont révoqués. Cette décision est irréversible.`,
          'Clore définitivement la demande',
        ];
    }
  }
}
