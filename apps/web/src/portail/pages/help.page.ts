import { html, type TemplateResult } from 'lit';
import type { Page } from '../../shared/router.js';

// The online help the contract promises (§3.1, §11): how the service works, the hand-over, the
// activation code, what to do when the token or the code is lost, how to verify a signature.

interface Topic {
  id: string;
  title: string;
  body: TemplateResult;
}

const TOPICS: Topic[] = [
  {
    id: 'fonctionnement',
    title: 'Comment fonctionne le service',
    body: html`<p>SIGNEXPERT vous fournit, pour deux ans, deux certificats électroniques placés sur une clé USB cryptographique protégée
        par un code d’activation (conditions générales, §3.1) :</p>
      <ul>
        <li>le <strong>certificat de signature</strong>, pour signer vos documents avec l’outil de signature SIGNEXPERT (§8.1, §10.1) ;</li>
        <li>le <strong>certificat d’authentification</strong>, pour vous identifier auprès des téléservices. Il ne sert jamais à signer :
          chaque certificat a une utilité et une seule (§8.2).</li>
      </ul>
      <p>Plusieurs acteurs interviennent : l’<strong>ECMA</strong> reçoit et vérifie votre demande et votre règlement ;
        l’<strong>Autorité de certification</strong> de votre conseil régional fabrique et, le cas échéant, révoque vos certificats ;
        un <strong>agent de votre CROEC</strong> vous remet la clé en personne ; le <strong>CSOEC</strong> peut décider d’une révocation
        pour cause réelle et sérieuse (§9.1).</p>
      <p>Votre demande passe par ces étapes : inscription, confirmation de votre adresse électronique (lien valable 7 jours), dépôt de la
        copie de votre pièce d’identité (sous 30 jours), vérification par l’ECMA, règlement, fabrication, remise de la clé. Vous suivez
        chaque étape sur <a href="/portail/connexion">votre espace</a> (§4.2).</p>`,
  },
  {
    id: 'remise',
    title: 'La remise de votre clé',
    body: html`<p>Dès la fabrication, un agent du CROEC spécialement formé vous remet <strong>en personne</strong> la clé contenant vos
        certificats (§6.1, §6.2). Vous avez 90 jours pour la retirer ; au-delà, les certificats sont révoqués.</p>
      <p>Présentez l’<strong>original de votre pièce d’identité</strong> : l’agent vérifie qu’il correspond à la copie déposée, et peut
        compléter votre dossier. Si l’identité ne peut pas être confirmée, les certificats sont révoqués.</p>
      <p>Ensuite, téléchargez l’outil de signature adapté à votre ordinateur sur le site SIGNEXPERT ; son usage complet est ouvert tant que
        votre certificat de signature est valide (§6.3, §13.2).</p>`,
  },
  {
    id: 'code-activation',
    title: 'Le code d’activation',
    body: html`<p>La clé est protégée par un code d’activation qui vous est envoyé <strong>séparément, par courrier postal</strong>, à
        l’adresse indiquée lors de votre inscription (§5). Ni l’ECMA, ni le CROEC, ni l’agent qui vous remet la clé ne le connaissent
        (§7.2).</p>
      <ul>
        <li>Ne le communiquez à personne, pas même à vos collaborateurs.</li>
        <li>Ne le conservez jamais avec la clé (§12.2).</li>
        <li>Protégez la clé contre toute détérioration physique.</li>
      </ul>`,
  },
  {
    id: 'perte',
    title: 'Clé ou code perdu, volé ou divulgué',
    body: html`<p>Si votre clé est perdue ou volée, si quelqu’un a pu connaître votre code d’activation, ou si vous avez perdu ce code,
        <strong>demandez sans attendre la révocation</strong> de vos certificats (§9.1, §12.2) : connectez-vous, puis choisissez
        « Demander la révocation de mes certificats » sur la page de votre demande.</p>
      <p>La révocation est immédiate et définitive : vos certificats sont publiés dans la liste de révocation et plus personne ne peut
        les utiliser. Pour en obtenir de nouveaux, faites une <a href="/portail/inscription">nouvelle demande</a>.</p>
      <p><a class="button danger" href="/portail/connexion">Me connecter pour révoquer</a></p>`,
  },
  {
    id: 'renouvellement',
    title: 'Renouveler ses certificats',
    body: html`<p>Vos certificats sont valables deux ans (§13.1). Nous vous écrivons 90, 30 et 7 jours avant leur expiration. Le
        renouvellement ouvre une nouvelle demande (adresse, pièce d’identité, vérification, règlement, remise) ; vos certificats actuels
        restent utilisables jusqu’à la remise des nouveaux. La clé USB vous reste acquise (§13.2).</p>`,
  },
  {
    id: 'changement',
    title: 'Signaler un changement',
    body: html`<p>Nom, adresse électronique, numéro d’inscription ou cabinet ont changé ? Signalez-le depuis la page de votre demande
        (§12.2). Avant la fabrication, votre demande est simplement mise à jour ; après, vos certificats, devenus inexacts, sont révoqués
        et un nouveau cycle vous est proposé (§9.1).</p>`,
  },
  {
    id: 'verifier',
    title: 'Vérifier une signature',
    body: html`<p>L’outil de vérification est libre d’utilisation (§10.2, §13.2). Il contrôle la signature (format CMS/CAdES), la
        chaîne de certification jusqu’à l’Autorité de certification, la validité du certificat et son statut de révocation, en
        interrogeant la liste de révocation et le service OCSP indiqués dans le certificat. Il répond « valide », « invalide » ou
        « indéterminé », avec ses raisons.</p>
      <ul>
        <li><strong>En ligne de commande</strong> :
          <code>npm run verify -- document.pdf --signature document.pdf.p7s</code>
          (sans fichier pour une signature enveloppante ; <code>--json</code> pour un rapport à traiter par programme).</li>
        <li><strong>Par l’API publique</strong> : <code>POST /v1/verifications</code>, avec le fichier <code>signature</code> et, pour une
          signature détachée, le fichier <code>document</code> (en multipart ou en base64 dans du JSON). La réponse donne le verdict, les
          raisons, le signataire et le statut de révocation.</li>
      </ul>
      <p>La description complète de l’API se trouve dans sa <a href="/docs">documentation</a>. Les politiques de certification :
        <a href="/pki/policies/pc-signature">signature</a>, <a href="/pki/policies/pc-authentification">authentification</a>.</p>`,
  },
  {
    id: 'donnees',
    title: 'Vos données personnelles',
    body: html`<p>Votre dossier est confidentiel pour l’ECMA, le CROEC et l’agent chargé de la remise (§7.1). La copie de votre pièce
        d’identité est conservée chiffrée et chaque consultation est enregistrée. Vos données sont effacées à l’issue de la durée de
        conservation prévue par la politique de certification.</p>`,
  },
  {
    id: 'assistance',
    title: 'Assistance',
    body: html`<p>Une aide directe et personnelle peut être obtenue par téléphone (§11.2) : les coordonnées figurent dans la foire aux
        questions du site SIGNEXPERT. Ayez à portée de main votre numéro d’inscription au tableau ; on ne vous demandera jamais votre code
        d’activation.</p>`,
  },
];

/** The router takes same-page #anchors for navigations: these links scroll and focus themselves. */
function jumpTo(event: Event, id: string): void {
  event.preventDefault();
  const section = document.getElementById(id);
  section?.scrollIntoView({ block: 'start' });
  section?.focus();
}

export const helpPage: Page = (ctx) =>
  ctx.show(html`<h1>Aide en ligne</h1>
    <p class="lead">Tout ce qu’il faut savoir pour obtenir, utiliser et protéger vos certificats SIGNEXPERT. Les références (§) renvoient
      aux <a href="/portail/conditions">conditions générales</a>.</p>
    <nav class="toc" aria-label="Sommaire de l’aide">
      <ul>
        ${TOPICS.map((topic) => html`<li><a href="#${topic.id}" @click=${(event: Event) => jumpTo(event, topic.id)}>${topic.title}</a></li>`)}
      </ul>
    </nav>
    ${TOPICS.map((topic) => html`<section id=${topic.id} tabindex="-1" aria-labelledby="${topic.id}-title">
      <h2 id="${topic.id}-title">${topic.title}</h2>
      ${topic.body}
    </section>`)}`);
