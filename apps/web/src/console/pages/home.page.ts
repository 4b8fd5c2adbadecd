import { html } from 'lit';
import { roleLabel } from '../../shared/labels.js';
import type { Page } from '../../shared/router.js';
import { menuFor } from '../navigation.js';
import { currentStaff } from '../staff-session.js';

/** The start page: what this role can do, one link per task. */
export const homePage: Page = (ctx) => {
  const staff = currentStaff();
  if (!staff) return;
  ctx.show(html`<h1>Bonjour ${staff.login}</h1>
    <p>Vous êtes connecté en tant que <strong>${roleLabel(staff.role)}</strong>${staff.region ? html` du CROEC <strong>${staff.region}</strong>` : ''}.</p>
    <ul class="tasks">
      ${menuFor(staff.role).map((entry) => html`<li><a href=${entry.path}>${entry.label}</a></li>`)}
    </ul>`);
};
