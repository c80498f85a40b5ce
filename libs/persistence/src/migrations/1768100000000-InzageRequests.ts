import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Requests of inzage (AVG art. 15; issue 11 §6): each one a term of one month from receipt, extendable by two
 * (AVG art. 12(3)). The API answers at once when it can and records when; a request it could not answer stays
 * open here with its due date, for the loket and the FG to follow up (ADR 0016).
 *
 * Never edit this file once merged: later schema changes are new migrations.
 */
export class InzageRequests1768100000000 implements MigrationInterface {
  name = 'InzageRequests1768100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "inzage_request" (
        "id" uuid NOT NULL,
        "child_ref" character varying(64) NOT NULL,
        "requested_by" jsonb NOT NULL,
        "request_id" character varying(100),
        "received_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "due_on" date NOT NULL,
        "answered_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "pk_inzage_request" PRIMARY KEY ("id"),
        CONSTRAINT "ck_inzage_request_answered" CHECK ("answered_at" IS NULL OR "answered_at" >= "received_at")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_inzage_request_child" ON "inzage_request" ("child_ref", "received_at")`);
    await queryRunner.query(`CREATE INDEX "ix_inzage_request_open" ON "inzage_request" ("due_on") WHERE answered_at IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "inzage_request"`);
  }
}
