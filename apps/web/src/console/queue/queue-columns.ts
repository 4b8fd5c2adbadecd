import { html } from 'lit';
import { formatDate, formatDateTime, formatWaiting } from '../../shared/format.js';
import { regionName } from '../dossier/region-name.js';
import type { QueueColumn } from './queue-list.js';

// The columns several queues share, so that every queue reads the same way.

export const holderColumn: QueueColumn = {
  header: 'Titulaire',
  cell: (item) => html`<strong>${item.holder.givenName} ${item.holder.surname}</strong>
    <span class="muted block">n° d’inscription ${item.holder.registrationNumber}</span>`,
};

export const regionColumn: QueueColumn = {
  header: 'CROEC',
  cell: (item) => html`<abbr title=${regionName(item.region)}>${item.region}</abbr>`,
};

/** How long the request has been waiting at this step: the first thing a queue is judged by. */
export const waitingColumn: QueueColumn = {
  header: 'En attente depuis',
  cell: (item) => html`<strong>${formatWaiting(item.waitingSince)}</strong>
    <span class="muted block">depuis le ${formatDateTime(item.waitingSince)}</span>`,
};

/** The step's deadline (review service level, hand-over within 90 days), flagged once passed. */
export function deadlineColumn(header: string): QueueColumn {
  return {
    header,
    cell: (item) => {
      if (!item.pendingDeadline) return '—';
      const overdue = new Date(item.pendingDeadline) <= new Date();
      return overdue
        ? html`<span class="badge badge-late">Dépassée</span> <span class="block">${formatDate(item.pendingDeadline)}</span>`
        : formatDate(item.pendingDeadline);
    },
  };
}
