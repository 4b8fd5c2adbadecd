import { html } from 'lit';
import type { Page } from '../../shared/router.js';

// Placeholder: to be built.
export const conditionsPage: Page = (ctx) => ctx.show(html`<h1>Conditions générales</h1><p>Page en cours de construction.</p>`);
