import { html } from 'lit';
import type { Page } from '../../shared/router.js';
import { errorBox, loading } from '../../shared/ui.js';
import { conditionsDocument, conditionsInForce, conditionsText } from '../conditions-text.js';

/** The general conditions in force (contract §1: the holder accepts them when subscribing). */
export const conditionsPage: Page = async (ctx) => {
  ctx.show(html`<h1>Conditions générales</h1>${loading()}`);
  try {
    const conditions = await conditionsInForce(ctx.signal);
    const text = await conditionsText(conditions.textUrl, ctx.signal);
    ctx.show(html`<h1>Conditions générales</h1>
      <p class="lead">Version en vigueur : <strong>${conditions.version}</strong>. Elles forment, avec la politique de signature de la
        Profession comptable et les politiques de certification, le contrat que vous acceptez en souscrivant.</p>
      <p><a href=${conditions.textUrl} download="conditions-generales-signexpert.txt">Télécharger le texte</a> ·
        <a href="/pki/policies/pc-signature">Politique de certification (signature)</a> ·
        <a href="/pki/policies/pc-authentification">Politique de certification (authentification)</a></p>
      <article class="conditions">${conditionsDocument(text)}</article>`);
  } catch (error) {
    ctx.show(html`<h1>Conditions générales</h1>${errorBox(error)}`);
  }
};
