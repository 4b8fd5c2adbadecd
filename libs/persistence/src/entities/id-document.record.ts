import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A holder's ID-document copy (contract §4.1), encrypted at rest with AES-256-GCM. Only staff
 * with the right role read it back, and every read is audited; workflows only see the id.
 */
@Entity({ name: 'id_documents' })
export class IdDocumentRecord {
  @PrimaryColumn('uuid')
  id!: string;

  @Index('ix_id_documents_subscription')
  @Column({ name: 'subscription_id', type: 'uuid' })
  subscriptionId!: string;

  @Column({ name: 'media_type', type: 'varchar', length: 32 })
  mediaType!: string;

  @Column({ name: 'size_bytes', type: 'integer' })
  sizeBytes!: number;

  /** SHA-256 of the plaintext, hex: what was received, provably. */
  @Column({ type: 'char', length: 64 })
  sha256!: string;

  /** iv (12 bytes) | ciphertext | GCM tag (16 bytes). */
  @Column({ type: 'bytea' })
  sealed!: Buffer;

  @Column({ name: 'uploaded_at', type: 'timestamptz' })
  uploadedAt!: Date;
}
