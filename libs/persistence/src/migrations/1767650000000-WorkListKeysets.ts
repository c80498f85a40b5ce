import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Work-list indexes that lead with the list's own filter (issue 7 §3). The work list is one scope (a region, a
 * school, a school board, a regisseur, a provider) in keyset order (created_at, id); with only
 * ix_referral_created_keyset, Postgres walked that index newest first and threw away every row of other scopes:
 * with 100,000 cases, thousands of rows for one page of a school (docs/performance.md). An index per scope reads
 * exactly the page, first or deep. They replace the single-column indexes on school, regisseur and provider.
 *
 * Never edit this file once merged: later schema changes are new migrations.
 */
export class WorkListKeysets1767650000000 implements MigrationInterface {
  name = 'WorkListKeysets1767650000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_referral_region_keyset" ON "referral" ("region", "created_at", "id")`);
    await queryRunner.query(`CREATE INDEX "ix_referral_school_keyset" ON "referral" ("school_brin", "created_at", "id")`);
    // A school board's token names its 4-character institution code and sees all its vestigingen (12AB01, 12AB02).
    await queryRunner.query(`CREATE INDEX "ix_referral_board_keyset" ON "referral" ((left("school_brin", 4)), "created_at", "id")`);
    await queryRunner.query(`CREATE INDEX "ix_referral_regisseur_keyset" ON "referral" ("regisseur_id", "created_at", "id")`);
    await queryRunner.query(`CREATE INDEX "ix_referral_provider_keyset" ON "referral" ("provider_id", "created_at", "id")`);
    await queryRunner.query(
      `CREATE INDEX "ix_referral_region_overdue_keyset" ON "referral" ("region", "overdue_since", "id") WHERE overdue_since IS NOT NULL AND closed_at IS NULL`,
    );
    await queryRunner.query(`DROP INDEX "ix_referral_school"`);
    await queryRunner.query(`DROP INDEX "ix_referral_regisseur"`);
    await queryRunner.query(`DROP INDEX "ix_referral_provider"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_referral_provider" ON "referral" ("provider_id")`);
    await queryRunner.query(`CREATE INDEX "ix_referral_regisseur" ON "referral" ("regisseur_id")`);
    await queryRunner.query(`CREATE INDEX "ix_referral_school" ON "referral" ("school_brin")`);
    await queryRunner.query(`DROP INDEX "ix_referral_region_overdue_keyset"`);
    await queryRunner.query(`DROP INDEX "ix_referral_provider_keyset"`);
    await queryRunner.query(`DROP INDEX "ix_referral_regisseur_keyset"`);
    await queryRunner.query(`DROP INDEX "ix_referral_board_keyset"`);
    await queryRunner.query(`DROP INDEX "ix_referral_school_keyset"`);
    await queryRunner.query(`DROP INDEX "ix_referral_region_keyset"`);
  }
}
