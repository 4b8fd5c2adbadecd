import { html, nothing, type TemplateResult } from 'lit';
import type { SubscriptionView } from '../../../../libs/api-views/src/index.js';
import { REGIONS, type RegionCode } from '../../../../libs/domain/src/regions.js';
import { formatDate } from '../shared/format.js';
import { ABANDON_REASONS, groundLabel } from './holder-words.js';
import { pendingInformationRequest } from './holder-view.js';

// "What is expected of you next" (contract §4.2): one panel saying who acts, what to do and by when.

interface NextStepText {
  title: string;
  /** true when the holder has something to do; false when someone else acts. */
  yours: boolean;
  body: TemplateResult;
  action?: { href: string; label: string };
}

const regionName = (code: string): string => REGIONS[code as RegionCode] ?? code;
const until = (deadline: string | null) => (deadline ? html` avant le <strong>${formatDate(deadline)}</strong>` : nothing);

function duringCycle(s: SubscriptionView): NextStepText | undefined {
  const step = s.nextStep;
  const base = `/portail/demandes/${s.id}`;
  switch (step?.action) {
    case 'confirm-email':
      return {
        title: 'Confirmez votre adresse électronique',
        yours: true,
        body: html`<p>Nous avons envoyé un courriel à <strong>${s.holder.email}</strong>. Cliquez sur le lien qu’il contient${until(step.deadline)} ;
          sans confirmation, la demande sera abandonnée.</p>`,
      };
    case 'submit-documents': {
      const request = pendingInformationRequest(s);
      return {
        title: 'Déposez la copie de votre pièce d’identité',
        yours: true,
        body: html`${request ? html`<p>L’ECMA vous demande un complément : « ${request} »</p>` : nothing}
          <p>Envoyez-nous la copie d’une pièce d’identité officielle en cours de validité${until(step.deadline)}.</p>`,
        action: { href: `${base}/documents`, label: 'Déposer ma pièce d’identité' },
      };
    }
    case 'review':
      return {
        title: 'Votre dossier est en cours de vérification',
        yours: false,
        body: html`<p>Vous n’avez rien à faire : l’ECMA vérifie votre dossier, en principe sous trois jours ouvrés${step.deadline
            ? html` (d’ici le ${formatDate(step.deadline)})`
            : nothing}. Nous vous écrirons s’il manque quelque chose.</p>`,
      };
    case 'record-payment':
      return {
        title: 'Réglez votre souscription',
        yours: true,
        body: html`<p>Votre dossier est validé. Vos certificats seront fabriqués dès que votre règlement sera enregistré par l’ECMA,
          selon les conditions financières publiées sur www.signexpert.fr (conditions générales, §12.1).</p>`,
      };
    case 'issue':
      return {
        title: 'Vos certificats sont en cours de fabrication',
        yours: false,
        body: html`<p>Vous n’avez rien à faire : vos certificats sont placés sur votre clé USB cryptographique. Le code d’activation
          part ensuite par courrier postal (conditions générales, §5).</p>`,
      };
    case 'hand-over':
      return {
        title: 'Retirez votre clé auprès de votre CROEC',
        yours: true,
        body: html`<p>Un agent du CROEC ${regionName(s.region)} vous remettra en personne la clé USB contenant vos certificats${until(step.deadline)}
            (conditions générales, §6.2) ; passé ce délai, les certificats sont révoqués. Munissez-vous de l’original de votre pièce
            d’identité : l’agent le comparera à la copie déposée.</p>
          <p>Le code d’activation vous parvient séparément, par courrier postal à l’adresse indiquée lors de l’inscription. Ne le gardez
            jamais avec la clé (§12.2).</p>`,
      };
    case 'renew':
      if (s.nextSubscriptionId) {
        return {
          title: 'Votre renouvellement est en cours',
          yours: true,
          body: html`<p>Vos certificats actuels restent valables jusqu’à la remise des nouveaux, qui les remplaceront.</p>`,
          action: { href: `/portail/demandes/${s.nextSubscriptionId}`, label: 'Suivre la demande de renouvellement' },
        };
      }
      return {
        title: 'Vos certificats sont actifs',
        yours: false,
        body: html`<p>Vous pouvez signer et vous authentifier avec votre clé. Vos certificats sont valables jusqu’au
          <strong>${formatDate(step.deadline)}</strong> : renouvelez-les avant cette date pour continuer sans interruption
          (conditions générales, §13.1). Nous vous le rappellerons 90, 30 et 7 jours avant.</p>`,
        action: { href: `${base}/renouvellement`, label: 'Renouveler mes certificats' },
      };
    default:
      return undefined;
  }
}

