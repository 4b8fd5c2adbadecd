import { html } from 'lit';
import type { Page } from '../../shared/router.js';

// Placeholder: to be built.
export const bulkRevocationsPage: Page = (ctx) => ctx.show(html`<h1>Révocations groupées</h1><p>Écran en cours de construction.</p>`);
