import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One entry of the append-only, hash-chained audit log (libs/audit writes and verifies it).
 * PostgreSQL refuses UPDATE, DELETE and TRUNCATE on this table (trigger in the migration).
 */
@Entity({ name: 'audit_entries' })
@Index('ix_audit_entries_actor', ['actor', 'id'])
@Index('ix_audit_entries_action', ['action', 'id'])
@Index('ix_audit_entries_subject', ['subject', 'id'])
export class AuditEntryRecord {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;

  /** Who acted, in words: a role and an id (`ca-officer 6f1…`), `system (…)` or `cli <user>`. */
  @Column({ type: 'varchar', length: 200 })
  actor!: string;

  /** What was done, dotted: `review.approve`, `ca.revoke`, `document.read`, `session.open`. */
  @Column({ type: 'varchar', length: 64 })
  action!: string;

  /** What it was done to, by id (a subscription id, a staff id, a serial); never personal data. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  subject!: string | null;

  /** Ids, outcomes and reasons; no secrets, no personal data beyond ids. */
  @Column({ type: 'jsonb' })
  details!: Record<string, unknown>;

  /** Unique: two entries can never follow the same one, so the chain cannot fork even if a writer bypassed the lock. */
  @Index('uq_audit_entries_previous_hash', { unique: true })
  @Column({ name: 'previous_hash', type: 'char', length: 64 })
  previousHash!: string;

  @Column({ type: 'char', length: 64 })
  hash!: string;
}
