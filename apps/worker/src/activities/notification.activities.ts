import { Injectable, Logger } from '@nestjs/common';
import { ApplicationFailure } from '@temporalio/activity';
import { NotificationStore, type WebhookDeliveryTarget } from '@schakel/persistence';
import type {
  NotificationActivities,
  NotificationInput,
  WebhookDeliveryActivities,
  WebhookDeliveryOutcome,
  WebhookDeliveryStatus,
} from '@schakel/workflows/contracts';
import { notificationInputProblems } from '../notifications/notification-input.schema';
import { WebhookDeliveryScheduler } from '../notifications/webhook-delivery.scheduler';
import { signedWebhookRequest, WebhookSender } from '../notifications/webhook.sender';
import { toReadModelFailure } from './read-model.failure';

/**
 * Notifications and their webhook deliveries (issue 3 §5). `recordNotification` is called by the
 * referral workflow; `deliverWebhook` and `markDelivery` by one webhookDeliveryWorkflow per delivery.
 * Every method is safe to run twice. Logs carry ids, codes and counts only, never message text.
 */
@Injectable()
export class NotificationActivitiesProvider implements NotificationActivities, WebhookDeliveryActivities {
  private readonly logger = new Logger('NotificationActivities');

  constructor(
    private readonly store: NotificationStore,
    private readonly scheduler: WebhookDeliveryScheduler,
    private readonly sender: WebhookSender,
  ) {}

  /**
   * Records the notification once (its id is the workflow's), creates one delivery per matching active
   * webhook once, and starts each pending delivery's workflow (at most one per delivery). A retry
   * after a crash between the commit and the starts finds the pending deliveries and starts them.
   */
  async recordNotification(input: NotificationInput): Promise<void> {
    const problems = notificationInputProblems(input);
    if (problems.length > 0) {
      throw ApplicationFailure.nonRetryable(`notification refused: invalid ${problems.join(', ')}`, 'InvalidNotification');
    }
    const recorded = await this.readModel(() => this.store.record(input));
    for (const deliveryId of recorded.pendingDeliveryIds) await this.scheduler.start(deliveryId);
    this.logger.log(
      `notification ${input.notificationId} (${input.kind} ${input.rule} level ${input.level}, ${input.referralId === undefined ? `child plan ${input.transitionId ?? ""}` : `referral ${input.referralId}`}, to ${input.recipient.role}): ` +
        `${recorded.notificationWritten ? 'recorded' : 'already on record'}, ${recorded.deliveriesCreated} new webhook deliver${recorded.deliveriesCreated === 1 ? 'y' : 'ies'}, ` +
        `${recorded.pendingDeliveryIds.length} pending`,
    );
  }

  /**
   * One attempt. Sends nothing when the delivery is already delivered, given up, or its webhook was
   * removed; otherwise POSTs the signed notification and records the outcome before answering, so a
   * later retry of this activity sees `delivered` and does not send again.
   */
  async deliverWebhook(deliveryId: string): Promise<WebhookDeliveryOutcome> {
    const target = await this.readModel(() => this.store.loadDelivery(deliveryId));
    if (target === null) throw ApplicationFailure.nonRetryable(`webhook delivery ${deliveryId} not found`, 'WebhookDeliveryNotFound');
    const settled = settledOutcome(target);
    if (settled !== undefined) return settled;
    if (target.subscription.disabled) {
      await this.readModel(() => this.store.recordFailedAttempt(deliveryId, 'webhook removed before delivery'));
      return 'subscription_disabled';
    }

    const attempt = await this.readModel(() => this.store.beginAttempt(deliveryId));
    if (attempt === null) {
      // Settled between the read and now (another attempt finished): report that, send nothing.
      const current = await this.readModel(() => this.store.loadDelivery(deliveryId));
      return (current && settledOutcome(current)) ?? 'already_failed';
    }
    const result = await this.sender.post(target.subscription.url, signedWebhookRequest(target, new Date()));
    if (result.kind === 'accepted') {
      await this.readModel(() => this.store.markDelivered(deliveryId));
      this.logger.log(`webhook delivery ${deliveryId} (notification ${target.notification.notificationId}) accepted with HTTP ${result.status} at attempt ${attempt}`);
      return 'delivered';
    }
    await this.readModel(() => this.store.recordFailedAttempt(deliveryId, result.reason));
    this.logger.warn(`webhook delivery ${deliveryId} attempt ${attempt} failed: ${result.reason}`);
    if (result.kind === 'refused') throw ApplicationFailure.nonRetryable(result.reason, 'WebhookUrlRefused');
    throw ApplicationFailure.retryable(`webhook delivery attempt ${attempt} failed: ${result.reason}`, 'WebhookDeliveryFailed');
  }

  async markDelivery(deliveryId: string, status: Exclude<WebhookDeliveryStatus, 'pending'>): Promise<void> {
    const changed = await this.readModel(() => (status === 'delivered' ? this.store.markDelivered(deliveryId) : this.store.markFailed(deliveryId)));
    if (changed && status === 'failed') this.logger.warn(`webhook delivery ${deliveryId} given up`);
  }

  private async readModel<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      throw toReadModelFailure(error);
    }
  }
}

function settledOutcome(target: WebhookDeliveryTarget): WebhookDeliveryOutcome | undefined {
  if (target.status === 'delivered') return 'already_delivered';
  if (target.status === 'failed') return 'already_failed';
  return undefined;
}
