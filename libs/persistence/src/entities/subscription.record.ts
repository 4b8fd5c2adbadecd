import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { RegionCode, SubscriptionState } from '#libs/domain';

/**
 * Projection of one subscription cycle, written only by its workflow (through the projection
 * activity) and read by the API, the staff queues and searches.
 */
@Entity({ name: 'subscriptions' })
@Index('ix_subscriptions_state_changed', ['state', 'stateChangedAt'])
@Index('ix_subscriptions_region_state', ['region', 'state'])
export class SubscriptionRecord {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 32 })
  state!: SubscriptionState;

  @Column({ name: 'given_name', type: 'varchar', length: 100 })
  givenName!: string;

  @Column({ type: 'varchar', length: 100 })
  surname!: string;

  @Index('ix_subscriptions_email')
  @Column({ type: 'varchar', length: 254 })
  email!: string;

  @Index('ix_subscriptions_registration_number')
  @Column({ name: 'registration_number', type: 'varchar', length: 32 })
  registrationNumber!: string;

  @Column({ type: 'varchar', length: 8 })
  region!: RegionCode;

  @Column({ type: 'varchar', length: 200, nullable: true })
  firm!: string | null;

  @Column({ name: 'conditions_version', type: 'varchar', length: 32 })
  conditionsVersion!: string;

  @Column({ name: 'conditions_accepted_at', type: 'timestamptz' })
  conditionsAcceptedAt!: Date;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'state_changed_at', type: 'timestamptz' })
  stateChangedAt!: Date;

  @Column({ name: 'previous_subscription_id', type: 'uuid', nullable: true })
  previousSubscriptionId!: string | null;

  /** What is expected next and from whom (e.g. `review` by `ecma-operator`), for queues and the holder's page. */
  @Column({ name: 'pending_action', type: 'varchar', length: 32, nullable: true })
  pendingAction!: string | null;

  @Column({ name: 'pending_deadline', type: 'timestamptz', nullable: true })
  pendingDeadline!: Date | null;

  /** End of validity of the cycle's certificates, for the expiring queue and reminders. */
  @Index('ix_subscriptions_not_after')
  @Column({ name: 'certificates_not_after', type: 'timestamptz', nullable: true })
  certificatesNotAfter!: Date | null;

  /** Sequence number of the last transition applied: a replayed or late projection never rewinds the row. */
  @Column({ name: 'last_event_seq', type: 'integer' })
  lastEventSeq!: number;
}
