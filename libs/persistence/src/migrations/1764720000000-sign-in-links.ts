import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Magic sign-in links for holders: token hashes only, with expiry and single use (issue 5). */
export class SignInLinks1764720000000 implements MigrationInterface {
  name = 'SignInLinks1764720000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE TABLE "sign_in_links" ("token_hash" character(64) NOT NULL, "subscription_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_7e056095bb858289789025d055c" PRIMARY KEY ("token_hash"))`,
    );
    await db.query(`CREATE INDEX "ix_sign_in_links_subscription" ON "sign_in_links" ("subscription_id")`);
    await db.query(`CREATE INDEX "ix_sign_in_links_expires" ON "sign_in_links" ("expires_at")`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX "public"."ix_sign_in_links_expires"`);
    await db.query(`DROP INDEX "public"."ix_sign_in_links_subscription"`);
    await db.query(`DROP TABLE "sign_in_links"`);
  }
}
