import { html, nothing, render } from 'lit';
import { Router, type Page } from '../shared/router.js';
import { skipToContent } from '../shared/ui.js';
import { forgetSession, signedInSubscription } from './holder-session.js';
import { PORTAIL_ROUTES } from './routes.js';

// The holder's pages (public, French): subscribe, confirm the address, send the ID copy, follow
// the request, renew, revoke, report a change, and the online help (contract §4, §11).

const notFound: Page = (ctx) => ctx.show(html`<h1>Page introuvable</h1><p><a href="/portail">Retour à l’accueil</a></p>`);

function renderShell(pathname: string): void {
  const subscription = signedInSubscription();
  const link = (path: string, label: string) => html`<li><a href=${path} aria-current=${pathname === path ? 'page' : nothing}>${label}</a></li>`;
  render(
    html`<a class="skip-link" href="#main" @click=${skipToContent}>Aller au contenu</a>
      <header class="site-header">
        <a class="brand" href="/portail">SIGNEXPERT <span>experts-comptables</span></a>
        <nav aria-label="Menu principal">
          <ul>
            ${subscription ? link(`/portail/demandes/${subscription}`, 'Ma demande') : link('/portail/inscription', 'Souscrire')}
            ${subscription ? nothing : link('/portail/connexion', 'Suivre ma demande')}
            ${link('/portail/aide', 'Aide')}
          </ul>
        </nav>
        ${subscription
          ? html`<div class="who"><button type="button" class="link" @click=${signOut}>Se déconnecter</button></div>`
          : nothing}
      </header>
      <main id="main" tabindex="-1"></main>
      <footer class="site-footer">
        <a href="/portail/conditions">Conditions générales</a> · <a href="/portail/aide">Aide en ligne</a> · <a href="/pki/policies/pc-signature">Politique de certification (signature)</a>
      </footer>`,
    document.getElementById('app')!,
  );
}

function signOut(): void {
  forgetSession();
  router.navigate('/portail');
}

const router = new Router(PORTAIL_ROUTES, () => document.getElementById('main')!, notFound, (pathname) => renderShell(pathname));
router.start();
