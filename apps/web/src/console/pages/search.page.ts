import { html, nothing, type TemplateResult } from 'lit';
import type { SearchItem } from '../../../../../libs/api-views/src/index.js';
import { stateLabel } from '../../shared/labels.js';
import type { Page } from '../../shared/router.js';
import { errorBox, formValues, loading } from '../../shared/ui.js';
import { regionName } from '../dossier/region-name.js';
import { api } from '../staff-session.js';

/**
 * Finding a holder by surname, email (their beginning), registration number or certificate serial.
 * The term lives in the URL (?q=) so that "back" from a subscription returns to the same results.
 */
export const searchPage: Page = async (ctx) => {
  const term = ctx.query.get('q')?.trim() ?? '';
  const draw = (results: TemplateResult | typeof nothing) =>
    ctx.show(html`<h1>Rechercher un titulaire</h1>
      <form class="stacked" role="search" @submit=${submit}>
        <label for="search-term">Nom, adresse électronique, numéro d’inscription ou numéro de série</label>
        <p class="hint" id="search-hint">Au moins 2 caractères. Le nom et l’adresse peuvent n’être que leur début.</p>
        <div class="inline-field">
          <input id="search-term" name="q" type="search" minlength="2" required .value=${term} aria-describedby="search-hint" />
          <button type="submit">Rechercher</button>
        </div>
      </form>
      ${results}`);

  function submit(event: SubmitEvent): void {
    event.preventDefault();
    const { q } = formValues(event.target as HTMLFormElement);
    if (q && q.length >= 2) ctx.navigate(`/console/recherche?q=${encodeURIComponent(q)}`);
  }

  if (term.length < 2) return draw(nothing);
  draw(loading());
  try {
    const { items } = await api.get<{ items: SearchItem[] }>(`/v1/admin/subscriptions?q=${encodeURIComponent(term)}`, ctx.signal);
    draw(resultsTable(term, items));
  } catch (failure) {
    draw(errorBox(failure));
  }
};

function resultsTable(term: string, items: SearchItem[]): TemplateResult {
  if (items.length === 0) return html`<p role="status">Aucun dossier ne correspond à « ${term} ».</p>`;
  return html`<p role="status">${items.length === 1 ? '1 dossier trouvé' : `${items.length} dossiers trouvés`} pour « ${term} ».</p>
    <table>
      <caption class="visually-hidden">Dossiers trouvés</caption>
      <thead><tr><th scope="col">Titulaire</th><th scope="col">N° d’inscription</th><th scope="col">Adresse électronique</th><th scope="col">CROEC</th><th scope="col">Étape</th></tr></thead>
      <tbody>
        ${items.map(
          (item) => html`<tr>
            <td><a href=${`/console/dossiers/${item.id}`}>${item.holder.surname.toUpperCase()} ${item.holder.givenName}</a>${item.holder.firm ? html`<br /><span class="muted">${item.holder.firm}</span>` : nothing}</td>
            <td>${item.holder.registrationNumber}</td>
            <td>${item.holder.email}</td>
            <td>${regionName(item.region)}</td>
            <td><span class="badge">${stateLabel(item.state)}</span></td>
          </tr>`,
        )}
      </tbody>
    </table>`;
}
