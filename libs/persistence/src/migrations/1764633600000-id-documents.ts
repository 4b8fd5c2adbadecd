import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Encrypted ID-document copies (issue 5). */
export class IdDocuments1764633600000 implements MigrationInterface {
  name = 'IdDocuments1764633600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE TABLE "id_documents" ("id" uuid NOT NULL, "subscription_id" uuid NOT NULL, "media_type" character varying(32) NOT NULL, "size_bytes" integer NOT NULL, "sha256" character(64) NOT NULL, "sealed" bytea NOT NULL, "uploaded_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_76d13e032ffeb102cf68ab1dc31" PRIMARY KEY ("id"))`,
    );
    await db.query(`CREATE INDEX "ix_id_documents_subscription" ON "id_documents" ("subscription_id")`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX "public"."ix_id_documents_subscription"`);
    await db.query(`DROP TABLE "id_documents"`);
  }
}
