import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A holder's short-lived bearer session, opened by the email proof or a magic link. Only the
 * token's SHA-256 is kept, never the token. `subscriptionId` is the cycle it was opened from.
 */
@Entity({ name: 'holder_sessions' })
export class HolderSessionRecord {
  @PrimaryColumn({ name: 'token_hash', type: 'char', length: 64 })
  tokenHash!: string;

  @Index('ix_holder_sessions_subscription')
  @Column({ name: 'subscription_id', type: 'uuid' })
  subscriptionId!: string;

  /**
   * The cycles this session opens: those whose mailbox the holder proved (email link or sign-in
   * link), never "every cycle of a registration number", which is public (issue 12).
   */
  @Column({ name: 'subscription_ids', type: 'uuid', array: true })
  subscriptionIds!: string[];

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Index('ix_holder_sessions_expires')
  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;
}
