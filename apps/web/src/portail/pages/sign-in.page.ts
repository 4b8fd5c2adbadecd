import { html, nothing } from 'lit';
import type { Page } from '../../shared/router.js';
import { errorBox, formValues } from '../../shared/ui.js';
import { fieldError, focusSummary, invalidFlag, problemSummary, type FieldProblems } from '../form-fields.js';
import { focusTitle } from '../holder-gate.js';
import { api, keepSession, signedInSubscription, type OpenedSession } from '../holder-session.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Sign-in by emailed link (no password): without a token, the request form; with the mailed
 * token, a button that opens the session (not on arrival, so that a mail filter opening the link
 * does not spend it).
 */
export const signInPage: Page = (ctx) => {
  const token = ctx.query.get('token');
  if (token) landing(ctx, token);
  else requestForm(ctx);
};

function requestForm(ctx: Parameters<Page>[0]): void {
  const expired = ctx.query.has('expiree');
  const current = signedInSubscription();
  let problems: FieldProblems = {};
  let failure: unknown;
  let busy = false;

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const { email } = formValues(event.target as HTMLFormElement);
    problems = EMAIL.test(email ?? '') ? {} : { email: 'Indiquez l’adresse électronique de votre inscription, par exemple prenom.nom@cabinet.fr.' };
    failure = undefined;
    if (problems['email']) {
      draw();
      focusSummary();
      return;
    }
    busy = true;
    draw();
    try {
      await api.post('/v1/sessions', { email });
      sent(email!);
    } catch (error) {
      busy = false;
      failure = error;
      draw();
    }
  };

  const sent = (email: string) => {
    ctx.show(html`<h1>Consultez votre messagerie</h1>
      <div class="alert alert-success" role="status">
        <p>Si <strong>${email}</strong> correspond à une demande en cours, un lien de connexion vient d’y être envoyé.</p>
      </div>
      <p>Le lien est valable <strong>15 minutes</strong> et ne sert qu’une fois. Rien reçu ? Vérifiez vos courriers indésirables,
        puis <a href="/portail/connexion">demandez un nouveau lien</a>.</p>`);
    focusTitle();
  };

  const draw = () =>
    ctx.show(html`<h1>Suivre ma demande</h1>
      ${expired ? html`<div class="alert alert-info" role="status"><p>Votre session a expiré : demandez un nouveau lien de connexion.</p></div>` : nothing}
      ${current && !expired
        ? html`<div class="alert alert-info"><p>Vous êtes déjà connecté. <a href="/portail/demandes/${current}">Voir ma demande</a></p></div>`
        : nothing}
      ${problemSummary(problems, 'Le lien n’a pas pu être demandé :')}
      ${failure ? errorBox(failure) : nothing}
      <p>Indiquez l’adresse électronique de votre inscription : nous vous y envoyons un lien de connexion. Pas de mot de passe à retenir.</p>
      <form class="stacked narrow" novalidate @submit=${submit}>
        <div class="field">
          <label for="email">Adresse électronique</label>
          <p class="hint" id="email-hint">Celle que vous avez confirmée lors de votre inscription.</p>
          ${fieldError('email', problems)}
          <input id="email" name="email" type="email" autocomplete="email" required
            aria-describedby="email-hint${problems['email'] ? ' email-error' : ''}" aria-invalid=${invalidFlag('email', problems) ?? nothing} />
        </div>
        <button type="submit" ?disabled=${busy}>${busy ? 'Envoi en cours…' : 'Recevoir un lien de connexion'}</button>
      </form>
      <p class="muted">Pas encore de demande ? <a href="/portail/inscription">Souscrire</a></p>`);
  draw();
}

function landing(ctx: Parameters<Page>[0], token: string): void {
  let failure: unknown;
  let busy = false;

  const open = async () => {
    busy = true;
    draw();
    try {
      const opened = await api.post<OpenedSession>('/v1/sessions/magic-link', { token });
      keepSession(opened);
      ctx.navigate(`/portail/demandes/${opened.subscriptionId}`);
    } catch (error) {
      busy = false;
      failure = error;
      draw();
      document.getElementById('sign-in-refused')?.focus();
    }
  };

  const draw = () =>
    ctx.show(html`<h1>Connexion à votre espace</h1>
      ${failure
        ? html`<div id="sign-in-refused" tabindex="-1">${errorBox(failure)}</div>
            <p><a class="button" href="/portail/connexion">Recevoir un nouveau lien</a></p>`
        : html`<p>Vous avez suivi le lien de connexion reçu par courriel. Ouvrez votre session pour suivre votre demande ; elle reste
              ouverte 30 minutes dans cet onglet.</p>
            <button type="button" @click=${open} ?disabled=${busy}>${busy ? 'Connexion…' : 'Ouvrir ma session'}</button>`}`);
  draw();
}
