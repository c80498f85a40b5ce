import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reads and plan changes in the audit log (issue 5 §4): an entry may name a child's plan (its
 * pseudonymous reference) instead of a referral, and the audit trail is read per case and per child.
 *
 * Never edit this file once merged: later schema changes are new migrations.
 */
export class CaseAudit1767300000000 implements MigrationInterface {
  name = 'CaseAudit1767300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "audit_log" ADD "child_ref" character varying(64)`);
    await queryRunner.query(`CREATE INDEX "ix_audit_log_child" ON "audit_log" ("child_ref", "occurred_at") WHERE child_ref IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_audit_log_child"`);
    await queryRunner.query(`ALTER TABLE "audit_log" DROP COLUMN "child_ref"`);
  }
}
