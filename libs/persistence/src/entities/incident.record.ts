import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A step that could not be completed (DESIGN.md, "Incidents"): staff see it in the incidents
 * queue and decide. Written by the worker's incident activities only; the subscription workflow
 * (kind `subscription`) or the region's CRL publisher (kind `crl`) opens and closes it. No foreign
 * key to subscriptions: the failed step may be the one that would have written that row.
 */
@Entity({ name: 'incidents' })
@Index('ix_incidents_open', ['openedAt', 'id'], { where: 'resolved_at IS NULL' })
@Index('ux_incidents_open_crl', ['region'], { unique: true, where: `kind = 'crl' AND resolved_at IS NULL` })
export class IncidentRecord {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: 'subscription' | 'crl';

  @Index('ix_incidents_subscription')
  @Column({ name: 'subscription_id', type: 'uuid', nullable: true })
  subscriptionId!: string | null;

  @Column({ type: 'varchar', length: 8 })
  region!: string;

  /** The activity that failed (workflows/activity-policies.ts). */
  @Column({ type: 'varchar', length: 64 })
  step!: string;

  @Column({ name: 'error_type', type: 'varchar', length: 100 })
  errorType!: string;

  /** One line, no personal data (activities/typed-failures.ts). */
  @Column({ name: 'error_message', type: 'varchar', length: 500 })
  errorMessage!: string;

  /** false: retrying cannot cure it (a refusal); true: the retries ran out. */
  @Column({ type: 'boolean' })
  retryable!: boolean;

  /** What staff may decide (retry, correct, skip, cancel). */
  @Column({ type: 'varchar', length: 16, array: true })
  actions!: string[];

  @Column({ name: 'opened_at', type: 'timestamptz' })
  openedAt!: Date;

  /** The last time the step failed (a CRL publication failing hour after hour keeps one incident). */
  @Column({ name: 'last_failed_at', type: 'timestamptz' })
  lastFailedAt!: Date;

  @Column({ type: 'integer' })
  occurrences!: number;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;

  /** The decision (retry, correct, skip, cancel) or `recovered` when the step went through on its own. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  resolution!: string | null;

  @Column({ name: 'resolved_by', type: 'varchar', length: 200, nullable: true })
  resolvedBy!: string | null;
}
