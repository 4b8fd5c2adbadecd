import { html, nothing } from 'lit';
import type { Page } from '../../shared/router.js';
import { signedInSubscription } from '../holder-session.js';

/** The steps of a subscription, as the contract tells them (§4 to §6), for someone about to subscribe. */
const JOURNEY = [
  ['Inscription en ligne', 'Vos coordonnées, votre numéro d’inscription au tableau et votre conseil régional, puis l’acceptation des conditions générales.'],
  ['Confirmation de votre adresse', 'Un lien vous est envoyé par courriel : il prouve que l’adresse qui figurera dans vos certificats est bien la vôtre.'],
  ['Copie de votre pièce d’identité', 'Vous la déposez ici même ; l’ECMA vérifie votre dossier.'],
  ['Fabrication', 'Vos deux certificats, de signature et d’authentification, sont placés sur une clé USB cryptographique. Le code d’activation part par courrier.'],
  ['Remise en personne', 'Un agent de votre CROEC vous remet la clé et vérifie l’original de votre pièce d’identité.'],
];

/** Welcome: what the service is, how it goes, where to start or follow a request. */
export const homePage: Page = (ctx) => {
  const subscription = signedInSubscription();
  ctx.show(html`<h1>Vos certificats SIGNEXPERT</h1>
    <p class="lead">Le certificat de signature électronique et le certificat d’authentification des experts-comptables, délivrés par
      l’Autorité de certification de votre conseil régional de l’Ordre, pour deux ans.</p>
    <div class="actions">
      ${subscription
        ? html`<a class="button" href="/portail/demandes/${subscription}">Voir ma demande</a>`
        : html`<a class="button" href="/portail/inscription">Souscrire</a>
            <a class="button secondary" href="/portail/connexion">Suivre ma demande</a>`}
    </div>
    <h2>Comment se déroule la souscription</h2>
    <ol class="journey">
      ${JOURNEY.map(([title, text]) => html`<li><strong>${title}</strong><p>${text}</p></li>`)}
    </ol>
    <p>Vous pouvez suivre l’avancement de votre demande à tout moment sur ce site (conditions générales, §4.2)${subscription
        ? nothing
        : html` : il suffit de <a href="/portail/connexion">recevoir un lien de connexion</a> par courriel`}.
      Des questions ? Consultez l’<a href="/portail/aide">aide en ligne</a>.</p>`);
};
