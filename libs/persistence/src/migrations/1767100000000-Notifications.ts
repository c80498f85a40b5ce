import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications and signed webhooks (issue 3 §5): `notification` (one row per addressee, id chosen by
 * the workflow), `webhook_subscription` (an organisation's endpoint and secret) and `webhook_delivery`
 * (one per notification and subscription, unique, so a retried activity never delivers twice).
 *
 * Never edit this file once merged: later schema changes are new migrations.
 */
export class Notifications1767100000000 implements MigrationInterface {
  name = 'Notifications1767100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "notification" (
        "id" uuid NOT NULL,
        "referral_id" uuid NOT NULL,
        "kind" character varying(16) NOT NULL,
        "rule" character varying(64) NOT NULL,
        "level" integer NOT NULL,
        "due_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "recipient_role" character varying(16) NOT NULL,
        "recipient_org" character varying(40),
        "recipient_region" character varying(40),
        "recipient_sub" character varying(200),
        "message" text NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_notification" PRIMARY KEY ("id")
      )`);
    // GET /api/me/notifications: a person's own, or those for their role in their organisation or
    // region, newest first with keyset pagination on (occurred_at, id).
    await queryRunner.query(`CREATE INDEX "ix_notification_recipient_sub" ON "notification" ("recipient_sub", "occurred_at", "id")`);
    await queryRunner.query(`CREATE INDEX "ix_notification_recipient_org" ON "notification" ("recipient_org", "recipient_role", "occurred_at", "id")`);
    await queryRunner.query(`CREATE INDEX "ix_notification_recipient_region" ON "notification" ("recipient_region", "recipient_role", "occurred_at", "id")`);
    await queryRunner.query(`CREATE INDEX "ix_notification_referral" ON "notification" ("referral_id")`);

    await queryRunner.query(`
      CREATE TABLE "webhook_subscription" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "org" character varying(40) NOT NULL,
        "role" character varying(16) NOT NULL,
        "region" character varying(40),
        "url" character varying(2000) NOT NULL,
        "secret" character varying(256) NOT NULL,
        "description" character varying(200),
        "created_by" character varying(200) NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "disabled_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "pk_webhook_subscription" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_webhook_subscription_org" ON "webhook_subscription" ("org")`);
    await queryRunner.query(`CREATE INDEX "ix_webhook_subscription_role_region" ON "webhook_subscription" ("role", "region")`);

    await queryRunner.query(`
      CREATE TABLE "webhook_delivery" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "notification_id" uuid NOT NULL,
        "subscription_id" uuid NOT NULL,
        "status" character varying(16) NOT NULL DEFAULT 'pending',
        "attempts" integer NOT NULL DEFAULT 0,
        "last_error" character varying(300),
        "delivered_at" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_webhook_delivery" PRIMARY KEY ("id"),
        CONSTRAINT "uq_webhook_delivery_notification_subscription" UNIQUE ("notification_id", "subscription_id"),
        CONSTRAINT "ck_webhook_delivery_status" CHECK ("status" IN ('pending', 'delivered', 'failed')),
        CONSTRAINT "fk_webhook_delivery_notification" FOREIGN KEY ("notification_id") REFERENCES "notification" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION,
        CONSTRAINT "fk_webhook_delivery_subscription" FOREIGN KEY ("subscription_id") REFERENCES "webhook_subscription" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION
      )`);
    await queryRunner.query(`CREATE INDEX "ix_webhook_delivery_subscription" ON "webhook_delivery" ("subscription_id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "webhook_delivery"`);
    await queryRunner.query(`DROP TABLE "webhook_subscription"`);
    await queryRunner.query(`DROP TABLE "notification"`);
  }
}
