import { html } from 'lit';
import type { Page } from '../../shared/router.js';

// Placeholder: to be built.
export const handOverPage: Page = (ctx) => ctx.show(html`<h1>Remise du support</h1><p>Écran en cours de construction.</p>`);
