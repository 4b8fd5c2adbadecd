import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import { DataSource, type SelectQueryBuilder } from 'typeorm';
import type { QueueItem, QueueName, QueuePage } from '#libs/api-views';
import { DAY_MS, type StaffActor, type SubscriptionState } from '#libs/domain';
import { SubscriptionRecord } from '#libs/persistence';

interface QueueDefinition {
  states: SubscriptionState[];
  /** Column ordering the queue (oldest first, or soonest expiry first, or latest revocation first). */
  orderBy: 'state_changed_at' | 'certificates_not_after';
  descending?: boolean;
  filter?: (query: SelectQueryBuilder<SubscriptionRecord>, now: Date) => void;
}

const DEFINITIONS: Record<QueueName, QueueDefinition> = {
  reviews: { states: ['IN_REVIEW'], orderBy: 'state_changed_at' },
  payments: { states: ['AWAITING_PAYMENT'], orderBy: 'state_changed_at' },
  // Paid and approved, not yet on a token: the ECMA follows these until the CROEC can hand them over.
  issuances: { states: ['ISSUING'], orderBy: 'state_changed_at' },
  deliveries: { states: ['AWAITING_DELIVERY'], orderBy: 'state_changed_at' },
  expiring: {
    states: ['ACTIVE'],
    orderBy: 'certificates_not_after',
    filter: (query, now) => query.andWhere('s.certificates_not_after < :horizon', { horizon: new Date(now.getTime() + 90 * DAY_MS) }),
  },
  revocations: { states: ['REVOKED'], orderBy: 'state_changed_at', descending: true },
};

/**
 * The staff work queues, read from the PostgreSQL projection (never from workflow histories),
 * indexed and paginated by cursor. A CROEC agent only ever sees their own region (contract §6.2).
 */
@Injectable()
export class QueuesService {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async page(queue: QueueName, viewer: StaffActor, options: { cursor?: string; limit: number; now?: Date }): Promise<QueuePage> {
    const definition = DEFINITIONS[queue];
    const column = `s.${definition.orderBy}`;
    const direction = definition.descending ? 'DESC' : 'ASC';
    const query = this.dataSource
      .getRepository(SubscriptionRecord)
      .createQueryBuilder('s')
      .where('s.state IN (:...states)', { states: definition.states })
      .orderBy(column, direction)
      .addOrderBy('s.id', direction)
      .limit(options.limit + 1);
    definition.filter?.(query, options.now ?? new Date());
    if (viewer.role === 'croec-agent') query.andWhere('s.region = :region', { region: viewer.region ?? '-' });
    if (options.cursor) {
      const [sortKey, id] = decodeCursor(options.cursor);
      query.andWhere(`(${column}, s.id) ${definition.descending ? '<' : '>'} (:sortKey, :id)`, { sortKey: new Date(sortKey), id });
    }
    const rows = await query.getMany();
    const items = rows.slice(0, options.limit).map(toItem);
    const last = rows.length > options.limit ? rows[options.limit - 1] : undefined;
    const sortOf = (row: SubscriptionRecord) => (definition.orderBy === 'state_changed_at' ? row.stateChangedAt : row.certificatesNotAfter!);
    return last ? { items, nextCursor: encodeCursor(sortOf(last).toISOString(), last.id) } : { items };
  }
}

function toItem(row: SubscriptionRecord): QueueItem {
  return {
    id: row.id,
    state: row.state,
    region: row.region,
    holder: { givenName: row.givenName, surname: row.surname, registrationNumber: row.registrationNumber },
    waitingSince: row.stateChangedAt.toISOString(),
    pendingDeadline: row.pendingDeadline?.toISOString() ?? null,
    certificatesNotAfter: row.certificatesNotAfter?.toISOString() ?? null,
  };
}

function encodeCursor(sortKey: string, id: string): string {
  return Buffer.from(JSON.stringify([sortKey, id])).toString('base64url');
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const [sortKey, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as [string, string];
    if (Number.isNaN(Date.parse(sortKey)) || !/^[0-9a-f-]{36}$/.test(id)) throw new Error('bad cursor');
    return [sortKey, id];
  } catch {
    throw new BadRequestException({ title: 'invalid request', detail: 'cursor is not one this API gave', errors: [{ field: 'cursor', messages: ['cursor is not valid'] }] });
  }
}
