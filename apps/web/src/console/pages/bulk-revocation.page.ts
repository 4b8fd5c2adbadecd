import { html } from 'lit';
import type { Page } from '../../shared/router.js';

// Placeholder: to be built.
export const bulkRevocationPage: Page = (ctx) => ctx.show(html`<h1>Révocation groupée</h1><p>Écran en cours de construction.</p>`);
