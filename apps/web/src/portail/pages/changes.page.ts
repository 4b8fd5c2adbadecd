import { html, nothing } from 'lit';
import type { SubscriptionView } from '../../../../../libs/api-views/src/index.js';
import type { Page } from '../../shared/router.js';
import { confirmAction, errorBox, formValues } from '../../shared/ui.js';
import { focusSummary, problemSummary, problemsFromApi, textField, type FieldProblems } from '../form-fields.js';
import { subscriptionFor } from '../holder-gate.js';
import { api, flash } from '../holder-session.js';
import { CHANGE_FIELD_LABELS } from '../holder-words.js';
import { hasCertificates, isOver } from '../holder-view.js';

const TITLE = 'Signaler un changement';

/** Same rules as HolderChangesDto. */
const SENTENCES: Record<string, string> = {
  givenName: 'Indiquez votre prénom (100 caractères au plus).',
  surname: 'Indiquez votre nom (100 caractères au plus).',
  email: 'Indiquez une adresse électronique valide, par exemple prenom.nom@cabinet.fr.',
  registrationNumber: 'Le numéro d’inscription compte 4 à 32 chiffres, lettres majuscules ou tirets.',
  firm: 'Le nom du cabinet compte 200 caractères au plus.',
};

type Editable = 'givenName' | 'surname' | 'email' | 'registrationNumber' | 'firm';
const EDITABLE: Editable[] = ['givenName', 'surname', 'email', 'registrationNumber', 'firm'];

/** The fields whose value differs from the registration as it stands. */
function changesOf(values: Record<string, string>, current: SubscriptionView['holder']): Partial<Record<Editable, string>> {
  const changes: Partial<Record<Editable, string>> = {};
  for (const name of EDITABLE) {
    const value = name === 'registrationNumber' ? (values[name] ?? '').toUpperCase() : (values[name] ?? '');
    if (value !== (current[name] ?? '')) changes[name] = value;
  }
  return changes;
}

function checkChanges(changes: Partial<Record<Editable, string>>): FieldProblems {
  const problems: FieldProblems = {};
  if (changes.givenName !== undefined && (!changes.givenName || changes.givenName.length > 100)) problems['givenName'] = SENTENCES['givenName']!;
  if (changes.surname !== undefined && (!changes.surname || changes.surname.length > 100)) problems['surname'] = SENTENCES['surname']!;
  if (changes.email !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(changes.email)) problems['email'] = SENTENCES['email']!;
  if (changes.registrationNumber !== undefined && !/^[0-9A-Z-]{4,32}$/.test(changes.registrationNumber)) problems['registrationNumber'] = SENTENCES['registrationNumber']!;
  if (changes.firm !== undefined && changes.firm.length > 200) problems['firm'] = SENTENCES['firm']!;
  return problems;
}

/**
 * The holder keeps their information accurate (contract §12.2). Before issuance the request is
 * amended; after it, certificates that no longer say the truth are revoked (§9.1) and a new cycle
 * is offered: the page says so and asks for confirmation.
 */
export const changesPage: Page = async (ctx) => {
  const subscription = await subscriptionFor(ctx, TITLE);
  if (!subscription) return;
  const statusPage = `/portail/demandes/${subscription.id}`;
  if (isOver(subscription)) {
    ctx.show(html`<h1>${TITLE}</h1><div class="alert alert-info"><p>Votre demande est close : il n’y a plus rien à modifier.</p></div>
      <p><a href=${statusPage}>Voir ma demande</a></p>`);
    return;
  }
  const certified = hasCertificates(subscription);
  const current = subscription.holder;
  let problems: FieldProblems = {};
  let failure: unknown;
  let unchanged = false;
  let busy = false;

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const changes = changesOf(formValues(event.target as HTMLFormElement), current);
    failure = undefined;
    unchanged = Object.keys(changes).length === 0;
    problems = checkChanges(changes);
    if (unchanged || Object.keys(problems).length) {
      draw();
      if (unchanged) document.getElementById('unchanged')?.focus();
      else focusSummary();
      return;
    }
    if (certified) {
      const fields = Object.keys(changes).map((name) => CHANGE_FIELD_LABELS[name]).join(', ');
      const sure = await confirmAction(
        `Signaler ce changement (${fields}) ? Vos certificats, qui ne seront plus exacts, seront révoqués définitivement ; un nouveau cycle vous sera proposé.`,
        'Signaler et révoquer',
      );
      if (!sure) return;
    }
    busy = true;
    draw();
    try {
      await api.post(`/v1/subscriptions/${subscription.id}/changes`, changes);
      flash(certified ? 'Votre changement est enregistré. Vos certificats devenus inexacts sont révoqués.' : 'Votre changement est enregistré dans votre demande.');
      ctx.navigate(statusPage);
    } catch (error) {
      busy = false;
      problems = problemsFromApi(error, SENTENCES);
      if (Object.keys(problems).length === 0) failure = error;
      draw();
      focusSummary();
    }
  };

  const draw = () =>
    ctx.show(html`<h1>${TITLE}</h1>
      <p class="lead">Vous devez nous signaler tout changement des informations données lors de votre inscription (conditions
        générales, §12.2). Modifiez ci-dessous ce qui a changé.</p>
      ${certified
        ? html`<div class="alert alert-warning"><p><strong>Vos certificats sont déjà émis.</strong> Ils contiennent ces informations :
            un changement les rend inexacts, ils seront donc révoqués définitivement et un nouveau cycle vous sera proposé
            (conditions générales, §9.1).</p></div>`
        : html`<p>Votre demande sera mise à jour avant la fabrication de vos certificats.</p>`}
      ${problemSummary(problems, 'Le changement n’a pas pu être envoyé :')}
      ${failure ? errorBox(failure) : nothing}
      ${unchanged
        ? html`<div class="alert alert-error" role="alert" id="unchanged" tabindex="-1"><p>Rien n’a changé : modifiez au moins un élément avant d’envoyer.</p></div>`
        : nothing}
      <form class="stacked" novalidate @submit=${submit}>
        ${textField({ name: 'givenName', label: 'Prénom', autocomplete: 'given-name', value: current.givenName, maxlength: 100 }, problems)}
        ${textField({ name: 'surname', label: 'Nom', autocomplete: 'family-name', value: current.surname, maxlength: 100 }, problems)}
        ${textField(
          { name: 'email', label: 'Adresse électronique professionnelle', type: 'email', autocomplete: 'email', value: current.email, hint: 'Celle qui figure dans vos certificats.' },
          problems,
        )}
        ${textField({ name: 'registrationNumber', label: 'Numéro d’inscription au tableau', value: current.registrationNumber, maxlength: 32 }, problems)}
        ${textField({ name: 'firm', label: 'Cabinet', autocomplete: 'organization', value: current.firm ?? '', optional: true, maxlength: 200 }, problems)}
        <div class="actions">
          <button type="submit" ?disabled=${busy}>${busy ? 'Envoi en cours…' : 'Envoyer le changement'}</button>
          <a class="button secondary" href=${statusPage}>Retour à ma demande</a>
        </div>
      </form>`);
  draw();
};
