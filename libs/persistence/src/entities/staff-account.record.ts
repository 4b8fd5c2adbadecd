import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { RegionCode, StaffRole } from '#libs/domain';

/**
 * A member of staff who may sign in to the back-office. Accounts are created by an operator
 * command, never through the API; they are disabled, never deleted, so that the audit log's
 * actors keep pointing at someone.
 */
@Entity({ name: 'staff_accounts' })
@Check('ck_staff_accounts_role', `"role" IN ('ecma-operator', 'croec-agent', 'csoec-officer', 'ca-officer', 'auditor')`)
// A CROEC agent hands tokens over in their own region only (contract §6.2): no region, no agent.
@Check('ck_staff_accounts_agent_region', `"role" <> 'croec-agent' OR "region" IS NOT NULL`)
export class StaffAccountRecord {
  @PrimaryColumn('uuid')
  id!: string;

  /** Lower-case sign-in name. */
  @Index('uq_staff_accounts_login', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  login!: string;

  @Column({ name: 'display_name', type: 'varchar', length: 120 })
  displayName!: string;

  @Column({ type: 'varchar', length: 16 })
  role!: StaffRole;

  @Column({ type: 'varchar', length: 8, nullable: true })
  region!: RegionCode | null;

  /** argon2id, PHC string format (algorithm, parameters and salt included). */
  @Column({ name: 'password_hash', type: 'varchar', length: 255 })
  passwordHash!: string;

  // Failed sign-ins are counted per login and client in sign_in_failures, not here: a count on
  // the account let anyone lock it (issue 12).

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true })
  disabledAt!: Date | null;
}
