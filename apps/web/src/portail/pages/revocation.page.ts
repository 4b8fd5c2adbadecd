import { html, nothing } from 'lit';
import type { SubscriptionView } from '../../../../../libs/api-views/src/index.js';
import { HOLDER_REVOCATION_GROUNDS, REVOCATION_GROUND_LABELS, profileLabel, stateLabel } from '../../shared/labels.js';
import type { Page } from '../../shared/router.js';
import { confirmAction, errorBox } from '../../shared/ui.js';
import { fieldError, focusSummary, invalidFlag, problemSummary, type FieldProblems } from '../form-fields.js';
import { subscriptionFor } from '../holder-gate.js';
import { api, flash } from '../holder-session.js';
import { hasCertificates, isOver } from '../holder-view.js';

const TITLE = 'Révoquer mes certificats';
const CANCEL_TITLE = 'Annuler ma demande';

/** What each ground means for the holder, in the contract's words (§9.1, §12.2). */
const GROUND_HINTS: Record<string, string> = {
  'key-compromise': 'Votre clé USB est perdue ou volée, ou quelqu’un a pu signer à votre place.',
  'activation-code-compromised': 'Quelqu’un d’autre connaît votre code d’activation.',
  'activation-code-lost': 'Vous avez perdu votre code d’activation : la clé ne peut plus servir.',
  'information-inaccurate': 'Vos nom, adresse électronique, numéro d’inscription ou cabinet ont changé.',
  'holder-request': 'Vous ne souhaitez plus utiliser vos certificats.',
};

/**
 * Revocation at the holder's request (contract §9.1: at any time, when trust is compromised).
 * Irreversible: the page asks for an explicit confirmation first. Before issuance the same
 * request cancels the application, which is final too.
 */
export const revocationPage: Page = async (ctx) => {
  const subscription = await subscriptionFor(ctx, TITLE);
  if (!subscription) return;
  const statusPage = `/portail/demandes/${subscription.id}`;
  if (isOver(subscription)) {
    ctx.show(html`<h1>${TITLE}</h1>
      <div class="alert alert-info"><p>Votre demande est close (« ${stateLabel(subscription.state)} ») : il n’y a plus rien à révoquer.</p></div>
      <p><a href=${statusPage}>Voir ma demande</a></p>`);
    return;
  }
  if (hasCertificates(subscription)) revocationForm(ctx, subscription, statusPage);
  else cancellation(ctx, subscription, statusPage);
};

