/** The staff work queues of GET /v1/admin/queues/:queue. */
export const QUEUES = ['reviews', 'payments', 'issuances', 'deliveries', 'expiring', 'revocations'] as const;
export type QueueName = (typeof QUEUES)[number];

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
  /** Pass it back as `cursor` for the next page; absent on the last page. */
  nextCursor?: string;
}
