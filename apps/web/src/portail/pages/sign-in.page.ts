import { html } from 'lit';
import type { Page } from '../../shared/router.js';

// Placeholder: to be built.
export const signInPage: Page = (ctx) => ctx.show(html`<h1>Suivre ma demande</h1><p>Page en cours de construction.</p>`);