function revocationForm(ctx: Parameters<typeof revocationPage>[0], subscription: SubscriptionView, statusPage: string): void {
  const active = subscription.certificates.filter((certificate) => !certificate.revokedAt);
  let problems: FieldProblems = {};
  let failure: unknown;
  let busy = false;

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const reason = form.get('reason') as string | null;
    const certificates = form.getAll('certificates') as string[];
    problems = {};
    if (!reason) problems['reason'] = 'Choisissez le motif de la révocation.';
    if (certificates.length === 0) problems['certificates'] = 'Choisissez au moins un certificat à révoquer.';
    failure = undefined;
    if (Object.keys(problems).length) {
      draw();
      focusSummary();
      return;
    }
    const which = certificates.length === active.length ? 'vos certificats' : `votre certificat ${profileLabel(certificates[0]!).toLowerCase()}`;
    const sure = await confirmAction(
      `Révoquer ${which} ? La révocation est définitive : ils ne pourront plus jamais servir à signer ni à vous authentifier, et pour en retrouver il faudra faire une nouvelle demande.`,
      'Révoquer définitivement',
    );
    if (!sure) return;
    busy = true;
    draw();
    try {
      // Naming every active certificate is the same as naming none: the API revokes both.
      await api.post(`/v1/subscriptions/${subscription.id}/revocation-requests`, { reason, certificates });
      flash('Votre demande de révocation est enregistrée : les certificats concernés sont révoqués et publiés dans la liste de révocation.');
      ctx.navigate(statusPage);
    } catch (error) {
      busy = false;
      failure = error;
      draw();
      document.getElementById('revocation-refused')?.focus();
    }
  };

  const draw = () =>
    ctx.show(html`<h1>${TITLE}</h1>
      <div class="alert alert-warning">
        <p><strong>La révocation est immédiate et définitive.</strong> Un certificat révoqué ne peut plus servir ; il est publié dans la
          liste de révocation que consultent ceux qui vérifient vos signatures (conditions générales, §9.2).</p>
      </div>
      <p>Demandez-la sans attendre si votre clé est perdue ou volée, ou si votre code d’activation est divulgué (§12.2). Si seules vos
        informations ont changé, vous pouvez aussi <a href="${statusPage}/modifications">signaler le changement</a> : les certificats
        devenus inexacts sont alors révoqués et un nouveau cycle vous est proposé.</p>
      ${problemSummary(problems, 'La demande n’a pas pu être envoyée :')}
      ${failure ? html`<div id="revocation-refused" tabindex="-1">${errorBox(failure)}</div>` : nothing}
      <form class="stacked" novalidate @submit=${submit}>
        <fieldset id="reason" tabindex="-1" aria-describedby=${problems['reason'] ? 'reason-error' : nothing}>
          <legend>Motif</legend>
          ${fieldError('reason', problems)}
          ${HOLDER_REVOCATION_GROUNDS.map(
            (ground) => html`<label class="choice">
              <input type="radio" name="reason" value=${ground} aria-describedby="reason-${ground}-hint"
                aria-invalid=${invalidFlag('reason', problems) ?? nothing} />
              <span>${REVOCATION_GROUND_LABELS[ground]}<span class="hint" id="reason-${ground}-hint">${GROUND_HINTS[ground]}</span></span>
            </label>`,
          )}
        </fieldset>
        <fieldset id="certificates" tabindex="-1" aria-describedby=${problems['certificates'] ? 'certificates-error' : nothing}>
          <legend>Certificats à révoquer</legend>
          ${fieldError('certificates', problems)}
          ${subscription.certificates.map(
            (certificate) => html`<label class="choice">
              <input type="checkbox" name="certificates" value=${certificate.profile} ?checked=${!certificate.revokedAt} ?disabled=${!!certificate.revokedAt}
                aria-invalid=${invalidFlag('certificates', problems) ?? nothing} />
              <span>Certificat ${profileLabel(certificate.profile).toLowerCase()}
                <span class="hint">n° ${certificate.serial}${certificate.revokedAt ? ' — déjà révoqué' : ''}</span></span>
            </label>`,
          )}
        </fieldset>
        <div class="actions">
          <button type="submit" class="danger" ?disabled=${busy}>${busy ? 'Révocation en cours…' : 'Révoquer…'}</button>
          <a class="button secondary" href=${statusPage}>Retour à ma demande</a>
        </div>
      </form>`);
  draw();
}

function cancellation(ctx: Parameters<typeof revocationPage>[0], subscription: SubscriptionView, statusPage: string): void {
  let failure: unknown;
  let busy = false;
  const cancel = async () => {
    const sure = await confirmAction('Annuler votre demande ? L’annulation est définitive : pour obtenir des certificats, il faudra souscrire de nouveau.', 'Annuler définitivement');
    if (!sure) return;
    busy = true;
    draw();
    try {
      await api.post(`/v1/subscriptions/${subscription.id}/revocation-requests`, { reason: 'holder-request' });
      flash('Votre demande est annulée.');
      ctx.navigate(statusPage);
    } catch (error) {
      busy = false;
      failure = error;
      draw();
    }
  };
  const draw = () =>
    ctx.show(html`<h1>${CANCEL_TITLE}</h1>
      ${failure ? errorBox(failure) : nothing}
      <p>Vos certificats ne sont pas encore fabriqués : vous pouvez annuler votre demande. Rien ne sera émis.</p>
      <div class="actions">
        <button type="button" class="danger" @click=${cancel} ?disabled=${busy}>Annuler ma demande…</button>
        <a class="button secondary" href=${statusPage}>Retour à ma demande</a>
      </div>`);
  draw();
}
