import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Consecutive failed staff sign-ins from one client on one login, and the back-off they earned
 * (apps/api/src/auth/sign-in-backoff.ts). Keyed by login and client together, so that a client's
 * failures never delay the same login from anywhere else (issue 12). In PostgreSQL, not in a
 * process, so that the back-off survives a restart and holds across API instances.
 */
@Entity({ name: 'sign_in_failures' })
export class SignInFailureRecord {
  /**
   * SHA-256 (hex) of the normalised login as typed, whether or not an account has it: unknown
   * logins back off alike (the answer must not tell which exist), and the text itself is not kept
   * (people type passwords into login fields).
   */
  @PrimaryColumn({ name: 'login_hash', type: 'char', length: 64, primaryKeyConstraintName: 'PK_sign_in_failures' })
  loginHash!: string;

  /** The client address as Express sees it (`request.ip`, TRUST_PROXY applied). */
  @PrimaryColumn({ type: 'varchar', length: 64, primaryKeyConstraintName: 'PK_sign_in_failures' })
  client!: string;

  /** Consecutive failures since this client's last success on this login (or an unlock). */
  @Column({ type: 'integer' })
  failures!: number;

  /** Also what forgets a quiet count, and what the pruning of old rows reads. */
  @Index('ix_sign_in_failures_last')
  @Column({ name: 'last_failure_at', type: 'timestamptz' })
  lastFailureAt!: Date;

  /** No attempt from this client on this login is looked at before then. */
  @Column({ name: 'blocked_until', type: 'timestamptz', nullable: true })
  blockedUntil!: Date | null;
}