function afterCycle(s: SubscriptionView): NextStepText {
  const ended = s.timeline.findLast((entry) => entry.event === 'state-entered');
  const detail = ended?.detail;
  // A renewal already started is where the holder goes next, whatever ended this cycle.
  const again = s.nextSubscriptionId
    ? { href: `/portail/demandes/${s.nextSubscriptionId}`, label: 'Suivre la demande de renouvellement' }
    : { href: '/portail/inscription', label: 'Faire une nouvelle demande' };
  switch (s.state) {
    case 'RENEWED':
      return {
        title: 'Ce cycle est terminé : vos certificats ont été renouvelés',
        yours: false,
        body: html`<p>Les certificats de ce cycle ont été remplacés par ceux de votre renouvellement.</p>`,
        ...(s.nextSubscriptionId ? { action: again } : {}),
      };
    case 'EXPIRED':
      return { title: 'Vos certificats ont expiré', yours: true, body: html`<p>Pour signer de nouveau, souscrivez pour deux nouvelles années.</p>`, action: again };
    case 'REVOKED':
      return {
        title: 'Vos certificats sont révoqués',
        yours: false,
        body: html`<p>Ils ne peuvent plus servir${detail ? html` (motif : ${groundLabel(detail)})` : nothing}. La révocation est définitive ;
          ${s.nextSubscriptionId ? 'vos nouveaux certificats viendront de votre demande de renouvellement.' : 'pour obtenir de nouveaux certificats, faites une nouvelle demande.'}</p>`,
        action: again,
      };
    case 'CANCELLED':
      return { title: 'Votre demande est annulée', yours: false, body: html`<p>Aucun certificat n’a été émis.</p>`, action: again };
    case 'ABANDONED':
      return {
        title: 'Votre demande a été abandonnée',
        yours: false,
        body: html`<p>${detail && ABANDON_REASONS[detail] ? html`Motif : ${ABANDON_REASONS[detail]}. ` : nothing}Vous pouvez déposer une nouvelle demande à tout moment.</p>`,
        action: again,
      };
    case 'REJECTED':
      return {
        title: 'Votre demande a été refusée',
        yours: false,
        body: html`<p>${detail ? html`Motif indiqué par l’ECMA : « ${detail} ». ` : nothing}Vous pouvez déposer une nouvelle demande avec des pièces complètes.</p>`,
        action: again,
      };
    default:
      return { title: 'Votre demande suit son cours', yours: false, body: html`<p>Vous n’avez rien à faire pour le moment.</p>` };
  }
}

export function nextStepPanel(subscription: SubscriptionView): TemplateResult {
  const text = duringCycle(subscription) ?? afterCycle(subscription);
  return html`<section class="next-step ${text.yours ? 'next-step-yours' : ''}" aria-labelledby="next-step-title">
    <p class="eyebrow">${text.yours ? 'À vous d’agir' : 'Prochaine étape'}</p>
    <h2 id="next-step-title">${text.title}</h2>
    ${text.body}
    ${text.action ? html`<p><a class="button" href=${text.action.href}>${text.action.label}</a></p>` : nothing}
  </section>`;
}
