import { html } from 'lit';
import type { Page } from '../../shared/router.js';

// Placeholder: to be built.
export const reviewQueuePage: Page = (ctx) => ctx.show(html`<h1>Revues de dossiers</h1><p>Écran en cours de construction.</p>`);
