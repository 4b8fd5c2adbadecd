import { html, nothing, type TemplateResult } from 'lit';
import type { StaffSubscriptionView } from '../../../../../libs/api-views/src/index.js';
import { stateLabel } from '../../shared/labels.js';
import type { Page } from '../../shared/router.js';
import { errorBox, loading, successBox, timelineList } from '../../shared/ui.js';
import { DocumentCopies } from '../dossier/document-copies.js';
import { holderFacts } from '../dossier/holder-facts.js';
import { holderName, loadSubscription } from '../dossier/staff-subscription.js';
import { staffTimeline } from '../dossier/staff-timeline.js';
import { ReviewDecisionForm } from '../ecma/review-decision.js';
import { restrictedTo } from '../role-guard.js';

const backToQueue = html`<p><a href="/console/revues">← Retour à la file des revues</a></p>`;

/**
 * The ECMA review of one request (contract §5): the registration data beside the ID-document copy,
 * then the decision. ECMA operators only (the API refuses the others).
 */
export const reviewPage: Page = restrictedTo(['ecma-operator'], async (ctx) => {
  ctx.show(html`<h1>Revue de la demande</h1>${loading()}`);
  let subscription: StaffSubscriptionView;
  try {
    subscription = await loadSubscription(ctx.params.id!, ctx.signal);
  } catch (failure) {
    ctx.show(html`<h1>Revue de la demande</h1>${errorBox(failure)}${backToQueue}`);
    return;
  }
  let done: TemplateResult | undefined;
  const draw = () =>
    ctx.show(html`<h1>Revue de la demande de ${holderName(subscription)}</h1>
      ${backToQueue}
      ${done ?? nothing}
      <div class="columns side-by-side">
        <section aria-labelledby="declared">
          <h2 id="declared">Informations déclarées</h2>
          ${holderFacts(subscription)}
          <h3>Historique</h3>
          ${timelineList(staffTimeline(subscription.timeline))}
        </section>
        <section aria-labelledby="copy">
          <h2 id="copy">Pièce d’identité</h2>
          ${copies.view()}
        </section>
      </div>
      ${done ? nothing : decisionSection()}`);

  const decisionSection = (): TemplateResult => {
    if (subscription.state !== 'IN_REVIEW') {
      return html`<p class="alert alert-info">Cette demande n’est pas en revue : elle est à l’étape « ${stateLabel(subscription.state)} ». Aucune décision n’est attendue.</p>`;
    }
    return html`<section aria-labelledby="decision"><h2 id="decision">Décision</h2>${form.view()}</section>`;
  };

  const copies = new DocumentCopies(subscription.documents, ctx.signal, draw);
  const form = new ReviewDecisionForm(subscription, draw, (message, result) => {
    subscription = { ...subscription, state: result.state };
    done = html`${successBox(`${message} Étape suivante : ${stateLabel(result.state)}.`)}`;
    draw();
    // The confirmation is announced (role=status); focus goes where the next task starts.
    document.querySelector<HTMLAnchorElement>('main a[href="/console/revues"]')?.focus();
  });
  draw();
  copies.start();
});
