import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The decision to issue a subscription's pair, persisted with its serials BEFORE anything is
 * signed (Boulder's issuance cycle): a retried or restarted issuance finds it and signs the same
 * serials again instead of a second pair.
 */
@Entity({ name: 'issuance_intents' })
export class IssuanceIntentRecord {
  @PrimaryColumn({ name: 'subscription_id', type: 'uuid' })
  subscriptionId!: string;

  @Column({ type: 'varchar', length: 8 })
  region!: string;

  @Column({ name: 'signature_serial', type: 'varchar', length: 40, unique: true })
  signatureSerial!: string;

  @Column({ name: 'authentication_serial', type: 'varchar', length: 40, unique: true })
  authenticationSerial!: string;

  /** Label of the holder's PKCS#11 token. */
  @Column({ name: 'token_label', type: 'varchar', length: 32 })
  tokenLabel!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** Set once both certificates are on the token and the activation letter is in the spool. */
  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;
}
