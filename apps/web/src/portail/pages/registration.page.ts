import { html, nothing } from 'lit';
import { REGIONS, REGION_CODES } from '../../../../../libs/domain/src/regions.js';
import { ApiError } from '../../shared/api-client.js';
import type { Page } from '../../shared/router.js';
import { errorBox, formValues, loading } from '../../shared/ui.js';
import { conditionsDocument, conditionsInForce, conditionsText, type ConditionsInForce } from '../conditions-text.js';
import { fieldError, focusSummary, invalidFlag, problemSummary, problemsFromApi, textField, type FieldProblems } from '../form-fields.js';
import { focusTitle } from '../holder-gate.js';
import { api } from '../holder-session.js';

// Registration on the SIGNEXPERT site (contract §4.1): identity, professional email, number on the
// Ordre's roll, regional council, where the activation code is posted, the general conditions.

/** What to say about each field the API or the page refuses (same rules as RegisterSubscriptionDto). */
const SENTENCES: Record<string, string> = {
  givenName: 'Indiquez votre prénom (100 caractères au plus).',
  surname: 'Indiquez votre nom (100 caractères au plus).',
  email: 'Indiquez une adresse électronique valide, par exemple prenom.nom@cabinet.fr.',
  registrationNumber: 'Le numéro d’inscription compte 4 à 32 chiffres, lettres majuscules ou tirets.',
  region: 'Choisissez le conseil régional au tableau duquel vous êtes inscrit.',
  firm: 'Le nom du cabinet compte 200 caractères au plus.',
  postalAddress: 'Indiquez votre adresse postale sur 2 à 5 lignes de 100 caractères au plus.',
  acceptedConditionsVersion: 'Pour souscrire, cochez la case d’acceptation des conditions générales.',
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function addressLines(text: string | undefined): string[] {
  return (text ?? '').split('\n').map((line) => line.trim()).filter(Boolean);
}

/** The checks the API makes, done first here so that the holder hears about every field at once. */
function checkRegistration(values: Record<string, string>, accepted: boolean): FieldProblems {
  const problems: FieldProblems = {};
  const lines = addressLines(values['postalAddress']);
  if (!values['givenName'] || values['givenName'].length > 100) problems['givenName'] = SENTENCES['givenName']!;
  if (!values['surname'] || values['surname'].length > 100) problems['surname'] = SENTENCES['surname']!;
  if (!EMAIL.test(values['email'] ?? '')) problems['email'] = SENTENCES['email']!;
  if (!/^[0-9A-Z-]{4,32}$/.test(values['registrationNumber'] ?? '')) problems['registrationNumber'] = SENTENCES['registrationNumber']!;
  if (!values['region']) problems['region'] = SENTENCES['region']!;
  if ((values['firm'] ?? '').length > 200) problems['firm'] = SENTENCES['firm']!;
  if (lines.length < 2 || lines.length > 5 || lines.some((line) => line.length > 100)) problems['postalAddress'] = SENTENCES['postalAddress']!;
  if (!accepted) problems['acceptedConditionsVersion'] = SENTENCES['acceptedConditionsVersion']!;
  return problems;
}

export const registrationPage: Page = async (ctx) => {
  ctx.show(html`<h1>Souscrire à SIGNEXPERT</h1>${loading()}`);
  let conditions: ConditionsInForce;
  let text = '';
  try {
    conditions = await conditionsInForce(ctx.signal);
    text = await conditionsText(conditions.textUrl, ctx.signal).catch(() => '');
  } catch (error) {
    ctx.show(html`<h1>Souscrire à SIGNEXPERT</h1>${errorBox(error)}`);
    return;
  }
  let problems: FieldProblems = {};
  let refusal: unknown;
  let busy = false;

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const values = formValues(form);
    values['registrationNumber'] = (values['registrationNumber'] ?? '').toUpperCase();
    const accepted = (form.elements.namedItem('accept') as HTMLInputElement).checked;
    problems = checkRegistration(values, accepted);
    refusal = undefined;
    if (Object.keys(problems).length) return redraw(true);
    busy = true;
    draw();
    try {
      const body = {
        givenName: values['givenName'],
        surname: values['surname'],
        email: values['email'],
        registrationNumber: values['registrationNumber'],
        region: values['region'],
        ...(values['firm'] ? { firm: values['firm'] } : {}),
        postalAddress: addressLines(values['postalAddress']),
        acceptedConditionsVersion: conditions.version,
      };
      await api.post<{ id: string }>('/v1/subscriptions', body);
      showSent(values['email']!);
    } catch (error) {
      busy = false;
      problems = problemsFromApi(error, SENTENCES);
      // A refusal that names no field we know (an open request, the rate limit…) is said in words.
      if (Object.keys(problems).length === 0) refusal = error;
      redraw(true);
    }
  };

  const redraw = (focus: boolean) => {
    draw();
    if (focus) refusal ? document.getElementById('refusal')?.focus() : focusSummary();
  };

  const showSent = (email: string) => {
    ctx.show(html`<h1>Consultez votre messagerie</h1>
      <div class="alert alert-success" role="status">
        <p>Votre demande est enregistrée. Un courriel vient d’être envoyé à <strong>${email}</strong>.</p>
      </div>
      <p>Cliquez sur le lien qu’il contient pour confirmer votre adresse électronique : elle figurera dans vos certificats.
        Le lien est valable <strong>7 jours</strong> ; sans confirmation, la demande est abandonnée.</p>
      <p>Vous n’avez rien reçu d’ici quelques minutes ? Regardez dans vos courriers indésirables.</p>
      <h2>Et ensuite ?</h2>
      <p>Une fois l’adresse confirmée, vous déposerez la copie de votre pièce d’identité. Vous pourrez suivre votre demande à tout
        moment depuis ce site.</p>`);
    focusTitle();
  };

  const alreadyOpen = () =>
    refusal instanceof ApiError && refusal.status === 409
      ? html`<p>Pour suivre la demande en cours, <a href="/portail/connexion">recevez un lien de connexion</a>.</p>`
      : nothing;

  const draw = () =>
    ctx.show(html`<h1>Souscrire à SIGNEXPERT</h1>
      <p class="lead">Quelques minutes suffisent. Tous les champs sont obligatoires, sauf mention contraire.</p>
      ${problemSummary(problems)}
      ${refusal
        ? html`<div id="refusal" tabindex="-1">${errorBox(refusal)}${alreadyOpen()}</div>`
        : nothing}
      <form class="stacked" novalidate @submit=${submit}>
        <fieldset>
          <legend>Vous</legend>
          ${textField({ name: 'givenName', label: 'Prénom', autocomplete: 'given-name', required: true, maxlength: 100 }, problems)}
          ${textField({ name: 'surname', label: 'Nom', autocomplete: 'family-name', required: true, maxlength: 100 }, problems)}
          ${textField(
            {
              name: 'email',
              label: 'Adresse électronique professionnelle',
              type: 'email',
              autocomplete: 'email',
              required: true,
              hint: 'Elle figurera dans vos certificats. Nous y enverrons un lien de confirmation.',
            },
            problems,
          )}
        </fieldset>
        <fieldset>
          <legend>Votre inscription à l’Ordre</legend>
          ${textField(
            {
              name: 'registrationNumber',
              label: 'Numéro d’inscription au tableau',
              required: true,
              maxlength: 32,
              hint: 'Chiffres, lettres majuscules ou tirets (4 à 32 caractères), par exemple 75001234.',
            },
            problems,
          )}
          <div class="field">
            <label for="region">Conseil régional de l’Ordre (CROEC)</label>
            <p class="hint" id="region-hint">C’est auprès de ce conseil que vous retirerez votre clé, en personne.</p>
            ${fieldError('region', problems)}
            <select id="region" name="region" required aria-describedby="region-hint${problems['region'] ? ' region-error' : ''}"
              aria-invalid=${invalidFlag('region', problems) ?? nothing}>
              <option value="">— Choisissez —</option>
              ${REGION_CODES.map((code) => html`<option value=${code}>${REGIONS[code]}</option>`)}
            </select>
          </div>
          ${textField({ name: 'firm', label: 'Cabinet', autocomplete: 'organization', optional: true, maxlength: 200 }, problems)}
        </fieldset>
        <fieldset>
          <legend>Adresse postale</legend>
          ${textField(
            {
              name: 'postalAddress',
              label: 'Adresse où recevoir le code d’activation',
              rows: 4,
              autocomplete: 'street-address',
              required: true,
              hint: 'De 2 à 5 lignes : numéro et rue, complément éventuel, code postal et ville. Le code d’activation de votre clé y sera envoyé par courrier.',
            },
            problems,
          )}
        </fieldset>
        <fieldset>
          <legend>Conditions générales (version ${conditions.version})</legend>
          ${text
            ? html`<div class="conditions conditions-box" tabindex="0" role="region" aria-label="Texte des conditions générales">${conditionsDocument(text)}</div>`
            : nothing}
          <p><a href="/portail/conditions" target="_blank" rel="noopener">Ouvrir les conditions générales dans un nouvel onglet</a></p>
          ${fieldError('acceptedConditionsVersion', problems)}
          <label class="checkbox">
            <input type="checkbox" name="accept" id="acceptedConditionsVersion" required
              aria-describedby=${problems['acceptedConditionsVersion'] ? 'acceptedConditionsVersion-error' : nothing}
              aria-invalid=${invalidFlag('acceptedConditionsVersion', problems) ?? nothing} />
            <span>J’ai lu et j’accepte les conditions générales SIGNEXPERT (version ${conditions.version}), ainsi que la politique de
              signature de la Profession comptable et les politiques de certification auxquelles elles renvoient.</span>
          </label>
        </fieldset>
        <button type="submit" ?disabled=${busy}>${busy ? 'Envoi en cours…' : 'Envoyer ma demande'}</button>
      </form>`);
  draw();
};
