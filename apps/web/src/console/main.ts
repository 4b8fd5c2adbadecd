import { html, nothing, render } from 'lit';
import { roleLabel } from '../shared/labels.js';
import { Router, type Page } from '../shared/router.js';
import { skipToContent } from '../shared/ui.js';
import { menuFor } from './navigation.js';
import { CONSOLE_ROUTES } from './routes.js';
import { loadStaffDirectory } from './staff-directory.js';
import { api, currentStaff } from './staff-session.js';

// The staff console: one page per task, the menu by role. Every action goes through the API,
// which checks the role again.

const notFound: Page = (ctx) => ctx.show(html`<h1>Page introuvable</h1><p><a href="/console">Retour à l’accueil</a></p>`);

function renderShell(pathname: string): void {
  const staff = currentStaff();
  render(
    html`<a class="skip-link" href="#main" @click=${skipToContent}>Aller au contenu</a>
      <header class="site-header">
        <a class="brand" href="/console">SIGNEXPERT <span>console</span></a>
        ${staff
          ? html`<nav aria-label="Menu principal">
                <ul>
                  ${menuFor(staff.role).map(
                    (entry) => html`<li><a href=${entry.path} aria-current=${pathname.startsWith(entry.path) ? 'page' : nothing}>${entry.label}</a></li>`,
                  )}
                </ul>
              </nav>
              <div class="who">
                <span>${staff.login} — ${roleLabel(staff.role)}${staff.region ? ` (${staff.region})` : ''}</span>
                <button type="button" class="link" @click=${signOut}>Se déconnecter</button>
              </div>`
          : nothing}
      </header>
      <main id="main" tabindex="-1"></main>`,
    document.getElementById('app')!,
  );
}

async function signOut(): Promise<void> {
  try {
    await api.delete('/v1/admin/sessions/current');
  } catch {
    // Already over on the server: forgetting it here is all that is left to do.
  }
  api.session = undefined;
  router.navigate('/console/connexion');
}

const router = new Router(
  CONSOLE_ROUTES,
  () => document.getElementById('main')!,
  notFound,
  (pathname) => {
    // Without a session, every page but the sign-in leads to the sign-in.
    if (!currentStaff() && !pathname.startsWith('/console/connexion')) {
      history.replaceState(null, '', `/console/connexion?retour=${encodeURIComponent(pathname + location.search)}`);
    }
    renderShell(location.pathname);
  },
);
// Colleagues' names first (a quick read), so the first page already shows them.
if (currentStaff()) await loadStaffDirectory();
router.start();
