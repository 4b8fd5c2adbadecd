import { html, nothing, type TemplateResult } from 'lit';
import { formatDateTime } from '../../shared/format.js';
import { revocationGroundLabel } from '../../shared/labels.js';
import type { Page } from '../../shared/router.js';
import { restrictedTo } from '../role-guard.js';
import { confirmAction, errorBox, loading, successBox } from '../../shared/ui.js';
import { actorLabel } from '../officers/actor-label.js';
import { loadBulkRevocation, type BulkRevocationReport } from '../officers/bulk-revocation.js';
import { bulkRevocationProgress } from '../officers/bulk-revocation-progress.js';
import { api, hasRole } from '../staff-session.js';

/** How often the report is read while the decision awaits approval or runs. */
const POLL_MS = 1000;

const backToList = html`<p><a href="/console/revocations-groupees">← Toutes les révocations groupées</a></p>`;

/**
 * One bulk revocation, followed live until it is done: who ordered it, who approved it, the progress
 * holder by holder. The approval is offered only when the API says this officer may give it (a CSOEC
 * officer other than the one who ordered it), after a confirmation: it cannot be undone.
 */
export const bulkRevocationPage: Page = restrictedTo(['csoec-officer', 'ca-officer', 'auditor'], async (ctx) => {
  const id = ctx.params.id!;
  ctx.show(html`<h1>Révocation groupée</h1>${loading()}`);
  let report: BulkRevocationReport;
  try {
    report = await loadBulkRevocation(id, ctx.signal);
  } catch (failure) {
    ctx.show(html`<h1>Révocation groupée</h1>${errorBox(failure)}${backToList}`);
    return;
  }
  let notice: TemplateResult | undefined;
  let approving = false;

  const draw = () =>
    ctx.show(html`<h1>Révocation groupée — décision ${report.decisionReference}</h1>
      ${backToList}
      ${notice ?? nothing}
      <dl class="facts">
        <dt>Décision du CSOEC</dt><dd>${report.decisionReference}</dd>
        <dt>Motif</dt><dd>${report.reason ? revocationGroundLabel(report.reason) : '—'}</dd>
        <dt>Ordonnée</dt><dd>le ${formatDateTime(report.orderedAt)} par ${report.orderedByYou ? 'vous' : actorLabel(report.orderedBy)}</dd>
        <dt>Approuvée</dt><dd>${report.approvedBy ? `par ${actorLabel(report.approvedBy)}` : 'pas encore'}</dd>
      </dl>
      ${approvalSection()}
      <section aria-labelledby="progress-title">
        <h2 id="progress-title">Avancement</h2>
        ${bulkRevocationProgress(report)}
      </section>`);

  function approvalSection(): TemplateResult | typeof nothing {
    if (report.state !== 'AWAITING_APPROVAL') return nothing;
    if (report.mayApprove) {
      return html`<section aria-labelledby="approval-title" class="approval">
        <h2 id="approval-title">Votre approbation</h2>
        <p>Vérifiez la décision et la liste ci-dessous. Dès votre approbation, les certificats des titulaires listés sont révoqués : c’est irréversible.</p>
        <button type="button" class="danger" ?disabled=${approving} @click=${() => void approve()}>Approuver et lancer la révocation…</button>
      </section>`;
    }
    const why = report.orderedByYou
      ? 'Vous avez ordonné cette révocation : un autre responsable du CSOEC doit l’approuver. Vous ne pouvez pas l’approuver vous-même.'
      : hasRole('csoec-officer')
        ? 'Elle attend l’approbation d’un second responsable du CSOEC.'
        : 'Elle attend l’approbation d’un second responsable du CSOEC ; votre rôle ne permet pas de l’approuver.';
    return html`<p class="alert alert-info" role="note">${why}</p>`;
  }

  async function approve(): Promise<void> {
    const count = report.items.length;
    const message = `Approuver la décision ${report.decisionReference} et révoquer les certificats de ${count === 1 ? '1 titulaire' : `${count} titulaires`} ? Cette action est irréversible.`;
    if (!(await confirmAction(message, 'Approuver et révoquer'))) return;
    approving = true;
    notice = undefined;
    draw();
    try {
      await api.post(`/v1/admin/bulk-revocations/${encodeURIComponent(id)}/approval`);
      notice = successBox('Révocation groupée approuvée : son exécution commence.');
      report = await loadBulkRevocation(id, ctx.signal);
    } catch (failure) {
      notice = errorBox(failure);
    }
    approving = false;
    draw();
  }

  /** Reads the report until the decision is over, or the page is left (ctx.signal). */
  async function follow(): Promise<void> {
    while (!ctx.signal.aborted && report.state !== 'DONE' && report.state !== 'INTERRUPTED') {
      await pause(POLL_MS, ctx.signal);
      if (ctx.signal.aborted) return;
      try {
        report = await loadBulkRevocation(id, ctx.signal);
      } catch {
        continue; // a missed reading is retried at the next tick; the last known state stays on screen
      }
      draw();
    }
  }

  draw();
  void follow();
});

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}
