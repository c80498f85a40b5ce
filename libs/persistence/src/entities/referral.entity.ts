import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ArrangementStatus, ReferralStage, SchoolSector, ToewijzingRequest } from '@schakel/domain';

/**
 * Read-model row of one referral, projected by the worker from the referral workflow. Holds ids,
 * codes and dates for work lists and scoping; the case's content stays in the workflow.
 */
@Entity({ name: 'referral' })
@Index('ix_referral_created_keyset', ['createdAt', 'id'])
@Index('ix_referral_region_stage', ['region', 'stage'])
// One keyset index per work-list scope (migration WorkListKeysets1767650000000, issue 7 §3).
@Index('ix_referral_region_keyset', ['region', 'createdAt', 'id'])
@Index('ix_referral_school_keyset', ['schoolBrin', 'createdAt', 'id'])
@Index('ix_referral_regisseur_keyset', ['regisseurId', 'createdAt', 'id'])
@Index('ix_referral_provider_keyset', ['providerId', 'createdAt', 'id'])
// On (left(school_brin, 4), created_at, id): an expression TypeORM cannot declare, so the migration owns it.
@Index('ix_referral_board_keyset', { synchronize: false })
// Partial indexes of migration ReferralDeadlines1767000000000: the overdue list and the thuiszitter monitor.
@Index('ix_referral_overdue_keyset', ['overdueSince', 'id'], { where: 'overdue_since IS NOT NULL AND closed_at IS NULL' })
@Index('ix_referral_region_overdue_keyset', ['region', 'overdueSince', 'id'], { where: 'overdue_since IS NOT NULL AND closed_at IS NULL' })
@Index('ix_referral_open_thuiszitters', ['region', 'thuiszitterSince'], { where: 'thuiszitter AND closed_at IS NULL' })
@Index('ix_referral_retention', ['closedAt'], { where: 'closed_at IS NOT NULL AND anonymised_at IS NULL' })
export class ReferralEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_referral' })
  id!: string;

  @Column({ type: 'varchar', length: 32 })
  stage!: ReferralStage;

  @Column({ name: 'arrangement_status', type: 'varchar', length: 32, nullable: true })
  arrangementStatus!: ArrangementStatus | null;

  @Column({ name: 'child_ref', type: 'varchar', length: 64 })
  childRef!: string;

  @Column({ name: 'school_brin', type: 'varchar', length: 8 })
  schoolBrin!: string;

  @Column({ name: 'school_sector', type: 'varchar', length: 8 })
  schoolSector!: SchoolSector;

  @Column({ type: 'varchar', length: 40 })
  region!: string;

  @Column({ type: 'boolean' })
  thuiszitter!: boolean;

  @Column({ name: 'thuiszitter_since', type: 'date', nullable: true })
  thuiszitterSince!: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  route!: ToewijzingRequest['route'] | null;

  @Column({ name: 'provider_id', type: 'varchar', length: 40, nullable: true })
  providerId!: string | null;

  @Column({ name: 'regisseur_id', type: 'varchar', length: 200, nullable: true })
  regisseurId!: string | null;

  @Column({ name: 'evaluation_due_at', type: 'timestamptz', nullable: true })
  evaluationDueAt!: Date | null;

  /** The deadline policy version the case started under; '' for rows projected before issue 3. */
  @Column({ name: 'policy_version', type: 'varchar', length: 40, default: '' })
  policyVersion!: string;

  /** Highest escalation level among the running deadlines; 0 when none has escalated. */
  @Column({ name: 'escalation_level', type: 'integer', default: 0 })
  escalationLevel!: number;

  /** Since when the longest-overdue running deadline is overdue; null when none is. */
  @Column({ name: 'overdue_since', type: 'timestamptz', nullable: true })
  overdueSince!: Date | null;

  /** The earliest due date among the running, unpaused deadlines. */
  @Column({ name: 'next_due_at', type: 'timestamptz', nullable: true })
  nextDueAt!: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  /** When the retention sweep anonymised the closed case (issue 5 §5). */
  @Column({ name: 'anonymised_at', type: 'timestamptz', nullable: true })
  anonymisedAt!: Date | null;

  /** Number of timeline events projected; a projection only replaces the row if it is newer. */
  @Column({ type: 'integer' })
  version!: number;
}
