import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '@schakel/domain';

/**
 * An organisation's webhook: each notification addressed to the organisation is POSTed to `url`,
 * signed with `secret` (HMAC-SHA256). The secret is stored because signing needs it, and is never
 * returned by the API after creation. Removing a webhook sets disabled_at; the row stays, so past
 * deliveries keep their subscription.
 */
@Entity({ name: 'webhook_subscription' })
@Index('ix_webhook_subscription_org', ['org'])
@Index('ix_webhook_subscription_role_region', ['role', 'region'])
export class WebhookSubscriptionEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_webhook_subscription' })
  id!: string;

  /** The organisation (token `org`) that registered it and whose notifications it receives. */
  @Column({ type: 'varchar', length: 40 })
  org!: string;

  /** Role of the registering token: with `region`, it receives notifications addressed to that role in that region. */
  @Column({ type: 'varchar', length: 16 })
  role!: Role;

  @Column({ type: 'varchar', length: 40, nullable: true })
  region!: string | null;

  @Column({ type: 'varchar', length: 2000 })
  url!: string;

  @Column({ type: 'varchar', length: 256 })
  secret!: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  description!: string | null;

  /** Subject (sub) of the person who registered it. */
  @Column({ name: 'created_by', type: 'varchar', length: 200 })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true })
  disabledAt!: Date | null;
}
