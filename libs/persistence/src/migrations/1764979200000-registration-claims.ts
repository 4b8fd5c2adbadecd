import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One cycle in progress per registration number, enforced by PostgreSQL (registration_claims), and
 * holder sessions bound to the cycles their mailbox proved instead of a registration number (issue 12).
 */
export class RegistrationClaims1764979200000 implements MigrationInterface {
  name = 'RegistrationClaims1764979200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE TABLE "registration_claims" ("registration_number" character varying(32) NOT NULL, "subscription_id" uuid NOT NULL, "claimed_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "UQ_registration_claims_subscription" UNIQUE ("subscription_id"), CONSTRAINT "PK_registration_claims" PRIMARY KEY ("registration_number"))`,
    );
    // Cycles already in progress keep their number: the most recent one per number holds it.
    await db.query(
      `INSERT INTO "registration_claims" ("registration_number", "subscription_id", "claimed_at")
       SELECT DISTINCT ON ("registration_number") "registration_number", "id", "created_at" FROM "subscriptions"
       WHERE "state" NOT IN ('EXPIRED', 'RENEWED', 'REVOKED', 'CANCELLED', 'ABANDONED', 'REJECTED')
       ORDER BY "registration_number", "created_at" DESC`,
    );
    // Sessions last 30 minutes and are opened again by a link: those open now are simply ended.
    await db.query(`DELETE FROM "holder_sessions"`);
    await db.query(`ALTER TABLE "holder_sessions" DROP COLUMN "registration_number"`);
    await db.query(`ALTER TABLE "holder_sessions" ADD "subscription_ids" uuid array NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM "holder_sessions"`);
    await db.query(`ALTER TABLE "holder_sessions" DROP COLUMN "subscription_ids"`);
    await db.query(`ALTER TABLE "holder_sessions" ADD "registration_number" character varying(32) NOT NULL`);
    await db.query(`DROP TABLE "registration_claims"`);
  }
}
