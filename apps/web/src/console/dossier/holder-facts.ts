import { html } from 'lit';
import type { StaffSubscriptionView } from '../../../../../libs/api-views/src/index.js';
import { formatDate, formatDateTime } from '../../shared/format.js';
import { stateLabel } from '../../shared/labels.js';
import { regionName } from './region-name.js';

/** The registration data as the holder gave it: what the reviewer compares with the ID copy. */
export function holderFacts(subscription: StaffSubscriptionView) {
  const { holder } = subscription;
  return html`<dl class="facts">
    <dt>Nom</dt><dd class="holder-surname">${holder.surname}</dd>
    <dt>Prénom</dt><dd>${holder.givenName}</dd>
    <dt>N° d’inscription</dt><dd>${holder.registrationNumber}</dd>
    <dt>Cabinet</dt><dd>${holder.firm ?? '—'}</dd>
    <dt>Adresse électronique</dt><dd>${holder.email}</dd>
    <dt>CROEC</dt><dd>${regionName(subscription.region)} (${subscription.region})</dd>
    <dt>Demande déposée le</dt><dd>${formatDateTime(subscription.createdAt)}</dd>
    <dt>Conditions acceptées</dt><dd>version ${subscription.conditions.version}, le ${formatDate(subscription.conditions.acceptedAt)}</dd>
    <dt>Étape actuelle</dt><dd><span class="badge">${stateLabel(subscription.state)}</span></dd>
  </dl>`;
}
