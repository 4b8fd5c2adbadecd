import { REGIONS, type RegionCode } from '#libs/domain';
import { frenchDateTime, nonEmpty } from './french-format.js';
import { message } from './layout.js';
import type { Instant, RenderedMessage } from './rendered-message.js';

export interface OverdueReview {
  reference: string;
  region: RegionCode;
  /** When the request entered the review queue. */
  waitingSince: Instant;
}

export interface ReviewOverdueData {
  supervisorName: string;
  /** The service level that was missed, e.g. 48 (hours). */
  overdueAfterHours: number;
  reviews: readonly OverdueReview[];
  /** The staff review queue. */
  queueUrl: string;
}

/**
 * Tells supervisors which requests wait for review beyond the service level. References and
 * regions only: the files themselves are confidential (contract §7.1) and are read in the queue.
 */
export function reviewOverdue(data: ReviewOverdueData): RenderedMessage {
  const count = data.reviews.length;
  const lines = nonEmpty(data.reviews, 'reviews').map(
    (review) => `  - ${review.reference} (${REGIONS[review.region]}), en attente depuis le ${frenchDateTime(review.waitingSince)}`,
  );
  return message(
    count > 1 ? `${count} demandes attendent leur vérification` : '1 demande attend sa vérification',
    `Bonjour ${data.supervisorName}`,
    [
      `${count > 1 ? `${count} demandes de certificats attendent` : 'Une demande de certificats attend'} leur vérification depuis plus de ${data.overdueAfterHours} heures :\n${lines.join('\n')}`,
      `File des vérifications : ${data.queueUrl}`,
    ],
  );
}
