import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications for the parents (issue 11 §3, §6): a wachtlijst entry that lapses is told to the role `ouder` for
 * the child, and a parent's notification list reads by child reference, which no index led with.
 *
 * Never edit this file once merged: later schema changes are new migrations.
 */
export class ParentNotifications1768400000000 implements MigrationInterface {
  name = 'ParentNotifications1768400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_notification_recipient_child" ON "notification" ("child_ref", "recipient_role", "occurred_at", "id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_notification_recipient_child"`);
  }
}
