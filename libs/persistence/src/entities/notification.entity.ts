import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Role } from '@schakel/domain';

/**
 * A reminder, escalation or thuiszitter notice for one addressee (issue 3 §5), recorded by the
 * worker's recordNotification activity. The id is chosen by the workflow, so a retried activity finds
 * the row instead of adding a second. Addressed to a person (recipient_sub) or to a role within an
 * organisation or a region, or (recipient_role `ouder`) to whoever acts for the child of child_ref; the message
 * holds ids, rule and due date only, never a name, BSN or birth date.
 */
@Entity({ name: 'notification' })
@Check('ck_notification_subject', '"referral_id" IS NOT NULL OR "child_ref" IS NOT NULL')
@Index('ix_notification_recipient_sub', ['recipientSub', 'occurredAt', 'id'])
@Index('ix_notification_recipient_org', ['recipientOrg', 'recipientRole', 'occurredAt', 'id'])
@Index('ix_notification_recipient_region', ['recipientRegion', 'recipientRole', 'occurredAt', 'id'])
@Index('ix_notification_recipient_child', ['childRef', 'recipientRole', 'occurredAt', 'id'])
@Index('ix_notification_referral', ['referralId'])
export class NotificationEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_notification' })
  id!: string;

  /** Null for a child plan's notice, which names the child and the overstap instead (issue 4). */
  @Column({ name: 'referral_id', type: 'uuid', nullable: true })
  referralId!: string | null;

  @Column({ name: 'child_ref', type: 'varchar', length: 64, nullable: true })
  childRef!: string | null;

  @Column({ name: 'transition_id', type: 'varchar', length: 20, nullable: true })
  transitionId!: string | null;

  /** reminder | escalation | thuiszitter | overstap */
  @Column({ type: 'varchar', length: 16 })
  kind!: string;

  /** The deadline policy's rule id, e.g. `toewijzing`. */
  @Column({ type: 'varchar', length: 64 })
  rule!: string;

  @Column({ type: 'integer' })
  level!: number;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt!: Date;

  /** Workflow time of the reminder or escalation. */
  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ name: 'recipient_role', type: 'varchar', length: 16 })
  recipientRole!: Role;

  @Column({ name: 'recipient_org', type: 'varchar', length: 40, nullable: true })
  recipientOrg!: string | null;

  @Column({ name: 'recipient_region', type: 'varchar', length: 40, nullable: true })
  recipientRegion!: string | null;

  @Column({ name: 'recipient_sub', type: 'varchar', length: 200, nullable: true })
  recipientSub!: string | null;

  @Column({ type: 'text' })
  message!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
