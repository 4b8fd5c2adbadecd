import { html, nothing, type TemplateResult } from 'lit';
import { REVOCATION_GROUND_LABELS } from '../../shared/labels.js';
import { confirmAction, errorBox } from '../../shared/ui.js';
import { api } from '../staff-session.js';
import { MAX_REGISTRATION_NUMBERS, parseRegistrationNumbers, registrationTextOfFile, type RegistrationList } from './registration-numbers.js';

/** The API's rule for the decision reference (BulkRevocationDto). */
const DECISION_REFERENCE = /^[\w./ -]{3,64}$/;

/**
 * A CSOEC officer orders the revocation of a list of holders (contract §9.1, last paragraph): the
 * registration numbers pasted or read from a file, checked as they are typed, the ground and the
 * decision's reference. Nothing is revoked before a second officer approves; `onOrdered` gets the id.
 */
export class BulkRevocationOrderForm {
  private text = '';
  private list: RegistrationList = { numbers: [], invalid: [], duplicates: 0 };
  private ground = 'authority-decision';
  private problems: { numbers?: string; reference?: string } = {};
  private error?: unknown;
  private busy = false;

  constructor(
    private readonly redraw: () => void,
    private readonly onOrdered: (id: string) => void,
  ) {}

  view(): TemplateResult {
    const { numbers, reference } = this.problems;
    return html`<form class="stacked bulk-order" novalidate @submit=${(event: SubmitEvent) => void this.submit(event)}>
      ${this.error ? errorBox(this.error) : nothing}
      <label for="registration-numbers">Numéros d’inscription des titulaires (obligatoire)</label>
      <p class="hint" id="numbers-hint">Un numéro par ligne, ou séparés par des espaces, virgules ou points-virgules.</p>
      <textarea
        id="registration-numbers"
        name="registrationNumbers"
        class="numbers"
        aria-describedby=${numbers ? 'numbers-hint numbers-summary numbers-problem' : 'numbers-hint numbers-summary'}
        aria-invalid=${numbers ? 'true' : 'false'}
        .value=${this.text}
        @input=${(event: InputEvent) => this.setText((event.target as HTMLTextAreaElement).value)}
      ></textarea>
      <label for="numbers-file">Ou importer un fichier (texte ou CSV, numéros en première colonne)</label>
      <input id="numbers-file" type="file" accept=".txt,.csv,text/plain,text/csv" @change=${(event: Event) => void this.readFile(event)} />
      <p class="hint" id="numbers-summary" aria-live="polite">${this.summary()}</p>
      ${numbers ? html`<p class="field-problem" id="numbers-problem">${numbers}</p>` : nothing}
      <label for="bulk-ground">Motif de la révocation</label>
      <select id="bulk-ground" name="reason" @change=${(event: Event) => (this.ground = (event.target as HTMLSelectElement).value)}>
        ${Object.entries(REVOCATION_GROUND_LABELS).map(([value, label]) => html`<option value=${value} ?selected=${this.ground === value}>${label}</option>`)}
      </select>
      <label for="decision-reference">Référence de la décision du CSOEC (obligatoire)</label>
      <p class="hint" id="reference-hint">3 à 64 caractères : lettres sans accent, chiffres, espaces, points, barres obliques ou tirets (ex. CSOEC-2026-042).</p>
      <input
        id="decision-reference"
        name="decisionReference"
        maxlength="64"
        aria-describedby=${reference ? 'reference-hint reference-problem' : 'reference-hint'}
        aria-invalid=${reference ? 'true' : 'false'}
      />
      ${reference ? html`<p class="field-problem" id="reference-problem">${reference}</p>` : nothing}
      <div class="actions">
        <button type="submit" ?disabled=${this.busy}>Ordonner la révocation groupée…</button>
      </div>
    </form>`;
  }

  private summary(): string {
    const { numbers, invalid, duplicates } = this.list;
    if (numbers.length === 0 && invalid.length === 0) return 'Aucun numéro saisi.';
    const parts = [numbers.length === 1 ? '1 numéro reconnu' : `${numbers.length} numéros reconnus`];
    if (duplicates) parts.push(`${duplicates} doublon(s) ignoré(s)`);
    if (invalid.length) parts.push(`${invalid.length} entrée(s) invalide(s) : ${invalid.slice(0, 5).join(', ')}${invalid.length > 5 ? '…' : ''}`);
    return `${parts.join(' ; ')}.`;
  }

  private setText(text: string): void {
    this.text = text;
    this.list = parseRegistrationNumbers(text);
    this.problems.numbers = undefined;
    this.redraw();
  }

  private async readFile(event: Event): Promise<void> {
    const file = (event.target as HTMLInputElement).files?.[0];
    if (!file) return;
    const content = registrationTextOfFile(file.name, await file.text());
    this.setText(this.text.trim() ? `${this.text.trim()}\n${content}` : content);
  }

  private check(reference: string): boolean {
    const { numbers, invalid } = this.list;
    this.problems = {
      numbers:
        invalid.length > 0
          ? 'Corrigez ou retirez les entrées invalides : un numéro d’inscription compte 4 à 32 chiffres, capitales ou tirets.'
          : numbers.length === 0
            ? 'Indiquez au moins un numéro d’inscription.'
            : numbers.length > MAX_REGISTRATION_NUMBERS
              ? `Une décision vise au plus ${MAX_REGISTRATION_NUMBERS.toLocaleString('fr-FR')} titulaires : scindez la liste.`
              : undefined,
      reference: DECISION_REFERENCE.test(reference) ? undefined : 'Indiquez la référence de la décision (3 à 64 caractères autorisés).',
    };
    return !this.problems.numbers && !this.problems.reference;
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const reference = String(new FormData(form).get('decisionReference') ?? '').trim();
    if (!this.check(reference)) {
      this.redraw();
      form.querySelector<HTMLElement>(this.problems.numbers ? '#registration-numbers' : '#decision-reference')?.focus();
      return;
    }
    const count = this.list.numbers.length;
    const ground = REVOCATION_GROUND_LABELS[this.ground] ?? this.ground;
    const message = `Ordonner la révocation des certificats de ${count === 1 ? '1 titulaire' : `${count} titulaires`} (décision ${reference}, motif « ${ground} ») ? Elle ne sera exécutée qu’après l’approbation d’un second responsable du CSOEC.`;
    if (!(await confirmAction(message, 'Ordonner'))) return;
    this.busy = true;
    this.error = undefined;
    this.redraw();
    try {
      const { id } = await api.post<{ id: string }>('/v1/admin/bulk-revocations', { registrationNumbers: this.list.numbers, reason: this.ground, decisionReference: reference });
      this.onOrdered(id);
    } catch (failure) {
      this.error = failure;
      this.busy = false;
      this.redraw();
    }
  }
}
