import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The read model as the entities in ../entities declare it: referral, case_event and audit_log.
 * Hand-written (not generated) so every constraint and index has an explicit name; the migration
 * spec checks that TypeORM's schema diff against the entities is empty afterwards.
 *
 * Never edit this file once merged: later schema changes are new migrations.
 */
export class ReadModel1764000000000 implements MigrationInterface {
  name = 'ReadModel1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "referral" (
        "id" uuid NOT NULL,
        "stage" character varying(32) NOT NULL,
        "arrangement_status" character varying(32),
        "child_ref" character varying(64) NOT NULL,
        "school_brin" character varying(8) NOT NULL,
        "school_sector" character varying(8) NOT NULL,
        "region" character varying(40) NOT NULL,
        "thuiszitter" boolean NOT NULL,
        "thuiszitter_since" date,
        "route" character varying(16),
        "provider_id" character varying(40),
        "regisseur_id" character varying(200),
        "evaluation_due_at" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "closed_at" TIMESTAMP WITH TIME ZONE,
        "version" integer NOT NULL,
        CONSTRAINT "pk_referral" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_referral_created_keyset" ON "referral" ("created_at", "id")`);
    await queryRunner.query(`CREATE INDEX "ix_referral_region_stage" ON "referral" ("region", "stage")`);
    await queryRunner.query(`CREATE INDEX "ix_referral_school" ON "referral" ("school_brin")`);
    await queryRunner.query(`CREATE INDEX "ix_referral_regisseur" ON "referral" ("regisseur_id")`);
    await queryRunner.query(`CREATE INDEX "ix_referral_provider" ON "referral" ("provider_id")`);

    // gen_random_uuid() is built into PostgreSQL 13+, so the migration needs no extension (and no
    // superuser); the data source sets uuidExtension 'pgcrypto' so TypeORM expects the same default.
    await queryRunner.query(`
      CREATE TABLE "case_event" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "referral_id" uuid NOT NULL,
        "seq" integer NOT NULL,
        "type" character varying(64) NOT NULL,
        "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "actor_sub" character varying(200) NOT NULL,
        "actor_role" character varying(16) NOT NULL,
        "actor_org" character varying(40),
        "request_id" character varying(100),
        "stage" character varying(32) NOT NULL,
        "data" jsonb NOT NULL,
        CONSTRAINT "pk_case_event" PRIMARY KEY ("id"),
        CONSTRAINT "uq_case_event_referral_seq" UNIQUE ("referral_id", "seq")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_case_event_occurred" ON "case_event" ("occurred_at")`);

    await queryRunner.query(`
      CREATE TABLE "audit_log" (
        "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
        "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "actor_sub" character varying(200) NOT NULL,
        "actor_role" character varying(16) NOT NULL,
        "actor_org" character varying(40),
        "action" character varying(64) NOT NULL,
        "referral_id" uuid,
        "event_seq" integer,
        "request_id" character varying(100),
        CONSTRAINT "pk_audit_log" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_audit_log_referral" ON "audit_log" ("referral_id", "occurred_at")`);
    // Partial: reads (issue 5) have no event_seq and may repeat; a projected change appears once per case.
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_audit_log_referral_event" ON "audit_log" ("referral_id", "event_seq") WHERE event_seq IS NOT NULL`,
    );

    // AVG accountability: the audit log must show every access and change as it happened, so no
    // client - not even the application's own role - may rewrite or remove a row. TRUNCATE bypasses
    // row triggers and gets its own statement trigger. Issue 5 adds the one permitted change
    // (anonymising actor_sub after the retention period) as a new migration with a narrow, explicit
    // path through this function; it must not be done by dropping the trigger.
    await queryRunner.query(`
      CREATE FUNCTION "audit_log_refuse_change"() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP
          USING ERRCODE = 'restrict_violation',
                HINT = 'Audit entries are never changed or removed; see migration ReadModel1764000000000.';
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER "trg_audit_log_append_only"
      BEFORE UPDATE OR DELETE ON "audit_log"
      FOR EACH ROW EXECUTE FUNCTION "audit_log_refuse_change"()`);
    await queryRunner.query(`
      CREATE TRIGGER "trg_audit_log_no_truncate"
      BEFORE TRUNCATE ON "audit_log"
      FOR EACH STATEMENT EXECUTE FUNCTION "audit_log_refuse_change"()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "audit_log"`);
    await queryRunner.query(`DROP FUNCTION "audit_log_refuse_change"()`);
    await queryRunner.query(`DROP TABLE "case_event"`);
    await queryRunner.query(`DROP TABLE "referral"`);
  }
}
