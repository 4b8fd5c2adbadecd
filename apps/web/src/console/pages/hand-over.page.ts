import { html, nothing, type TemplateResult } from 'lit';
import type { StaffSubscriptionView } from '../../../../../libs/api-views/src/index.js';
import { stateLabel } from '../../shared/labels.js';
import type { Page } from '../../shared/router.js';
import { certificateTable, errorBox, loading, successBox } from '../../shared/ui.js';
import { HandOverForm } from '../croec/hand-over-form.js';
import { DocumentCopies } from '../dossier/document-copies.js';
import { holderFacts } from '../dossier/holder-facts.js';
import { holderName, loadSubscription } from '../dossier/staff-subscription.js';
import { restrictedTo } from '../role-guard.js';

const backToQueue = html`<p><a href="/console/remises">← Retour aux remises</a></p>`;

/**
 * The hand-over of a token by a CROEC agent of the holder's region (contract §6.2): who the holder
 * should be, the copies to compare with the originals shown in person, then the checklist. The API
 * refuses another region's file (403), which is shown as such.
 */
export const handOverPage: Page = restrictedTo(['croec-agent'], async (ctx) => {
  ctx.show(html`<h1>Remise du support</h1>${loading()}`);
  let subscription: StaffSubscriptionView;
  try {
    subscription = await loadSubscription(ctx.params.id!, ctx.signal);
  } catch (failure) {
    ctx.show(html`<h1>Remise du support</h1>${errorBox(failure)}${backToQueue}`);
    return;
  }
  let done: TemplateResult | undefined;
  const draw = () =>
    ctx.show(html`<h1>Remise du support à ${holderName(subscription)}</h1>
      ${backToQueue}
      ${done ?? nothing}
      <div class="columns side-by-side">
        <section aria-labelledby="holder">
          <h2 id="holder">Titulaire</h2>
          ${holderFacts(subscription)}
        </section>
        <section aria-labelledby="copy">
          <h2 id="copy">Copie de la pièce d’identité</h2>
          <p class="hint">À comparer avec les originaux présentés par le titulaire.</p>
          ${copies.view()}
        </section>
      </div>
      <section aria-labelledby="certificates">
        <h2 id="certificates">Certificats sur le support</h2>
        ${certificateTable(subscription.certificates)}
      </section>
      ${done ? nothing : checklistSection()}`);

  const checklistSection = (): TemplateResult => {
    if (subscription.state !== 'AWAITING_DELIVERY') {
      return html`<p class="alert alert-info">Aucune remise n’est attendue pour ce dossier : il est à l’étape « ${stateLabel(subscription.state)} ».</p>`;
    }
    return html`<section aria-labelledby="checklist"><h2 id="checklist">Remise en personne</h2>${form.view()}</section>`;
  };

  const form = new HandOverForm(subscription, draw, (result) => {
    subscription = { ...subscription, state: result.state };
    done =
      result.state === 'ACTIVE'
        ? successBox(`Remise enregistrée : les certificats de ${holderName(subscription)} sont actifs.`)
        : successBox(`Échec de la vérification enregistré. Étape du dossier : ${stateLabel(result.state)}.`);
    draw();
    document.querySelector<HTMLAnchorElement>('main a[href="/console/remises"]')?.focus();
  });
  const copies = new DocumentCopies(subscription.documents, ctx.signal, draw);
  draw();
  copies.start();
});
