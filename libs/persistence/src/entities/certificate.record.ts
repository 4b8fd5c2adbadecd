import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A holder certificate we issued, and its revocation if any (the source of CRLs and OCSP answers). */
@Entity({ name: 'certificates' })
@Index('ix_certificates_region_revoked', ['region', 'revokedAt'])
export class CertificateRecord {
  /** Upper-case hex without leading zero octets, as ca-core normalises serials. */
  @PrimaryColumn({ type: 'varchar', length: 40 })
  serial!: string;

  @Index('ix_certificates_subscription')
  @Column({ name: 'subscription_id', type: 'uuid' })
  subscriptionId!: string;

  @Column({ type: 'varchar', length: 16 })
  profile!: string;

  /** The issuing CA's region. */
  @Column({ type: 'varchar', length: 8 })
  region!: string;

  @Column({ name: 'not_before', type: 'timestamptz' })
  notBefore!: Date;

  @Column({ name: 'not_after', type: 'timestamptz' })
  notAfter!: Date;

  @Column({ type: 'bytea' })
  der!: Buffer;

  @Column({ name: 'issued_at', type: 'timestamptz' })
  issuedAt!: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  /** RFC 5280 reason name (e.g. keyCompromise). */
  @Column({ name: 'revocation_reason', type: 'varchar', length: 32, nullable: true })
  revocationReason!: string | null;

  @Column({ name: 'invalidity_date', type: 'timestamptz', nullable: true })
  invalidityDate!: Date | null;
}
