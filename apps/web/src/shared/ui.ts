import { html, nothing, type TemplateResult } from 'lit';
import type { CertificateSummary } from '../../../../libs/api-views/src/index.js';
import { describeError } from './errors.js';
import { formatDateTime } from './format.js';
import { profileLabel, revocationReasonLabel, stateLabel } from './labels.js';

// Small building blocks shared by the console and the holder pages.

/** A refusal or failure, announced to screen readers (role=alert), with the fields concerned. */
export function errorBox(error: unknown): TemplateResult {
  const { message, fields } = describeError(error);
  return html`<div class="alert alert-error" role="alert">
    <p>${message}</p>
    ${fields.length ? html`<ul>${fields.map((f) => html`<li><code>${f.field}</code> : ${f.messages.join(' ; ')}</li>`)}</ul>` : nothing}
  </div>`;
}

export function successBox(message: string): TemplateResult {
  return html`<div class="alert alert-success" role="status">${message}</div>`;
}

export function loading(): TemplateResult {
  return html`<p class="loading" role="status">Chargement…</p>`;
}

/** The steps of a subscription, oldest first, with who acted when the API says. */
export function timelineList(timeline: { state: string; at: string; by?: string | null; note?: string | null }[]): TemplateResult {
  return html`<ol class="timeline">
    ${timeline.map(
      (step) => html`<li>
        <strong>${stateLabel(step.state)}</strong>
        <span class="muted">${formatDateTime(step.at)}${step.by ? html` — ${step.by}` : nothing}</span>
        ${step.note ? html`<div class="note">${step.note}</div>` : nothing}
      </li>`,
    )}
  </ol>`;
}

export function certificateStatus(certificate: CertificateSummary, now: Date = new Date()): string {
  if (certificate.revokedAt) return `Révoqué le ${formatDateTime(certificate.revokedAt)}${certificate.revocationReason ? ` (${revocationReasonLabel(certificate.revocationReason)})` : ''}`;
  if (new Date(certificate.notAfter) <= now) return 'Expiré';
  if (new Date(certificate.notBefore) > now) return 'Pas encore valide';
  return 'Valide';
}

export function certificateTable(certificates: CertificateSummary[]): TemplateResult {
  if (certificates.length === 0) return html`<p>Aucun certificat émis.</p>`;
  return html`<table>
    <caption class="visually-hidden">Certificats</caption>
    <thead><tr><th scope="col">Usage</th><th scope="col">Numéro de série</th><th scope="col">Validité</th><th scope="col">Statut</th></tr></thead>
    <tbody>
      ${certificates.map(
        (c) => html`<tr>
          <td>${profileLabel(c.profile)}</td>
          <td><code class="serial">${c.serial}</code></td>
          <td>du ${formatDateTime(c.notBefore)}<br />au ${formatDateTime(c.notAfter)}</td>
          <td>${certificateStatus(c)}</td>
        </tr>`,
      )}
    </tbody>
  </table>`;
}

/**
 * Asks before an irreversible action, in a modal <dialog> (keyboard: Tab between the buttons,
 * Escape cancels). Resolves true only on the explicit confirmation button.
 */
export function confirmAction(message: string, confirmLabel: string): Promise<boolean> {
  return new Promise((resolve) => {
    const dialog = document.createElement('dialog');
    dialog.className = 'confirm';
    dialog.setAttribute('aria-labelledby', 'confirm-message');
    const text = document.createElement('p');
    text.id = 'confirm-message';
    text.textContent = message;
    const cancel = document.createElement('button');
    cancel.type = 'button';
    cancel.textContent = 'Annuler';
    const confirm = document.createElement('button');
    confirm.type = 'button';
    confirm.className = 'danger';
    confirm.textContent = confirmLabel;
    const buttons = document.createElement('div');
    buttons.className = 'actions';
    buttons.append(cancel, confirm);
    dialog.append(text, buttons);
    const close = (answer: boolean) => {
      dialog.close();
      dialog.remove();
      resolve(answer);
    };
    cancel.addEventListener('click', () => close(false));
    confirm.addEventListener('click', () => close(true));
    dialog.addEventListener('cancel', (event) => {
      event.preventDefault();
      close(false);
    });
    document.body.append(dialog);
    dialog.showModal();
    cancel.focus();
  });
}

/** The shells' "Aller au contenu" link: the router would take "#main" for a navigation and redraw the page, so move the focus instead. */
export function skipToContent(event: Event): void {
  event.preventDefault();
  document.getElementById('main')?.focus();
}

/** The named values of a submitted form, trimmed. */
export function formValues(form: HTMLFormElement): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of new FormData(form)) if (typeof value === 'string') values[name] = value.trim();
  return values;
}
