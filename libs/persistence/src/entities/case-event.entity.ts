import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { ActorRef, ReferralEventType, ReferralStage } from '@schakel/domain';

/** One entry of a case's timeline, as projected from the workflow. (referral_id, seq) makes retries harmless. */
@Entity({ name: 'case_event' })
@Unique('uq_case_event_referral_seq', ['referralId', 'seq'])
@Index('ix_case_event_occurred', ['occurredAt'])
export class CaseEventEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_case_event' })
  id!: string;

  @Column({ name: 'referral_id', type: 'uuid' })
  referralId!: string;

  @Column({ type: 'integer' })
  seq!: number;

  @Column({ type: 'varchar', length: 64 })
  type!: ReferralEventType;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ name: 'actor_sub', type: 'varchar', length: 200 })
  actorSub!: string;

  @Column({ name: 'actor_role', type: 'varchar', length: 16 })
  actorRole!: ActorRef['role'];

  @Column({ name: 'actor_org', type: 'varchar', length: 40, nullable: true })
  actorOrg!: string | null;

  @Column({ name: 'request_id', type: 'varchar', length: 100, nullable: true })
  requestId!: string | null;

  @Column({ type: 'varchar', length: 32 })
  stage!: ReferralStage;

  @Column({ type: 'jsonb' })
  data!: Record<string, unknown>;
}
