import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { SubscriptionState } from '#libs/domain';

/** One step of a subscription's timeline (contract §4.2: the holder follows the request). */
@Entity({ name: 'subscription_events' })
@Unique('uq_subscription_events_seq', ['subscriptionId', 'seq'])
export class SubscriptionEventRecord {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'subscription_id', type: 'uuid' })
  subscriptionId!: string;

  /** Position in the workflow's sequence of transitions; with subscriptionId, the idempotency key. */
  @Column({ type: 'integer' })
  seq!: number;

  @Column({ type: 'varchar', length: 32 })
  state!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;

  /** Who caused the step, in words (a role and an id, never personal data). */
  @Column({ type: 'varchar', length: 120, nullable: true })
  by!: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note!: string | null;
}
