import { html, nothing, type TemplateResult } from 'lit';
import type { StaffSubscriptionView } from '../../../../../libs/api-views/src/index.js';
import { certificateTable, errorBox, loading, successBox, timelineList } from '../../shared/ui.js';
import type { Page } from '../../shared/router.js';
import { consoleSettings, temporalWorkflowUrl, type ConsoleSettings } from '../console-settings.js';
import { holderFacts } from '../dossier/holder-facts.js';
import { regionName } from '../dossier/region-name.js';
import { holderName, loadSubscription } from '../dossier/staff-subscription.js';
import { staffTimeline } from '../dossier/staff-timeline.js';
import { RevocationForm } from '../officers/revocation-form.js';
import { hasRole } from '../staff-session.js';

/** States after which nothing can be revoked or cancelled any more (the workflow refuses with a 409). */
const ENDED = new Set(['EXPIRED', 'RENEWED', 'REVOKED', 'CANCELLED', 'ABANDONED', 'REJECTED']);

const backToSearch = html`<p><a href="/console/recherche">← Rechercher un autre titulaire</a></p>`;

/**
 * One subscription for any staff member: the registration, each step (who, when), the certificates
 * and the CRL they are published in; the revocation form for the roles the API lets revoke; the
 * link to the workflow in the Temporal Web UI for the operators: the CA officer, who runs the platform,
 * and the ECMA operators, who follow issuance and see where a stuck subscription waits.
 */
export const subscriptionPage: Page = async (ctx) => {
  ctx.show(html`<h1>Dossier</h1>${loading()}`);
  let subscription: StaffSubscriptionView;
  let settings: ConsoleSettings = { temporalUi: null };
  try {
    [subscription, settings] = await Promise.all([loadSubscription(ctx.params.id!, ctx.signal), hasRole('ca-officer', 'ecma-operator') ? consoleSettings() : settings]);
  } catch (failure) {
    ctx.show(html`<h1>Dossier</h1>${errorBox(failure)}${backToSearch}`);
    return;
  }
  let done: TemplateResult | undefined;
  let form = revocationFormFor(subscription);

  function revocationFormFor(current: StaffSubscriptionView): RevocationForm | undefined {
    if (!hasRole('csoec-officer', 'ca-officer', 'ecma-operator') || ENDED.has(current.state)) return undefined;
    return new RevocationForm(current, draw, (message) => void reload(message));
  }

  async function reload(message: string): Promise<void> {
    done = successBox(message);
    try {
      subscription = await loadSubscription(subscription.id, ctx.signal);
    } catch (failure) {
      done = html`${done}${errorBox(failure)}`;
    }
    form = revocationFormFor(subscription);
    draw();
  }

  function draw(): void {
    ctx.show(html`<h1>Dossier de ${holderName(subscription)}</h1>
      ${backToSearch}
      ${done ?? nothing}
      <div class="columns dossier-columns">
        <section aria-labelledby="facts-title">
          <h2 id="facts-title">Titulaire</h2>
          ${holderFacts(subscription)}
          ${subscription.previousSubscriptionId
            ? html`<p><a href=${`/console/dossiers/${subscription.previousSubscriptionId}`}>Cycle précédent de ce titulaire</a></p>`
            : nothing}
          ${settings.temporalUi
            ? html`<p><a href=${temporalWorkflowUrl(settings.temporalUi, subscription.id)} target="_blank" rel="noopener">Voir le workflow dans Temporal (nouvel onglet)</a></p>`
            : nothing}
        </section>
        <section aria-labelledby="timeline-title">
          <h2 id="timeline-title">Étapes</h2>
          ${timelineList(staffTimeline(subscription.timeline))}
        </section>
      </div>
      <section aria-labelledby="certificates-title">
        <h2 id="certificates-title">Certificats</h2>
        ${certificateTable(subscription.certificates)}
        <p>
          Liste de révocation publiée du CROEC ${regionName(subscription.region)} :
          <a href=${`/pki/crl/${encodeURIComponent(subscription.region)}.crl`} download>${subscription.region}.crl</a>
        </p>
      </section>
      ${form
        ? html`<section aria-labelledby="revocation-title">
            <h2 id="revocation-title">${subscription.certificates.length ? 'Révoquer les certificats' : 'Annuler la demande'}</h2>
            ${form.view()}
          </section>`
        : nothing}`);
  }
  draw();
};
