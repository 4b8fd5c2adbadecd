import { html } from 'lit';
import type { Page } from '../../shared/router.js';

// Placeholder: to be built.
export const changesPage: Page = (ctx) => ctx.show(html`<h1>Signaler une modification</h1><p>Page en cours de construction.</p>`);
