import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bewaartermijnen (issue 5 §5): when a closed referral was anonymised, and an index that finds the closed,
 * not yet anonymised cases oldest first for the retention sweep.
 *
 * Never edit this file once merged: later schema changes are new migrations.
 */
export class Retention1767400000000 implements MigrationInterface {
  name = 'Retention1767400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "referral" ADD "anonymised_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`CREATE INDEX "ix_referral_retention" ON "referral" ("closed_at") WHERE closed_at IS NOT NULL AND anonymised_at IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_referral_retention"`);
    await queryRunner.query(`ALTER TABLE "referral" DROP COLUMN "anonymised_at"`);
  }
}
