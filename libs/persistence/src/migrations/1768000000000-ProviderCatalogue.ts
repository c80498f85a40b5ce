import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The provider catalogue (issue 11 §1): one row per aanbod, with its aanbieder, capacity and the places the
 * waiting lists will take (places_taken, 0 until they exist); and audit entries that name an aanbod, so every
 * change of the catalogue is attributable like every change of a case.
 *
 * Never edit this file once merged: later schema changes are new migrations.
 */
export class ProviderCatalogue1768000000000 implements MigrationInterface {
  name = 'ProviderCatalogue1768000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "aanbod" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "aanbieder_code" character varying(40) NOT NULL,
        "aanbieder_name" character varying(160) NOT NULL,
        "name" character varying(160) NOT NULL,
        "kind" character varying(32) NOT NULL,
        "route" character varying(16) NOT NULL,
        "funders" text array NOT NULL,
        "region" character varying(40) NOT NULL,
        "wijken" text array NOT NULL,
        "sectors" text array NOT NULL,
        "age_from" smallint NOT NULL,
        "age_to" smallint NOT NULL,
        "capacity" integer NOT NULL,
        "places_taken" integer NOT NULL DEFAULT 0,
        "intake_routes" text array NOT NULL,
        "contact_role" character varying(32) NOT NULL,
        "contact_mailbox" character varying(254) NOT NULL,
        "contact_phone" character varying(20),
        "description" character varying(1000),
        "version" integer NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "created_by" jsonb NOT NULL,
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "updated_by" jsonb NOT NULL,
        "retired_at" TIMESTAMP WITH TIME ZONE,
        "retired_by" jsonb,
        "retire_reason" character varying(1000),
        CONSTRAINT "pk_aanbod" PRIMARY KEY ("id"),
        CONSTRAINT "ck_aanbod_capacity" CHECK ("capacity" >= 0),
        CONSTRAINT "ck_aanbod_places_taken" CHECK ("places_taken" >= 0),
        CONSTRAINT "ck_aanbod_ages" CHECK ("age_from" <= "age_to"),
        CONSTRAINT "ck_aanbod_version" CHECK ("version" > 0),
        CONSTRAINT "ck_aanbod_retired" CHECK (("retired_at" IS NULL) = ("retired_by" IS NULL) AND ("retired_at" IS NULL) = ("retire_reason" IS NULL))
      )`);
    // The list's keyset (name, id) over what is still offered; filters on region and kind; an aanbieder's aanbod.
    await queryRunner.query(`CREATE INDEX "ix_aanbod_list" ON "aanbod" ("name", "id") WHERE retired_at IS NULL`);
    await queryRunner.query(`CREATE INDEX "ix_aanbod_region_kind" ON "aanbod" ("region", "kind")`);
    await queryRunner.query(`CREATE INDEX "ix_aanbod_aanbieder" ON "aanbod" ("aanbieder_code")`);

    await queryRunner.query(`ALTER TABLE "audit_log" ADD "aanbod_id" uuid`);
    await queryRunner.query(`CREATE INDEX "ix_audit_log_aanbod" ON "audit_log" ("aanbod_id", "occurred_at") WHERE aanbod_id IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_audit_log_aanbod"`);
    await queryRunner.query(`ALTER TABLE "audit_log" DROP COLUMN "aanbod_id"`);
    await queryRunner.query(`DROP TABLE "aanbod"`);
  }
}
