import { html } from 'lit';
import type { Page } from '../../shared/router.js';

// Placeholder: to be built.
export const documentsPage: Page = (ctx) => ctx.show(html`<h1>Copie de la pièce d’identité</h1><p>Page en cours de construction.</p>`);
