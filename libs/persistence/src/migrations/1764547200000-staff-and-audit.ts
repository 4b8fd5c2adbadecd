import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Staff accounts and sessions, holder sessions, and the append-only audit log (issue 5).
 * The audit table's append-only rule is PostgreSQL's, not the application's: a trigger refuses
 * UPDATE, DELETE and TRUNCATE (TypeORM does not see triggers, so the drift check is unaffected).
 */
export class StaffAndAudit1764547200000 implements MigrationInterface {
  name = 'StaffAndAudit1764547200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE "staff_accounts" ("id" uuid NOT NULL, "login" character varying(64) NOT NULL, "display_name" character varying(120) NOT NULL, "role" character varying(16) NOT NULL, "region" character varying(8), "password_hash" character varying(255) NOT NULL, "failed_attempts" integer NOT NULL DEFAULT '0', "locked_until" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "disabled_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_staff_accounts_agent_region" CHECK ("role" <> 'croec-agent' OR "region" IS NOT NULL), CONSTRAINT "ck_staff_accounts_role" CHECK ("role" IN ('ecma-operator', 'croec-agent', 'csoec-officer', 'ca-officer', 'auditor')), CONSTRAINT "PK_25e92938ce9b35cca161db052ed" PRIMARY KEY ("id"))`);
    await db.query(`CREATE UNIQUE INDEX "uq_staff_accounts_login" ON "staff_accounts" ("login")`);
    await db.query(`CREATE TABLE "staff_sessions" ("token_hash" character(64) NOT NULL, "staff_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_c435ca5b3c71d72635df8d4119d" PRIMARY KEY ("token_hash"))`);
    await db.query(`CREATE INDEX "ix_staff_sessions_staff" ON "staff_sessions" ("staff_id")`);
    await db.query(`CREATE INDEX "ix_staff_sessions_expires" ON "staff_sessions" ("expires_at")`);
    await db.query(`CREATE TABLE "holder_sessions" ("token_hash" character(64) NOT NULL, "subscription_id" uuid NOT NULL, "registration_number" character varying(32) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_b88cf7e95c5f9d8dcd04372542d" PRIMARY KEY ("token_hash"))`);
    await db.query(`CREATE INDEX "ix_holder_sessions_subscription" ON "holder_sessions" ("subscription_id")`);
    await db.query(`CREATE INDEX "ix_holder_sessions_expires" ON "holder_sessions" ("expires_at")`);
    await db.query(`CREATE TABLE "audit_entries" ("id" BIGSERIAL NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "actor" character varying(200) NOT NULL, "action" character varying(64) NOT NULL, "subject" character varying(200), "details" jsonb NOT NULL, "previous_hash" character(64) NOT NULL, "hash" character(64) NOT NULL, CONSTRAINT "PK_6b1623bcad4d04530b76548d619" PRIMARY KEY ("id"))`);
    await db.query(`CREATE UNIQUE INDEX "uq_audit_entries_previous_hash" ON "audit_entries" ("previous_hash")`);
    await db.query(`CREATE INDEX "ix_audit_entries_subject" ON "audit_entries" ("subject", "id")`);
    await db.query(`CREATE INDEX "ix_audit_entries_action" ON "audit_entries" ("action", "id")`);
    await db.query(`CREATE INDEX "ix_audit_entries_actor" ON "audit_entries" ("actor", "id")`);
    await db.query(`CREATE FUNCTION "audit_entries_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_entries is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
    $$`);
    await db.query(`CREATE TRIGGER "audit_entries_append_only" BEFORE UPDATE OR DELETE ON "audit_entries" FOR EACH ROW EXECUTE FUNCTION "audit_entries_refuse_change"()`);
    await db.query(`CREATE TRIGGER "audit_entries_no_truncate" BEFORE TRUNCATE ON "audit_entries" FOR EACH STATEMENT EXECUTE FUNCTION "audit_entries_refuse_change"()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE "audit_entries"`); // drops its indexes and triggers with it
    await db.query(`DROP FUNCTION "audit_entries_refuse_change"()`);
    await db.query(`DROP TABLE "holder_sessions"`);
    await db.query(`DROP TABLE "staff_sessions"`);
    await db.query(`DROP TABLE "staff_accounts"`);
  }
}
