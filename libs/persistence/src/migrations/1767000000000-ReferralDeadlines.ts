import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Deadlines in the read model (issue 3 §3, §6): the policy version a case started under, its highest
 * escalation level, since when it is overdue and its next due date; plus the two partial indexes
 * behind the overdue list and the thuiszitter monitor.
 *
 * Rows projected before this migration get '' / 0 / NULL until their workflow projects again.
 * Never edit this file once merged: later schema changes are new migrations.
 */
export class ReferralDeadlines1767000000000 implements MigrationInterface {
  name = 'ReferralDeadlines1767000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE "referral"
        ADD "policy_version" character varying(40) NOT NULL DEFAULT '',
        ADD "escalation_level" integer NOT NULL DEFAULT 0,
        ADD "overdue_since" TIMESTAMP WITH TIME ZONE,
        ADD "next_due_at" TIMESTAMP WITH TIME ZONE`);
    // GET /api/referrals?overdue=true: open cases only, most overdue first, keyset on (overdue_since, id).
    await queryRunner.query(
      `CREATE INDEX "ix_referral_overdue_keyset" ON "referral" ("overdue_since", "id") WHERE overdue_since IS NOT NULL AND closed_at IS NULL`,
    );
    // GET /api/monitor/thuiszitters: open thuiszitters counted per region by the date they went home.
    await queryRunner.query(
      `CREATE INDEX "ix_referral_open_thuiszitters" ON "referral" ("region", "thuiszitter_since") WHERE thuiszitter AND closed_at IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_referral_open_thuiszitters"`);
    await queryRunner.query(`DROP INDEX "ix_referral_overdue_keyset"`);
    await queryRunner.query(`
      ALTER TABLE "referral"
        DROP COLUMN "next_due_at",
        DROP COLUMN "overdue_since",
        DROP COLUMN "escalation_level",
        DROP COLUMN "policy_version"`);
  }
}
