import { html } from 'lit';
import type { Page } from '../shared/router.js';
import { hasRole, type StaffRole } from './staff-session.js';

/**
 * A page only the given roles may use. The menu already hides it from the others and the API
 * refuses their calls; this says so in words to whoever opens its address anyway.
 */
export function restrictedTo(roles: StaffRole[], page: Page): Page {
  return (ctx) => {
    if (hasRole(...roles)) return page(ctx);
    ctx.show(html`<h1>Accès réservé</h1>
      <p class="alert alert-error" role="alert">Votre rôle ne permet pas d’utiliser cette page.</p>
      <p><a href="/console">Retour à l’accueil</a></p>`);
  };
}
