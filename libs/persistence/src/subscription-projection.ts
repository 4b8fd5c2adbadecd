import type { DataSource, EntityManager } from 'typeorm';
import { TERMINAL_STATES, type HolderRegistration, type SubscriptionState } from '#libs/domain';
import { releaseRegistrationClaim } from './registration-claims.js';
import { SubscriptionEventRecord } from './entities/subscription-event.record.js';
import { SubscriptionRecord } from './entities/subscription.record.js';

export interface RecordedTransition {
  subscriptionId: string;
  /** 1 for the registration, then +1 per transition; with subscriptionId, the idempotency key. */
  seq: number;
  state: SubscriptionState;
  at: string;
  by?: string;
  note?: string;
  pendingAction?: { action: string; deadline?: string };
  certificatesNotAfter?: string;
  /** The registration as it stands (created from it on the first transition, updated on reported changes). */
  registration?: HolderRegistration;
  previousSubscriptionId?: string;
}

/**
 * Writes a workflow's transitions into PostgreSQL. Called only from the projection activity
 * (single-writer rule), which Temporal may retry: applying the same transition twice, or an older
 * one after a newer, leaves the row as the newest transition made it.
 */
export class SubscriptionProjection {
  constructor(private readonly dataSource: DataSource) {}

  async apply(transition: RecordedTransition): Promise<void> {
    await this.dataSource.transaction(async (db) => {
      await db
        .createQueryBuilder()
        .insert()
        .into(SubscriptionEventRecord)
        .values({
          subscriptionId: transition.subscriptionId,
          seq: transition.seq,
          state: transition.state,
          at: new Date(transition.at),
          by: transition.by ?? null,
          note: transition.note ?? null,
        })
        .orIgnore()
        .execute();
      if (transition.seq === 1 && transition.registration) await this.insertSubscription(db, transition, transition.registration);
      await db
        .createQueryBuilder()
        .update(SubscriptionRecord)
        .set({
          state: transition.state,
          stateChangedAt: new Date(transition.at),
          lastEventSeq: transition.seq,
          pendingAction: transition.pendingAction?.action ?? null,
          pendingDeadline: transition.pendingAction?.deadline ? new Date(transition.pendingAction.deadline) : null,
          ...(transition.certificatesNotAfter ? { certificatesNotAfter: new Date(transition.certificatesNotAfter) } : {}),
          ...(transition.registration ? registrationColumns(transition.registration) : {}),
        })
        .where('id = :id AND last_event_seq < :seq', { id: transition.subscriptionId, seq: transition.seq })
        .execute();
      if (TERMINAL_STATES.has(transition.state)) await releaseRegistrationClaim(db, transition.subscriptionId);
    });
  }

  findById(id: string): Promise<SubscriptionRecord | null> {
    return this.dataSource.getRepository(SubscriptionRecord).findOneBy({ id });
  }

  timeline(id: string): Promise<SubscriptionEventRecord[]> {
    return this.dataSource.getRepository(SubscriptionEventRecord).find({ where: { subscriptionId: id }, order: { seq: 'ASC' } });
  }

  private async insertSubscription(db: EntityManager, transition: RecordedTransition, registration: HolderRegistration) {
    await db
      .createQueryBuilder()
      .insert()
      .into(SubscriptionRecord)
      .values({
        id: transition.subscriptionId,
        state: transition.state,
        ...registrationColumns(registration),
        previousSubscriptionId: transition.previousSubscriptionId ?? null,
        pendingAction: null,
        pendingDeadline: null,
        certificatesNotAfter: null,
        conditionsVersion: registration.acceptedConditions.version,
        conditionsAcceptedAt: new Date(registration.acceptedConditions.acceptedAt),
        createdAt: new Date(transition.at),
        stateChangedAt: new Date(transition.at),
        lastEventSeq: 0,
      })
      .orIgnore()
      .execute();
  }
}

function registrationColumns(registration: HolderRegistration) {
  return {
    givenName: registration.givenName,
    surname: registration.surname,
    email: registration.email,
    registrationNumber: registration.registrationNumber,
    region: registration.region,
    firm: registration.firm ?? null,
  };
}
