import type { DataSource } from 'typeorm';
import type { Role } from '@schakel/domain';

/**
 * One notification as the referral workflow records it. Structurally the workflows contract's
 * `NotificationInput`; declared here with domain types so persistence does not depend on workflows
 * (ADR 0002).
 */
export interface NotificationRecordInput {
  notificationId: string;
  referralId?: string;
  childRef?: string;
  transitionId?: string;
  kind: 'reminder' | 'escalation' | 'thuiszitter' | 'overstap';
  rule: string;
  level: number;
  dueAt: string;
  occurredAt: string;
  recipient: { role: Role; org?: string; region?: string; sub?: string };
  message: string;
}

export interface NotificationRecordResult {
  /** False when a notification with this id was already on record (a retried activity). */
  notificationWritten: boolean;
  /** Deliveries created by this call. */
  deliveriesCreated: number;
  /** Every delivery of this notification still pending, new or from an earlier attempt. */
  pendingDeliveryIds: string[];
}

/** Everything one delivery attempt needs: where to, with which secret, and what. */
export interface WebhookDeliveryTarget {
  deliveryId: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  subscription: { id: string; url: string; secret: string; disabled: boolean };
  notification: NotificationRecordInput;
}

const INSERT_NOTIFICATION = `
  INSERT INTO notification (id, referral_id, kind, rule, level, due_at, occurred_at, recipient_role, recipient_org,
    recipient_region, recipient_sub, message, child_ref, transition_id)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
  ON CONFLICT (id) DO NOTHING
  RETURNING id`;

// The stored row decides the addressee, not the input: a retry can never widen who receives it.
// Addressed to an organisation: that organisation's webhooks (a school board's 4-character code also
// covers its vestigingen, as in the referral scope). Addressed to a role in a region (loket,
// leerplicht, gemeente): webhooks registered by that role in that region. To a person only: none, as
// the person's organisation is not known here.
const INSERT_DELIVERIES = `
  INSERT INTO webhook_delivery (notification_id, subscription_id)
  SELECT n.id, s.id
  FROM notification n
  JOIN webhook_subscription s ON s.disabled_at IS NULL AND (
    (n.recipient_org IS NOT NULL AND (s.org = n.recipient_org OR (s.role = 'school' AND length(s.org) = 4 AND left(n.recipient_org, 4) = s.org)))
    OR (n.recipient_org IS NULL AND n.recipient_region IS NOT NULL AND s.role = n.recipient_role AND s.region = n.recipient_region)
  )
  WHERE n.id = $1
  ORDER BY s.created_at, s.id
  ON CONFLICT (notification_id, subscription_id) DO NOTHING
  RETURNING id`;

const PENDING_DELIVERIES = `SELECT id FROM webhook_delivery WHERE notification_id = $1 AND status = 'pending' ORDER BY created_at, id`;

const LOAD_DELIVERY = `
  SELECT d.id AS delivery_id, d.status, d.attempts,
    s.id AS subscription_id, s.url, s.secret, s.disabled_at,
    n.id AS notification_id, n.referral_id, n.kind, n.rule, n.level, n.due_at, n.occurred_at,
    n.recipient_role, n.recipient_org, n.recipient_region, n.recipient_sub, n.message, n.child_ref, n.transition_id
  FROM webhook_delivery d
  JOIN notification n ON n.id = d.notification_id
  JOIN webhook_subscription s ON s.id = d.subscription_id
  WHERE d.id = $1`;

interface DeliveryRow {
  delivery_id: string;
  status: WebhookDeliveryTarget['status'];
  attempts: number;
  subscription_id: string;
  url: string;
  secret: string;
  disabled_at: Date | null;
  notification_id: string;
  referral_id: string | null;
  child_ref: string | null;
  transition_id: string | null;
  kind: NotificationRecordInput['kind'];
  rule: string;
  level: number;
  due_at: Date;
  occurred_at: Date;
  recipient_role: Role;
  recipient_org: string | null;
  recipient_region: string | null;
  recipient_sub: string | null;
  message: string;
}

/**
 * The worker's side of notifications and webhook deliveries. Every write is idempotent or guarded by
 * the delivery's status, because Temporal may run any activity more than once.
 */
