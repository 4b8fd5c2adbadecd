import { html, nothing } from 'lit';
import { formatDate } from '../../shared/format.js';
import { stateLabel } from '../../shared/labels.js';
import type { Page } from '../../shared/router.js';
import { errorBox } from '../../shared/ui.js';
import { subscriptionFor } from '../holder-gate.js';
import { api, flash, rememberSubscription } from '../holder-session.js';

const TITLE = 'Renouveler mes certificats';

/**
 * Renewal (contract §13.1): certificates last two years; renewing starts a new cycle (address,
 * ID copy, review, payment, a new hand-over) while the current pair stays valid until the new one
 * is handed over. The renewal reminder mails link here.
 */
export const renewalPage: Page = async (ctx) => {
  const subscription = await subscriptionFor(ctx, TITLE);
  if (!subscription) return;
  const statusPage = `/portail/demandes/${subscription.id}`;
  if (subscription.nextSubscriptionId) {
    ctx.show(html`<h1>${TITLE}</h1>
      <div class="alert alert-info"><p>Le renouvellement est déjà demandé.</p></div>
      <p><a class="button" href="/portail/demandes/${subscription.nextSubscriptionId}">Suivre la demande de renouvellement</a></p>`);
    return;
  }
  if (subscription.state !== 'ACTIVE') {
    ctx.show(html`<h1>${TITLE}</h1>
      <div class="alert alert-info"><p>Seuls des certificats actifs se renouvellent ; votre demande est à l’étape
        « ${stateLabel(subscription.state)} ».</p></div>
      <p><a href=${statusPage}>Voir l’état de ma demande</a></p>`);
    return;
  }
  let failure: unknown;
  let busy = false;

  const renew = async () => {
    busy = true;
    failure = undefined;
    draw();
    try {
      const started = await api.post<{ nextSubscriptionId: string }>(`/v1/subscriptions/${subscription.id}/renewal`);
      rememberSubscription(started.nextSubscriptionId);
      flash('Votre renouvellement est demandé. Un courriel de confirmation de votre adresse électronique vient de vous être envoyé.');
      ctx.navigate(`/portail/demandes/${started.nextSubscriptionId}`);
    } catch (error) {
      busy = false;
      failure = error;
      draw();
      document.getElementById('renewal-refused')?.focus();
    }
  };

  const notAfter = subscription.nextStep?.deadline ?? subscription.certificates[0]?.notAfter;
  const draw = () =>
    ctx.show(html`<h1>${TITLE}</h1>
      ${failure ? html`<div id="renewal-refused" tabindex="-1">${errorBox(failure)}</div>` : nothing}
      <p class="lead">Vos certificats actuels sont valables jusqu’au <strong>${formatDate(notAfter)}</strong>. Le renouvellement vous en
        donne deux nouveaux, pour deux ans (conditions générales, §13.1).</p>
      <h2>Comment se passe le renouvellement</h2>
      <ol>
        <li>Nous vous envoyons un lien pour confirmer de nouveau votre adresse électronique.</li>
        <li>Vous déposez la copie de votre pièce d’identité ; l’ECMA vérifie le dossier et enregistre votre règlement.</li>
        <li>Vos nouveaux certificats sont fabriqués, puis remis par votre CROEC, avec un nouveau code d’activation envoyé par courrier.</li>
        <li>Dès cette remise, les certificats actuels sont révoqués comme remplacés. D’ici là, vous continuez à les utiliser.</li>
      </ol>
      <p>Vos informations ont changé (nom, adresse électronique, cabinet…) ? <a href="${statusPage}/modifications">Signalez-le d’abord</a>.</p>
      <div class="actions">
        <button type="button" @click=${renew} ?disabled=${busy}>${busy ? 'Demande en cours…' : 'Demander le renouvellement'}</button>
        <a class="button secondary" href=${statusPage}>Retour à ma demande</a>
      </div>`);
  draw();
};
