import { html, nothing } from 'lit';
import { formValues, errorBox } from '../../shared/ui.js';
import type { Page } from '../../shared/router.js';
import { loadStaffDirectory } from '../staff-directory.js';
import { api, type StaffSession } from '../staff-session.js';

interface SessionAnswer {
  token: string;
  expiresAt: string;
  role: StaffSession['role'];
  region: string | null;
}

/** Sign-in with the staff account (login + password; lockout after repeated failures). */
export const signInPage: Page = (ctx) => {
  const back = ctx.query.get('retour');
  // Only a console path: never an open redirect.
  const destination = back && back.startsWith('/console/') && !back.startsWith('//') ? back : '/console';
  let error: unknown;
  let busy = false;

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const { login, password } = formValues(event.target as HTMLFormElement);
    busy = true;
    error = undefined;
    draw();
    try {
      const session = await api.post<SessionAnswer>('/v1/admin/sessions', { login, password });
      api.session = { ...session, login: login! };
      await loadStaffDirectory();
      ctx.navigate(destination);
    } catch (failure) {
      error = failure;
      busy = false;
      draw();
    }
  };

  const draw = () =>
    ctx.show(html`<h1>Connexion à la console</h1>
      <p>Réservée au personnel de l’AC, de l’ECMA, des CROEC et du CSOEC.</p>
      ${error ? errorBox(error) : nothing}
      <form class="stacked narrow" @submit=${submit}>
        <label for="login">Identifiant</label>
        <input id="login" name="login" autocomplete="username" required />
        <label for="password">Mot de passe</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required />
        <button type="submit" ?disabled=${busy}>Se connecter</button>
      </form>`);
  draw();
};
