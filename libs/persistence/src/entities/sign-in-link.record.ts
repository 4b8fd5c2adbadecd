import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A magic sign-in link mailed to a holder (`POST /v1/sessions`). Only the SHA-256 of the link's
 * token is kept: the token exists only in the mail. Single use (`usedAt`), short expiry.
 */
@Entity({ name: 'sign_in_links' })
export class SignInLinkRecord {
  @PrimaryColumn({ name: 'token_hash', type: 'char', length: 64 })
  tokenHash!: string;

  @Index('ix_sign_in_links_subscription')
  @Column({ name: 'subscription_id', type: 'uuid' })
  subscriptionId!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Index('ix_sign_in_links_expires')
  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt!: Date | null;
}
