import { html } from 'lit';
import type { Page } from '../../shared/router.js';

// Placeholder: to be built.
export const issuancePage: Page = (ctx) => ctx.show(html`<h1>Émissions</h1><p>Écran en cours de construction.</p>`);
