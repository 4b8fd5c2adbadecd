import { html, type TemplateResult } from 'lit';
import { formatDateTime } from '../../shared/format.js';
import { errorBox, loading } from '../../shared/ui.js';
import type { AuditVerification } from './audit-entry.js';

export type VerificationState = { kind: 'checking' } | { kind: 'failed'; error: unknown } | { kind: 'done'; result: AuditVerification; at: string };

/**
 * The hash chain's verdict, said plainly: intact with the number of entries checked, or the first
 * entry that breaks it (altered, removed or inserted before it) — what an auditor must report.
 */
export function chainVerification(state: VerificationState, recheck: () => void): TemplateResult {
  const button = html`<button type="button" class="secondary" @click=${recheck}>Vérifier à nouveau</button>`;
  if (state.kind === 'checking') return html`<div class="verification">${loading()}</div>`;
  if (state.kind === 'failed') return html`<div class="verification">${errorBox(state.error)}${button}</div>`;
  const { result, at } = state;
  if (result.ok) {
    return html`<div class="alert alert-success verification" role="status">
      <p><strong>Chaîne d’audit intègre</strong> : ${result.count.toLocaleString('fr-FR')} entrées vérifiées, aucune modifiée, retirée ni insérée (vérifiée le ${formatDateTime(at)}).</p>
      ${button}
    </div>`;
  }
  return html`<div class="alert alert-error verification" role="alert">
    <p><strong>Chaîne d’audit rompue à l’entrée n° ${result.firstBadId}</strong> : ${result.count.toLocaleString('fr-FR')} entrées intègres avant elle (vérifiée le ${formatDateTime(at)}).</p>
    <p>${brokenLinkInWords(result.reason)}</p>
    <p class="muted"><code>${result.reason}</code></p>
    ${button}
  </div>`;
}

function brokenLinkInWords(reason: string): string {
  if (/^previous_hash/.test(reason)) return 'Une entrée antérieure a été retirée, insérée ou modifiée.';
  if (/^hash does not match/.test(reason)) return 'Le contenu de cette entrée a été modifié.';
  return 'La chaîne ne se vérifie pas à partir de cette entrée.';
}
