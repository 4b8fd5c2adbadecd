import { html } from 'lit';
import type { Page } from '../../shared/router.js';

// Placeholder: to be built.
export const confirmationPage: Page = (ctx) => ctx.show(html`<h1>Confirmation de votre adresse</h1><p>Page en cours de construction.</p>`);
