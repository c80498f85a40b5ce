import type { Duration } from '@temporalio/common';
import type { Role } from '@schakel/domain';

/** A reminder, escalation or notice for one addressee, as the referral and child plan workflows record it (issue 3 §5, issue 4). */
export interface NotificationInput {
  /** Deterministic id chosen by the workflow (a UUID); the same id twice is one notification. */
  notificationId: string;
  /** The referral the notice is about; absent for a child plan's notice (an overstap), which names the child instead. */
  referralId?: string;
  /** The pseudonymous child reference, for a child plan's notices (issue 4). */
  childRef?: string;
  /** The overstap a child plan's notice is about. */
  transitionId?: string;
  kind: 'reminder' | 'escalation' | 'thuiszitter' | 'overstap';
  /** The deadline rule id from the policy, e.g. 'toewijzing', 'arrangementApproval', 'thuiszitter'. */
  rule: string;
  /** Escalation level (0 for a reminder). */
  level: number;
  /** ISO instant. */
  dueAt: string;
  /** ISO instant (workflow time). */
  occurredAt: string;
  recipient: { role: Role; org?: string; region?: string; sub?: string };
  /** Short Dutch text for the recipient; never a name, BSN or birth date (only ids, stage, rule, due date). */
  message: string;
}

/** Activities behind notifications; the worker implements them. */
export interface NotificationActivities {
  recordNotification(input: NotificationInput): Promise<void>;
}

/**
 * Webhook delivery: one durable workflow per (notification, subscription) pair, started by
 * `recordNotification` for every active subscription of the addressed organisation. It retries the
 * POST with exponential backoff until the receiver answers 2xx or the schedule runs out, so a
 * notification is never lost to a receiver that is down for a while.
 */
export const WEBHOOK_DELIVERY_WORKFLOW_TYPE = 'webhookDeliveryWorkflow';

/** Workflow id of a delivery: the delivery row's random id only, no case data. */
export function webhookDeliveryWorkflowId(deliveryId: string): string {
  return `webhook-delivery-${deliveryId}`;
}

/** How long and how often a delivery is retried; durations in Temporal's format ('10 seconds', '1h', ms). */
export interface WebhookRetrySchedule {
  /** Wait before the second attempt; doubles after every failed attempt. */
  initialInterval: Duration;
  /** Upper bound of the wait between attempts. */
  maximumInterval: Duration;
  /** After this long since the first attempt, the delivery is given up and marked failed. */
  giveUpAfter: Duration;
}

/** Production schedule: attempts at 10 s, 20 s, 40 s … at most hourly, for a day. */
export const DEFAULT_WEBHOOK_RETRY_SCHEDULE: WebhookRetrySchedule = { initialInterval: '10 seconds', maximumInterval: '1 hour', giveUpAfter: '24 hours' };

export interface WebhookDeliveryWorkflowInput {
  deliveryId: string;
  /** Default DEFAULT_WEBHOOK_RETRY_SCHEDULE; tests pass one in seconds. */
  retry?: WebhookRetrySchedule;
}

export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'failed';

/**
 * What one `deliverWebhook` call found or did. A non-2xx answer or a timeout is not an outcome: the
 * activity throws a retryable failure instead, and Temporal tries again after the backoff.
 */
export type WebhookDeliveryOutcome =
  /** The receiver answered 2xx now. */
  | 'delivered'
  /** An earlier attempt was already accepted: nothing is sent twice. */
  | 'already_delivered'
  /** The delivery was given up earlier. */
  | 'already_failed'
  /** The organisation removed the webhook after the notification was recorded. */
  | 'subscription_disabled';

export interface WebhookDeliveryResult {
  deliveryId: string;
  status: Exclude<WebhookDeliveryStatus, 'pending'>;
}

/** Activities of the delivery workflow; the worker implements them next to recordNotification. */
export interface WebhookDeliveryActivities {
  /**
   * POSTs the notification, signed with the subscription's secret, unless the delivery is already
   * delivered (then it sends nothing). Throws a retryable failure for a non-2xx answer or a timeout.
   */
  deliverWebhook(deliveryId: string): Promise<WebhookDeliveryOutcome>;
  /** Records the final status; never moves a delivered delivery back. */
  markDelivery(deliveryId: string, status: Exclude<WebhookDeliveryStatus, 'pending'>): Promise<void>;
}
