import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Staff sign-in failures counted per login and client, not per account (issue 12): five wrong
 * passwords from anyone used to lock any account. The account's own counter and lock go.
 */
export class SignInFailures1765065600000 implements MigrationInterface {
  name = 'SignInFailures1765065600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE TABLE "sign_in_failures" ("login_hash" character(64) NOT NULL, "client" character varying(64) NOT NULL, "failures" integer NOT NULL, "last_failure_at" TIMESTAMP WITH TIME ZONE NOT NULL, "blocked_until" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_sign_in_failures" PRIMARY KEY ("login_hash", "client"))`,
    );
    await db.query(`CREATE INDEX "ix_sign_in_failures_last" ON "sign_in_failures" ("last_failure_at")`);
    // A lock in force when this runs is dropped with the column: it was the fault being fixed.
    await db.query(`ALTER TABLE "staff_accounts" DROP COLUMN "failed_attempts"`);
    await db.query(`ALTER TABLE "staff_accounts" DROP COLUMN "locked_until"`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE "staff_accounts" ADD "locked_until" TIMESTAMP WITH TIME ZONE`);
    await db.query(`ALTER TABLE "staff_accounts" ADD "failed_attempts" integer NOT NULL DEFAULT '0'`);
    await db.query(`DROP INDEX "public"."ix_sign_in_failures_last"`);
    await db.query(`DROP TABLE "sign_in_failures"`);
  }
}
