import { html } from 'lit';
import type { Page } from '../../shared/router.js';

// Placeholder: to be built.
export const searchPage: Page = (ctx) => ctx.show(html`<h1>Rechercher un titulaire</h1><p>Écran en cours de construction.</p>`);
