import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { describeError } from '../shared/errors.js';

// Accessible form fields: each has its label, an optional hint and, once refused, its error in
// words; the input points to both (aria-describedby) and says it is invalid (aria-invalid).

/** Field name → what is wrong with it, in French. */
export type FieldProblems = Record<string, string>;

export interface FieldSpec {
  name: string;
  label: string;
  hint?: string;
  type?: 'text' | 'email';
  autocomplete?: string;
  required?: boolean;
  value?: string;
  /** A textarea of that many rows. */
  rows?: number;
  maxlength?: number;
  /** Shown after the label for fields people may leave empty. */
  optional?: boolean;
}

const describedBy = (name: string, hint: boolean, problem: boolean): string | undefined =>
  [hint ? `${name}-hint` : '', problem ? `${name}-error` : ''].filter(Boolean).join(' ') || undefined;

/** Label, hint, error and input (or textarea), bound together for screen readers. */
export function textField(spec: FieldSpec, problems: FieldProblems): TemplateResult {
  const problem = problems[spec.name];
  const ids = describedBy(spec.name, !!spec.hint, !!problem);
  const invalid = problem ? 'true' : undefined;
  const control = spec.rows
    ? html`<textarea id=${spec.name} name=${spec.name} rows=${spec.rows} autocomplete=${ifDefined(spec.autocomplete)} ?required=${!!spec.required}
        aria-describedby=${ifDefined(ids)} aria-invalid=${ifDefined(invalid)} .value=${spec.value ?? ''}></textarea>`
    : html`<input id=${spec.name} name=${spec.name} type=${spec.type ?? 'text'} autocomplete=${ifDefined(spec.autocomplete)} ?required=${!!spec.required}
        maxlength=${ifDefined(spec.maxlength)} value=${spec.value ?? ''} aria-describedby=${ifDefined(ids)} aria-invalid=${ifDefined(invalid)} />`;
  return html`<div class="field">
    <label for=${spec.name}>${spec.label}${spec.optional ? html` <span class="optional">(facultatif)</span>` : nothing}</label>
    ${spec.hint ? html`<p class="hint" id="${spec.name}-hint">${spec.hint}</p>` : nothing}
    ${problem ? html`<p class="field-error" id="${spec.name}-error">${problem}</p>` : nothing}
    ${control}
  </div>`;
}

/** The error of a field whose control the page draws itself (select, file, checkbox). */
export function fieldError(name: string, problems: FieldProblems): TemplateResult | typeof nothing {
  return problems[name] ? html`<p class="field-error" id="${name}-error">${problems[name]}</p>` : nothing;
}

export const invalidFlag = (name: string, problems: FieldProblems): 'true' | undefined => (problems[name] ? 'true' : undefined);

/**
 * At the top of a refused form: what went wrong, each problem a link that moves to its field.
 * role=alert announces it; the links handle their own click because the router would take a
 * same-page #anchor for a navigation.
 */
export function problemSummary(problems: FieldProblems, intro = 'Votre demande n’a pas pu être envoyée :'): TemplateResult | typeof nothing {
  const entries = Object.entries(problems);
  if (entries.length === 0) return nothing;
  return html`<div class="alert alert-error" role="alert" id="problem-summary" tabindex="-1">
    <p>${intro}</p>
    <ul>
      ${entries.map(([name, message]) => html`<li><a href="#${name}" @click=${(event: Event) => focusField(event, name)}>${message}</a></li>`)}
    </ul>
  </div>`;
}

function focusField(event: Event, name: string): void {
  event.preventDefault();
  const target = document.getElementById(name);
  target?.scrollIntoView({ block: 'center' });
  target?.focus();
}

/** Moves the keyboard to the summary once the page shows it (after ctx.show). */
export function focusSummary(): void {
  document.getElementById('problem-summary')?.focus();
}

/**
 * The fields the API refused (400 problem details), in French from the page's own sentences: the
 * API's messages are written for programs. `postalAddress.1` counts as `postalAddress`.
 */
export function problemsFromApi(error: unknown, sentences: Record<string, string>): FieldProblems {
  const problems: FieldProblems = {};
  for (const { field } of describeError(error).fields) {
    const name = field.split(/[.[]/)[0]!;
    if (sentences[name]) problems[name] = sentences[name];
  }
  return problems;
}
