import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A CRL we published, per issuing CA; the highest number is the current one. */
@Entity({ name: 'crls' })
export class CrlRecord {
  @PrimaryColumn({ type: 'varchar', length: 8 })
  region!: string;

  /** Strictly increasing per region (RFC 5280 §5.2.3). */
  @PrimaryColumn({ name: 'crl_number', type: 'bigint' })
  crlNumber!: string;

  @Column({ name: 'this_update', type: 'timestamptz' })
  thisUpdate!: Date;

  @Column({ name: 'next_update', type: 'timestamptz' })
  nextUpdate!: Date;

  @Column({ name: 'entry_count', type: 'integer' })
  entryCount!: number;

  @Column({ type: 'bytea' })
  der!: Buffer;
}
