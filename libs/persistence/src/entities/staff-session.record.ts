import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A signed-in staff member's bearer session. Only the token's SHA-256 is kept, never the token. */
@Entity({ name: 'staff_sessions' })
export class StaffSessionRecord {
  @PrimaryColumn({ name: 'token_hash', type: 'char', length: 64 })
  tokenHash!: string;

  @Index('ix_staff_sessions_staff')
  @Column({ name: 'staff_id', type: 'uuid' })
  staffId!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Index('ix_staff_sessions_expires')
  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;
}
