import { html, nothing } from 'lit';
import type { SubscriptionView } from '../../../../../libs/api-views/src/index.js';
import { REGIONS, type RegionCode } from '../../../../../libs/domain/src/regions.js';
import { formatDate } from '../../shared/format.js';
import { stateLabel } from '../../shared/labels.js';
import type { Page } from '../../shared/router.js';
import { certificateTable, successBox } from '../../shared/ui.js';
import { subscriptionFor } from '../holder-gate.js';
import { takeFlash } from '../holder-session.js';
import { holderTimeline, stageProgress } from '../holder-timeline.js';
import { hasCertificates, isOver } from '../holder-view.js';
import { nextStepPanel } from '../next-step.js';

const TITLE = 'Ma demande de certificats';

/** The status page (contract §4.2): where the request stands, what is expected next, the certificates, the history. */
export const requestPage: Page = async (ctx) => {
  const flashed = takeFlash();
  const subscription = await subscriptionFor(ctx, TITLE);
  if (!subscription) return;
  const { holder } = subscription;
  ctx.show(html`<h1>${TITLE}</h1>
    ${flashed ? successBox(flashed) : nothing}
    <p class="lead">${holder.givenName} ${holder.surname}${holder.firm ? html` — ${holder.firm}` : nothing}<br />
      <span class="muted">N° d’inscription ${holder.registrationNumber} · CROEC ${REGIONS[subscription.region as RegionCode] ?? subscription.region}
        · demande du ${formatDate(subscription.createdAt)}</span></p>
    ${subscription.previousSubscriptionId
      ? html`<p>Cette demande renouvelle vos certificats précédents (<a href="/portail/demandes/${subscription.previousSubscriptionId}">voir
          la demande précédente</a>), qui restent valables jusqu’à la remise des nouveaux.</p>`
      : nothing}
    <p>État : <span class="badge state-badge">${stateLabel(subscription.state)}</span></p>
    ${stageProgress(subscription)}
    ${nextStepPanel(subscription)}
    ${subscription.certificates.length
      ? html`<section aria-labelledby="certificates-title">
          <h2 id="certificates-title">Vos certificats</h2>
          ${certificateTable(subscription.certificates)}
        </section>`
      : nothing}
    ${otherRequests(subscription)}
    <section aria-labelledby="history-title">
      <h2 id="history-title">Historique</h2>
      ${holderTimeline(subscription.timeline)}
    </section>`);
};

/** What else the holder may ask at this point (the renewal is offered by the next-step panel). */
function otherRequests(subscription: SubscriptionView) {
  if (isOver(subscription)) return nothing;
  const base = `/portail/demandes/${subscription.id}`;
  const links = [
    html`<li><a href="${base}/modifications">Signaler un changement</a> (nom, adresse électronique, numéro d’inscription, cabinet)</li>`,
    hasCertificates(subscription)
      ? html`<li><a href="${base}/revocation">Demander la révocation de mes certificats</a> (clé perdue ou volée, code divulgué…)</li>`
      : html`<li><a href="${base}/revocation">Annuler ma demande</a></li>`,
  ];
  return html`<section aria-labelledby="requests-title">
    <h2 id="requests-title">Autres démarches</h2>
    <ul class="link-list">${links}</ul>
  </section>`;
}
