import { ActivityFailure, proxyActivities } from '@temporalio/workflow';
import {
  DEFAULT_WEBHOOK_RETRY_SCHEDULE,
  type WebhookDeliveryActivities,
  type WebhookDeliveryResult,
  type WebhookDeliveryWorkflowInput,
} from './notification.contract';

// Recording the final status is a small database write: it retries without limit, like projections,
// so a Postgres outage delays it but never loses it.
const { markDelivery } = proxyActivities<WebhookDeliveryActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/**
 * Delivers one notification to one webhook subscription (issue 3 §5: "retried with backoff, never
 * lost, never sent twice"). The activity's retry policy is the backoff: no attempt limit, bounded by
 * the schedule-to-close timeout, after which the delivery is marked failed. The activity itself
 * refuses to send again once the delivery row says delivered, and the receiver deduplicates on the
 * Schakel-Delivery-Id header for the one window Schakel cannot close (a 2xx received, the worker
 * lost before it recorded it).
 */
export async function webhookDeliveryWorkflow(input: WebhookDeliveryWorkflowInput): Promise<WebhookDeliveryResult> {
  const schedule = input.retry ?? DEFAULT_WEBHOOK_RETRY_SCHEDULE;
  const { deliverWebhook } = proxyActivities<WebhookDeliveryActivities>({
    // One attempt is the 10 s HTTP timeout plus two small database writes.
    startToCloseTimeout: '30 seconds',
    scheduleToCloseTimeout: schedule.giveUpAfter,
    retry: {
      initialInterval: schedule.initialInterval,
      maximumInterval: schedule.maximumInterval,
      backoffCoefficient: 2,
      // A missing delivery row or a URL the rules refuse will not get better by waiting.
      nonRetryableErrorTypes: ['WebhookDeliveryNotFound', 'WebhookUrlRefused'],
    },
  });

  let status: WebhookDeliveryResult['status'];
  try {
    const outcome = await deliverWebhook(input.deliveryId);
    status = outcome === 'delivered' || outcome === 'already_delivered' ? 'delivered' : 'failed';
  } catch (error) {
    // The schedule ran out (or the failure was final): the delivery is given up, visibly.
    if (!(error instanceof ActivityFailure)) throw error;
    status = 'failed';
  }
  await markDelivery(input.deliveryId, status);
  return { deliveryId: input.deliveryId, status };
}
