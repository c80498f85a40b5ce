import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ActorRef } from '@schakel/domain';

/**
 * One request of inzage in a child's file (AVG art. 15; issue 11 §6) and its term: answer within one month of
 * receipt (AVG art. 12(3)). `answered_at` is set when the dossier left the API; until then the request is open.
 */
@Entity({ name: 'inzage_request' })
@Check('ck_inzage_request_answered', '"answered_at" IS NULL OR "answered_at" >= "received_at"')
@Index('ix_inzage_request_child', ['childRef', 'receivedAt'])
@Index('ix_inzage_request_open', ['dueOn'], { where: 'answered_at IS NULL' })
@Index('ix_inzage_request_region', ['region', 'dueOn', 'id'])
export class InzageRequestEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_inzage_request' })
  id!: string;

  @Column({ name: 'child_ref', type: 'varchar', length: 64 })
  childRef!: string;

  /** The ouder or jongere who asked, as their token named them (sub, role). */
  @Column({ name: 'requested_by', type: 'jsonb' })
  requestedBy!: ActorRef;

  /** The child's plan's region when the request came in: whose loket follows it up. Null for older requests without a referral. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  region!: string | null;

  @Column({ name: 'request_id', type: 'varchar', length: 100, nullable: true })
  requestId!: string | null;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;

  /** The last day of the term (Dutch calendar date). */
  @Column({ name: 'due_on', type: 'date' })
  dueOn!: string;

  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true })
  answeredAt!: Date | null;
}
