import type { QueueItem, QueueName } from '../../../../../libs/api-views/src/index.js';
import { PagedList, type Column } from './paged-list.js';

/** One column of a queue table. */
export type QueueColumn = Column<QueueItem>;

/** One staff work queue (GET /v1/admin/queues/:queue), oldest first, paged and refreshed. */
export class QueueList extends PagedList<QueueItem> {
  constructor(queue: QueueName, signal: AbortSignal, redraw: () => void) {
    super(`/v1/admin/queues/${queue}`, signal, redraw);
  }
}
