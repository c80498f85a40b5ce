import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A notification about a child's plan (issue 4: an overstap announced, refused or escalating) names
 * the child's pseudonymous reference and the overstap instead of a referral. Every notification names
 * one of the two.
 *
 * Never edit this file once merged: later schema changes are new migrations.
 */
export class ChildPlanNotifications1767200000000 implements MigrationInterface {
  name = 'ChildPlanNotifications1767200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notification" ALTER COLUMN "referral_id" DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE "notification" ADD "child_ref" character varying(64)`);
    await queryRunner.query(`ALTER TABLE "notification" ADD "transition_id" character varying(20)`);
    await queryRunner.query(`ALTER TABLE "notification" ADD CONSTRAINT "ck_notification_subject" CHECK ("referral_id" IS NOT NULL OR "child_ref" IS NOT NULL)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notification" DROP CONSTRAINT "ck_notification_subject"`);
    await queryRunner.query(`ALTER TABLE "notification" DROP COLUMN "transition_id"`);
    await queryRunner.query(`ALTER TABLE "notification" DROP COLUMN "child_ref"`);
    await queryRunner.query(`DELETE FROM "notification" WHERE "referral_id" IS NULL`);
    await queryRunner.query(`ALTER TABLE "notification" ALTER COLUMN "referral_id" SET NOT NULL`);
  }
}
