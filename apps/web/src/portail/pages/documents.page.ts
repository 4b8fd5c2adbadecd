import { html, nothing } from 'lit';
import { ApiError } from '../../shared/api-client.js';
import { formatDate, formatSize } from '../../shared/format.js';
import { stateLabel } from '../../shared/labels.js';
import type { Page } from '../../shared/router.js';
import { errorBox } from '../../shared/ui.js';
import { fieldError, invalidFlag, type FieldProblems } from '../form-fields.js';
import { subscriptionFor } from '../holder-gate.js';
import { api, flash } from '../holder-session.js';
import { pendingInformationRequest } from '../holder-view.js';

const TITLE = 'Copie de votre pièce d’identité';
/** What the API accepts (apps/api/src/documents): PDF, JPEG or PNG by content, 10 MB at most. */
const MAX_BYTES = 10 * 1024 * 1024;
const ACCEPTED = ['application/pdf', 'image/jpeg', 'image/png'];

function checkFile(file: File | undefined): string | undefined {
  if (!file || file.size === 0) return 'Choisissez le fichier de la copie de votre pièce d’identité.';
  if (file.size > MAX_BYTES) return `Ce fichier pèse ${formatSize(file.size)} : 10 Mo au plus. Réduisez la résolution du scan et réessayez.`;
  if (file.type && !ACCEPTED.includes(file.type)) return 'Ce type de fichier n’est pas accepté : envoyez un PDF, un JPEG ou un PNG.';
  return undefined;
}

/** What to tell about a refused upload, next to the file field. */
function refusalOfUpload(error: unknown): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  if (error.status === 413) return 'Ce fichier dépasse 10 Mo. Réduisez la résolution du scan et réessayez.';
  if (error.status === 415) return 'Ce fichier n’est ni un PDF, ni une image JPEG ou PNG (son contenu a été vérifié).';
  if (error.status === 400) return 'Choisissez le fichier de la copie de votre pièce d’identité.';
  return undefined;
}

/** The ID-document upload (contract §4.1; the originals are checked at the hand-over, §6.2). */
export const documentsPage: Page = async (ctx) => {
  const subscription = await subscriptionFor(ctx, TITLE);
  if (!subscription) return;
  const statusPage = `/portail/demandes/${subscription.id}`;
  if (subscription.state !== 'AWAITING_DOCUMENTS') {
    ctx.show(html`<h1>${TITLE}</h1>
      <div class="alert alert-info"><p>Aucun document n’est attendu pour le moment : votre demande est à l’étape
        « ${stateLabel(subscription.state)} ».</p></div>
      <p><a href=${statusPage}>Voir l’état de ma demande</a></p>`);
    return;
  }
  const informationRequest = pendingInformationRequest(subscription);
  let problems: FieldProblems = {};
  let failure: unknown;
  let busy = false;

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const input = (event.target as HTMLFormElement).elements.namedItem('document') as HTMLInputElement;
    const file = input.files?.[0];
    const problem = checkFile(file);
    problems = problem ? { document: problem } : {};
    failure = undefined;
    if (problem) return refused(input);
    busy = true;
    draw();
    const form = new FormData();
    form.append('document', file!, file!.name);
    try {
      await api.postForm(`/v1/subscriptions/${subscription.id}/documents`, form);
      flash('Merci, la copie de votre pièce d’identité est bien reçue. L’ECMA va vérifier votre dossier.');
      ctx.navigate(statusPage);
    } catch (error) {
      busy = false;
      const problem = refusalOfUpload(error);
      if (problem) problems = { document: problem };
      else failure = error;
      refused(input);
    }
  };

  const refused = (input: HTMLInputElement) => {
    draw();
    if (failure) document.getElementById('upload-refused')?.focus();
    else input.focus();
  };

  const draw = () =>
    ctx.show(html`<h1>${TITLE}</h1>
      ${informationRequest ? html`<div class="alert alert-info"><p>L’ECMA vous demande un complément : « ${informationRequest} »</p></div>` : nothing}
      <p class="lead">Envoyez-nous la copie d’une pièce d’identité officielle en cours de validité${subscription.nextStep?.deadline
          ? html`, avant le <strong>${formatDate(subscription.nextStep.deadline)}</strong>`
          : nothing}.</p>
      <ul>
        <li>carte nationale d’identité (recto et verso), passeport ou titre de séjour ;</li>
        <li>un seul fichier PDF, JPEG ou PNG, de 10 Mo au plus, bien lisible ;</li>
        <li>gardez l’original : l’agent du CROEC le comparera à cette copie lors de la remise de votre clé.</li>
      </ul>
      <p class="muted">La copie est conservée chiffrée ; seuls l’ECMA et votre CROEC peuvent la consulter, et chaque consultation est
        enregistrée (conditions générales, §7.1).</p>
      ${failure ? html`<div id="upload-refused" tabindex="-1">${errorBox(failure)}</div>` : nothing}
      <form class="stacked" novalidate @submit=${submit}>
        <div class="field">
          <label for="document">Fichier de la pièce d’identité</label>
          <p class="hint" id="document-hint">PDF, JPEG ou PNG, 10 Mo au plus.</p>
          ${fieldError('document', problems)}
          <input id="document" name="document" type="file" accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png" required
            aria-describedby="document-hint${problems['document'] ? ' document-error' : ''}" aria-invalid=${invalidFlag('document', problems) ?? nothing} />
        </div>
        <div class="actions">
          <button type="submit" ?disabled=${busy}>${busy ? 'Envoi en cours…' : 'Envoyer la copie'}</button>
          <a class="button secondary" href=${statusPage}>Plus tard</a>
        </div>
      </form>
      ${busy ? html`<p class="loading" role="status">Envoi du fichier en cours…</p>` : nothing}`);
  draw();
};
