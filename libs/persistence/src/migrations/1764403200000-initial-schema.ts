import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Subscriptions projection and its timeline (issue 2). */
export class InitialSchema1764403200000 implements MigrationInterface {
  name = 'InitialSchema1764403200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE TABLE "subscription_events" ("id" BIGSERIAL NOT NULL, "subscription_id" uuid NOT NULL, "seq" integer NOT NULL, "state" character varying(32) NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "uq_subscription_events_seq" UNIQUE ("subscription_id", "seq"), CONSTRAINT "PK_7eb5647aa3071cffad0124bceee" PRIMARY KEY ("id"))`,
    );
    await db.query(
      `CREATE TABLE "subscriptions" ("id" uuid NOT NULL, "state" character varying(32) NOT NULL, "given_name" character varying(100) NOT NULL, "surname" character varying(100) NOT NULL, "email" character varying(254) NOT NULL, "registration_number" character varying(32) NOT NULL, "region" character varying(8) NOT NULL, "firm" character varying(200), "conditions_version" character varying(32) NOT NULL, "conditions_accepted_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "state_changed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_event_seq" integer NOT NULL, CONSTRAINT "PK_a87248d73155605cf782be9ee5e" PRIMARY KEY ("id"))`,
    );
    await db.query(`CREATE INDEX "ix_subscriptions_email" ON "subscriptions" ("email")`);
    await db.query(`CREATE INDEX "ix_subscriptions_registration_number" ON "subscriptions" ("registration_number")`);
    await db.query(`CREATE INDEX "ix_subscriptions_region_state" ON "subscriptions" ("region", "state")`);
    await db.query(`CREATE INDEX "ix_subscriptions_state_changed" ON "subscriptions" ("state", "state_changed_at")`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX "public"."ix_subscriptions_state_changed"`);
    await db.query(`DROP INDEX "public"."ix_subscriptions_region_state"`);
    await db.query(`DROP INDEX "public"."ix_subscriptions_registration_number"`);
    await db.query(`DROP INDEX "public"."ix_subscriptions_email"`);
    await db.query(`DROP TABLE "subscriptions"`);
    await db.query(`DROP TABLE "subscription_events"`);
  }
}
