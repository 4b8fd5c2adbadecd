import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The subscription lifecycle (issue 4): email proofs, issuance intents, certificates, CRLs, richer timeline. */
export class SubscriptionLifecycle1764460800000 implements MigrationInterface {
  name = 'SubscriptionLifecycle1764460800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE "certificates" ("serial" character varying(40) NOT NULL, "subscription_id" uuid NOT NULL, "profile" character varying(16) NOT NULL, "region" character varying(8) NOT NULL, "not_before" TIMESTAMP WITH TIME ZONE NOT NULL, "not_after" TIMESTAMP WITH TIME ZONE NOT NULL, "der" bytea NOT NULL, "issued_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "revocation_reason" character varying(32), "invalidity_date" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_87af1f436e42688acef033da093" PRIMARY KEY ("serial"))`);
    await db.query(`CREATE INDEX "ix_certificates_subscription" ON "certificates" ("subscription_id")`);
    await db.query(`CREATE INDEX "ix_certificates_region_revoked" ON "certificates" ("region", "revoked_at")`);
    await db.query(`CREATE TABLE "crls" ("region" character varying(8) NOT NULL, "crl_number" bigint NOT NULL, "this_update" TIMESTAMP WITH TIME ZONE NOT NULL, "next_update" TIMESTAMP WITH TIME ZONE NOT NULL, "entry_count" integer NOT NULL, "der" bytea NOT NULL, CONSTRAINT "PK_2a2cfc964d7ec2a12f08195916f" PRIMARY KEY ("region", "crl_number"))`);
    await db.query(`CREATE TABLE "email_proofs" ("token_hash" character(64) NOT NULL, "subscription_id" uuid NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_092a3fc3c0532f8fe29cc92b3e5" PRIMARY KEY ("token_hash"))`);
    await db.query(`CREATE INDEX "ix_email_proofs_subscription" ON "email_proofs" ("subscription_id")`);
    await db.query(`CREATE TABLE "issuance_intents" ("subscription_id" uuid NOT NULL, "region" character varying(8) NOT NULL, "signature_serial" character varying(40) NOT NULL, "authentication_serial" character varying(40) NOT NULL, "token_label" character varying(32) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "completed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_754a8b5220187d454e0a57517e5" UNIQUE ("signature_serial"), CONSTRAINT "UQ_2ba90339f0147a560d443f931cd" UNIQUE ("authentication_serial"), CONSTRAINT "PK_5926c2eee1523c0893d7c6bf60e" PRIMARY KEY ("subscription_id"))`);
    await db.query(`ALTER TABLE "subscription_events" ADD "by" character varying(120)`);
    await db.query(`ALTER TABLE "subscription_events" ADD "note" character varying(500)`);
    await db.query(`ALTER TABLE "subscriptions" ADD "previous_subscription_id" uuid`);
    await db.query(`ALTER TABLE "subscriptions" ADD "pending_action" character varying(32)`);
    await db.query(`ALTER TABLE "subscriptions" ADD "pending_deadline" TIMESTAMP WITH TIME ZONE`);
    await db.query(`ALTER TABLE "subscriptions" ADD "certificates_not_after" TIMESTAMP WITH TIME ZONE`);
    await db.query(`CREATE INDEX "ix_subscriptions_not_after" ON "subscriptions" ("certificates_not_after")`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX "public"."ix_subscriptions_not_after"`);
    await db.query(`ALTER TABLE "subscriptions" DROP COLUMN "certificates_not_after"`);
    await db.query(`ALTER TABLE "subscriptions" DROP COLUMN "pending_deadline"`);
    await db.query(`ALTER TABLE "subscriptions" DROP COLUMN "pending_action"`);
    await db.query(`ALTER TABLE "subscriptions" DROP COLUMN "previous_subscription_id"`);
    await db.query(`ALTER TABLE "subscription_events" DROP COLUMN "note"`);
    await db.query(`ALTER TABLE "subscription_events" DROP COLUMN "by"`);
    await db.query(`DROP TABLE "issuance_intents"`);
    await db.query(`DROP INDEX "public"."ix_email_proofs_subscription"`);
    await db.query(`DROP TABLE "email_proofs"`);
    await db.query(`DROP TABLE "crls"`);
    await db.query(`DROP INDEX "public"."ix_certificates_region_revoked"`);
    await db.query(`DROP INDEX "public"."ix_certificates_subscription"`);
    await db.query(`DROP TABLE "certificates"`);
  }
}
