import { createHash } from 'node:crypto';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * An email-ownership proof sent to a holder (contract §4.1). Only the SHA-256 of the link's token
 * is kept: the token itself exists only in the mail. The API finds the subscription by this hash;
 * the workflow decides whether it is still valid (single use, expiry).
 */
@Entity({ name: 'email_proofs' })
export class EmailProofRecord {
  @PrimaryColumn({ name: 'token_hash', type: 'char', length: 64 })
  tokenHash!: string;

  @Index('ix_email_proofs_subscription')
  @Column({ name: 'subscription_id', type: 'uuid' })
  subscriptionId!: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** SHA-256 (hex) of a link token: what the database and the workflow keep instead of the token. */
  static hashOf(token: string): string {
    return createHash('sha256').update(token).digest('hex');
  }
}
