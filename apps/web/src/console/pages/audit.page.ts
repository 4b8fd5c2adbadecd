import { html } from 'lit';
import type { Page } from '../../shared/router.js';

// Placeholder: to be built.
export const auditPage: Page = (ctx) => ctx.show(html`<h1>Journal d’audit</h1><p>Écran en cours de construction.</p>`);