export class NotificationStore {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Records the notification (once per id) and one pending delivery per matching active webhook (once
   * per pair), in one transaction.
   */
  async record(input: NotificationRecordInput): Promise<NotificationRecordResult> {
    const { recipient } = input;
    return this.dataSource.transaction(async (manager) => {
      const written = await manager.query<unknown[]>(INSERT_NOTIFICATION, [
        input.notificationId,
        input.referralId ?? null,
        input.kind,
        input.rule,
        input.level,
        input.dueAt,
        input.occurredAt,
        recipient.role,
        recipient.org ?? null,
        recipient.region ?? null,
        recipient.sub ?? null,
        input.message,
        input.childRef ?? null,
        input.transitionId ?? null,
      ]);
      const created = await manager.query<unknown[]>(INSERT_DELIVERIES, [input.notificationId]);
      const pending = await manager.query<{ id: string }[]>(PENDING_DELIVERIES, [input.notificationId]);
      return { notificationWritten: written.length > 0, deliveriesCreated: created.length, pendingDeliveryIds: pending.map((row) => row.id) };
    });
  }

  async loadDelivery(deliveryId: string): Promise<WebhookDeliveryTarget | null> {
    const [row] = await this.dataSource.query<DeliveryRow[]>(LOAD_DELIVERY, [deliveryId]);
    return row === undefined ? null : toTarget(row);
  }

  /** Counts an attempt about to be made; null when the delivery is no longer pending. */
  async beginAttempt(deliveryId: string): Promise<number | null> {
    const rows = await this.update<{ attempts: number }>(
      `UPDATE webhook_delivery SET attempts = attempts + 1 WHERE id = $1 AND status = 'pending' RETURNING attempts`,
      [deliveryId],
    );
    return rows[0]?.attempts ?? null;
  }

  /** Why the last attempt failed: a status code or a network condition, never what was sent. */
  async recordFailedAttempt(deliveryId: string, error: string): Promise<void> {
    await this.update(`UPDATE webhook_delivery SET last_error = $2 WHERE id = $1 AND status = 'pending'`, [deliveryId, error.slice(0, 300)]);
  }

  /** Pending → delivered; false when it was not pending (already delivered or given up). */
  async markDelivered(deliveryId: string): Promise<boolean> {
    const rows = await this.update(
      `UPDATE webhook_delivery SET status = 'delivered', delivered_at = now(), last_error = NULL WHERE id = $1 AND status = 'pending' RETURNING id`,
      [deliveryId],
    );
    return rows.length > 0;
  }

  /** Pending → failed; a delivered delivery is never moved back. */
  async markFailed(deliveryId: string, reason?: string): Promise<boolean> {
    const rows = await this.update(
      `UPDATE webhook_delivery SET status = 'failed', last_error = COALESCE($2, last_error) WHERE id = $1 AND status = 'pending' RETURNING id`,
      [deliveryId, reason?.slice(0, 300) ?? null],
    );
    return rows.length > 0;
  }

  /** An UPDATE's returned rows (TypeORM's plain query() answers UPDATE with [rows, count]). */
  private async update<T = unknown>(sql: string, parameters: unknown[]): Promise<T[]> {
    const runner = this.dataSource.createQueryRunner();
    try {
      const result = await runner.query(sql, parameters, true);
      return result.records as T[];
    } finally {
      await runner.release();
    }
  }
}

function toTarget(row: DeliveryRow): WebhookDeliveryTarget {
  const recipient: NotificationRecordInput['recipient'] = { role: row.recipient_role };
  if (row.recipient_org !== null) recipient.org = row.recipient_org;
  if (row.recipient_region !== null) recipient.region = row.recipient_region;
  if (row.recipient_sub !== null) recipient.sub = row.recipient_sub;
  const subject: Pick<NotificationRecordInput, 'referralId' | 'childRef' | 'transitionId'> = {};
  if (row.referral_id !== null) subject.referralId = row.referral_id;
  if (row.child_ref !== null) subject.childRef = row.child_ref;
  if (row.transition_id !== null) subject.transitionId = row.transition_id;
  return {
    deliveryId: row.delivery_id,
    status: row.status,
    attempts: row.attempts,
    subscription: { id: row.subscription_id, url: row.url, secret: row.secret, disabled: row.disabled_at !== null },
    notification: {
      notificationId: row.notification_id,
      ...subject,
      kind: row.kind,
      rule: row.rule,
      level: row.level,
      dueAt: row.due_at.toISOString(),
      occurredAt: row.occurred_at.toISOString(),
      recipient,
      message: row.message,
    },
  };
}
