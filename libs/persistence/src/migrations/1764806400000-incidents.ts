import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Incidents: steps of a cycle or CRL publications that could not be completed, for staff to decide on (issue 11). */
export class Incidents1764806400000 implements MigrationInterface {
  name = 'Incidents1764806400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE TABLE "incidents" ("id" uuid NOT NULL, "kind" character varying(16) NOT NULL, "subscription_id" uuid, "region" character varying(8) NOT NULL, "step" character varying(64) NOT NULL, "error_type" character varying(100) NOT NULL, "error_message" character varying(500) NOT NULL, "retryable" boolean NOT NULL, "actions" character varying(16) array NOT NULL, "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_failed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "occurrences" integer NOT NULL, "resolved_at" TIMESTAMP WITH TIME ZONE, "resolution" character varying(16), "resolved_by" character varying(200), CONSTRAINT "PK_ccb34c01719889017e2246469f9" PRIMARY KEY ("id"))`,
    );
    await db.query(`CREATE INDEX "ix_incidents_subscription" ON "incidents" ("subscription_id")`);
    // One open incident per region for its CRL publication: a failure hour after hour updates it.
    await db.query(`CREATE UNIQUE INDEX "ux_incidents_open_crl" ON "incidents" ("region") WHERE kind = 'crl' AND resolved_at IS NULL`);
    await db.query(`CREATE INDEX "ix_incidents_open" ON "incidents" ("opened_at", "id") WHERE resolved_at IS NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX "public"."ix_incidents_open"`);
    await db.query(`DROP INDEX "public"."ux_incidents_open_crl"`);
    await db.query(`DROP INDEX "public"."ix_incidents_subscription"`);
    await db.query(`DROP TABLE "incidents"`);
  }
}
