import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The wachtlijst read model (issue 11 §4, ADR 0017): one row per case per aanbod's list, written by the list's
 * workflow after each change, read by `GET /api/monitor/wachtlijsten`. Pseudonymous only.
 *
 * Never edit this file once merged: later schema changes are new migrations.
 */
export class WachtlijstReadModel1768200000000 implements MigrationInterface {
  name = 'WachtlijstReadModel1768200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "wachtlijst_entry" (
        "aanbod_id" character varying(100) NOT NULL,
        "referral_id" uuid NOT NULL,
        "child_ref" character varying(64),
        "region" character varying(64),
        "aanbod_kind" character varying(32) NOT NULL,
        "status" character varying(16) NOT NULL,
        "enqueued_at" TIMESTAMP WITH TIME ZONE,
        "waiting_since" TIMESTAMP WITH TIME ZONE NOT NULL,
        "norm_due_at" TIMESTAMP WITH TIME ZONE,
        "overbrugging" jsonb NOT NULL,
        "admitted_at" TIMESTAMP WITH TIME ZONE,
        "removed_at" TIMESTAMP WITH TIME ZONE,
        "list_version" integer NOT NULL,
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "pk_wachtlijst_entry" PRIMARY KEY ("aanbod_id", "referral_id"),
        CONSTRAINT "ck_wachtlijst_entry_status" CHECK ("status" IN ('waiting', 'admitted', 'removed', 'verlopen'))
      )`);
    await queryRunner.query(`CREATE INDEX "ix_wachtlijst_entry_monitor" ON "wachtlijst_entry" ("region", "aanbod_kind", "status")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "wachtlijst_entry"`);
  }
}
