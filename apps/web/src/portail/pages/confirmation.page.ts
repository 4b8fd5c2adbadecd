import { html, nothing } from 'lit';
import { ApiError } from '../../shared/api-client.js';
import type { Page } from '../../shared/router.js';
import { errorBox } from '../../shared/ui.js';
import { focusTitle } from '../holder-gate.js';
import { api, keepSession, type OpenedSession } from '../holder-session.js';

/**
 * Landing of the emailed confirmation link (contract §4.1). The holder confirms with a button
 * rather than on arrival: mail filters that open links to scan them must not spend the
 * single-use token, nor prove the address in the holder's place.
 */
export const confirmationPage: Page = (ctx) => {
  const token = ctx.query.get('token') ?? '';
  let busy = false;
  let failure: unknown;

  if (!token) {
    ctx.show(html`<h1>Confirmation de votre adresse électronique</h1>
      <p>Cette page s’ouvre depuis le lien du courriel que nous vous avons envoyé après votre inscription. Le lien semble incomplet :
        ouvrez-le de nouveau depuis le courriel, ou copiez-le en entier dans la barre d’adresse.</p>`);
    return;
  }

  const confirm = async () => {
    busy = true;
    failure = undefined;
    draw();
    try {
      const opened = await api.post<OpenedSession & { state: string }>('/v1/subscriptions/email-confirmations', { token });
      keepSession(opened);
      confirmed(opened.subscriptionId);
    } catch (error) {
      busy = false;
      failure = error;
      draw();
      document.getElementById('confirmation-refused')?.focus();
    }
  };

  const confirmed = (subscriptionId: string) => {
    ctx.show(html`<h1>Adresse électronique confirmée</h1>
      <div class="alert alert-success" role="status"><p>Merci, votre adresse est confirmée.</p></div>
      <p>Étape suivante : déposez la copie de votre pièce d’identité (carte nationale d’identité ou passeport en cours de validité).
        Vous avez 30 jours pour le faire.</p>
      <div class="actions">
        <a class="button" href="/portail/demandes/${subscriptionId}/documents">Déposer ma pièce d’identité</a>
        <a class="button secondary" href="/portail/demandes/${subscriptionId}">Voir l’état de ma demande</a>
      </div>`);
    focusTitle();
  };

  /** Already confirmed (a second click on the link): nothing is wrong, the holder just needs to sign in. */
  const alreadyConfirmed = () =>
    failure instanceof ApiError && failure.status === 409 && /cannot confirm an email address/.test(failure.detail ?? '');

  const draw = () =>
    ctx.show(html`<h1>Confirmation de votre adresse électronique</h1>
      ${failure
        ? html`<div id="confirmation-refused" tabindex="-1">
            ${alreadyConfirmed()
              ? html`<div class="alert alert-info" role="alert"><p>Votre adresse est déjà confirmée : ce lien a déjà servi.</p></div>
                  <p>Pour suivre votre demande, <a href="/portail/connexion">recevez un lien de connexion</a>.</p>`
              : html`${errorBox(failure)}
                  <p>Un lien de confirmation est valable 7 jours et ne sert qu’une fois. Si votre demande a été abandonnée faute de
                    confirmation, vous pouvez <a href="/portail/inscription">souscrire de nouveau</a>.</p>`}
          </div>`
        : html`<p>Vous confirmez que l’adresse électronique indiquée lors de votre inscription est bien la vôtre. Elle figurera dans vos
              certificats.</p>
            <button type="button" @click=${confirm} ?disabled=${busy}>${busy ? 'Confirmation en cours…' : 'Confirmer mon adresse'}</button>`}
      ${nothing}`);
  draw();
};
