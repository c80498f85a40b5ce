import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Personal details stored once (issue 5 §3): one row per child, outside the read model's case rows, so
 * retention can remove them on their own and nothing else has to change to keep a name out of it.
 *
 * Never edit this file once merged: later schema changes are new migrations.
 */
export class PersonalDetails1767500000000 implements MigrationInterface {
  name = 'PersonalDetails1767500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "child_personal_details" (
        "child_ref" character varying(64) NOT NULL,
        "details" jsonb NOT NULL,
        "version" integer NOT NULL,
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "updated_by" jsonb NOT NULL,
        CONSTRAINT "pk_child_personal_details" PRIMARY KEY ("child_ref"),
        CONSTRAINT "ck_child_personal_details_version" CHECK ("version" > 0)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "child_personal_details"`);
  }
}
