import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ActorRef } from '@schakel/domain';

/**
 * Append-only record of who did what to which case (AVG: every read and write of a case is
 * attributable). A database trigger refuses UPDATE and DELETE. Changes are written by the worker's
 * projection (event_seq set, unique per case, so a retry adds nothing); reads and the steps on a
 * child's plan are written by the API as they happen (AuditTrail, issue 5 §4).
 */
@Entity({ name: 'audit_log' })
@Index('ix_audit_log_referral', ['referralId', 'occurredAt'])
@Index('ix_audit_log_child', ['childRef', 'occurredAt'], { where: 'child_ref IS NOT NULL' })
@Index('ix_audit_log_aanbod', ['aanbodId', 'occurredAt'], { where: 'aanbod_id IS NOT NULL' })
@Index('uq_audit_log_referral_event', ['referralId', 'eventSeq'], { unique: true, where: 'event_seq IS NOT NULL' })
export class AuditLogEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS', primaryKeyConstraintName: 'pk_audit_log' })
  id!: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' })
  recordedAt!: Date;

  @Column({ name: 'actor_sub', type: 'varchar', length: 200 })
  actorSub!: string;

  @Column({ name: 'actor_role', type: 'varchar', length: 16 })
  actorRole!: ActorRef['role'];

  @Column({ name: 'actor_org', type: 'varchar', length: 40, nullable: true })
  actorOrg!: string | null;

  /** What happened, e.g. `arrangement.approved` for a change or `referral.read` for a read. */
  @Column({ type: 'varchar', length: 64 })
  action!: string;

  @Column({ name: 'referral_id', type: 'uuid', nullable: true })
  referralId!: string | null;

  /** A child's plan (its pseudonymous reference), for reads and steps of the plan. */
  @Column({ name: 'child_ref', type: 'varchar', length: 64, nullable: true })
  childRef!: string | null;

  /** An aanbod of the provider catalogue, for its changes (issue 11 §1). */
  @Column({ name: 'aanbod_id', type: 'uuid', nullable: true })
  aanbodId!: string | null;

  @Column({ name: 'event_seq', type: 'integer', nullable: true })
  eventSeq!: number | null;

  @Column({ name: 'request_id', type: 'varchar', length: 100, nullable: true })
  requestId!: string | null;
}
