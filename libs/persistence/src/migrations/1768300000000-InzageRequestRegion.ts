import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The region of a request of inzage (issue 11 §6, ADR 0016): the child's plan's region when the request came in,
 * so the loket of that region can follow up open requests (`GET /api/inzage-requests`). Requests recorded before
 * this migration take the region of the child's latest referral; one without a referral keeps none and is seen by
 * the FG only.
 *
 * Never edit this file once merged: later schema changes are new migrations.
 */
export class InzageRequestRegion1768300000000 implements MigrationInterface {
  name = 'InzageRequestRegion1768300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "inzage_request" ADD "region" character varying(64)`);
    await queryRunner.query(`
      UPDATE "inzage_request" i SET "region" = (SELECT r.region FROM "referral" r WHERE r.child_ref = i.child_ref ORDER BY r.created_at DESC LIMIT 1)`);
    await queryRunner.query(`CREATE INDEX "ix_inzage_request_region" ON "inzage_request" ("region", "due_on", "id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_inzage_request_region"`);
    await queryRunner.query(`ALTER TABLE "inzage_request" DROP COLUMN "region"`);
  }
}
