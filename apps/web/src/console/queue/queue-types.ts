// The shapes of GET /v1/admin/queues/:queue (apps/api/src/admin/queues.service.ts).

export type QueueName = 'reviews' | 'payments' | 'issuances' | 'deliveries' | 'expiring' | 'revocations';

export interface QueueItem {
  id: string;
  state: string;
  region: string;
  holder: { givenName: string; surname: string; registrationNumber: string };
  /** When the subscription entered its current step: the queue's order, oldest first. */
  waitingSince: string;
  pendingDeadline: string | null;
  certificatesNotAfter: string | null;
}

export interface QueuePage {
  items: QueueItem[];
  nextCursor?: string;
}
