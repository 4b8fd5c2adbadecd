import { html } from 'lit';
import type { Page } from '../../shared/router.js';

// Placeholder: to be built.
export const helpPage: Page = (ctx) => ctx.show(html`<h1>Aide en ligne</h1><p>Page en cours de construction.</p>`);
