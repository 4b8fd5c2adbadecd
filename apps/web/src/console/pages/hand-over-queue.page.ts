import { html } from 'lit';
import type { Page } from '../../shared/router.js';

// Placeholder: to be built.
export const handOverQueuePage: Page = (ctx) => ctx.show(html`<h1>Remises de supports</h1><p>Écran en cours de construction.</p>`);
