import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { NotificationEntity } from './notification.entity';
import { WebhookSubscriptionEntity } from './webhook-subscription.entity';

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;

/**
 * One notification for one subscription, delivered by its own workflow (`webhook-delivery-<id>`).
 * (notification_id, subscription_id) is unique, so a retried recordNotification never creates a second
 * delivery. last_error says what went wrong (HTTP status, timeout), never what was sent.
 */
@Entity({ name: 'webhook_delivery' })
@Unique('uq_webhook_delivery_notification_subscription', ['notificationId', 'subscriptionId'])
@Index('ix_webhook_delivery_subscription', ['subscriptionId'])
@Check('ck_webhook_delivery_status', `"status" IN ('pending', 'delivered', 'failed')`)
export class WebhookDeliveryEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_webhook_delivery' })
  id!: string;

  @Column({ name: 'notification_id', type: 'uuid' })
  notificationId!: string;

  @ManyToOne(() => NotificationEntity, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'notification_id', foreignKeyConstraintName: 'fk_webhook_delivery_notification' })
  notification?: NotificationEntity;

  @Column({ name: 'subscription_id', type: 'uuid' })
  subscriptionId!: string;

  @ManyToOne(() => WebhookSubscriptionEntity, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'subscription_id', foreignKeyConstraintName: 'fk_webhook_delivery_subscription' })
  subscription?: WebhookSubscriptionEntity;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status!: (typeof WEBHOOK_DELIVERY_STATUSES)[number];

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'last_error', type: 'varchar', length: 300, nullable: true })
  lastError!: string | null;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
