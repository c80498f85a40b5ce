import { createHmac } from 'node:crypto';
import { webhookUrlProblem } from '@schakel/domain';
import type { WebhookDeliveryTarget } from '@schakel/persistence';

/** Headers of a webhook POST; the receiver verifies the signature and deduplicates on the delivery id. */
export const WEBHOOK_HEADERS = {
  deliveryId: 'Schakel-Delivery-Id',
  timestamp: 'Schakel-Timestamp',
  signature: 'Schakel-Signature',
} as const;

/** A receiver that does not answer within this long is treated as failed, and retried later. */
export const WEBHOOK_TIMEOUT_MS = 10_000;

/** The JSON a receiver gets: ids, codes, dates and the short Dutch message; never a name, BSN or birth date. */
export interface WebhookPayload {
  id: string;
  deliveryId: string;
  kind: string;
  rule: string;
  level: number;
  /** The referral, or for a child plan's notice the child's pseudonymous reference and the overstap. */
  referralId?: string;
  childRef?: string;
  transitionId?: string;
  dueAt: string;
  occurredAt: string;
  recipient: { role: string; org?: string; region?: string; sub?: string };
  message: string;
}

export interface SignedWebhookRequest {
  body: string;
  headers: Record<string, string>;
}

export type WebhookAttemptResult =
  /** 2xx. */
  | { kind: 'accepted'; status: number }
  /** Anything else, or no answer in time: worth another attempt. */
  | { kind: 'rejected'; reason: string }
  /** The URL breaks the rules (e.g. plain http in production): no attempt was made, none will help. */
  | { kind: 'refused'; reason: string };

/**
 * `v1=` + hex HMAC-SHA256 over `<timestamp>.<body>` with the subscription's secret. Signing the
 * timestamp with the body lets a receiver refuse replays of an old request (Stripe's scheme).
 */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex')}`;
}

export function webhookPayload(target: WebhookDeliveryTarget): WebhookPayload {
  const n = target.notification;
  return {
    id: n.notificationId,
    deliveryId: target.deliveryId,
    kind: n.kind,
    rule: n.rule,
    level: n.level,
    ...(n.referralId === undefined ? {} : { referralId: n.referralId }),
    ...(n.childRef === undefined ? {} : { childRef: n.childRef }),
    ...(n.transitionId === undefined ? {} : { transitionId: n.transitionId }),
    dueAt: n.dueAt,
    occurredAt: n.occurredAt,
    recipient: n.recipient,
    message: n.message,
  };
}

/** The body and headers of one attempt, signed at `now` (a retry is signed afresh with its own timestamp). */
export function signedWebhookRequest(target: WebhookDeliveryTarget, now: Date): SignedWebhookRequest {
  const body = JSON.stringify(webhookPayload(target));
  const timestamp = String(Math.floor(now.getTime() / 1000));
  return {
    body,
    headers: {
      'Content-Type': 'application/json',
      'User-Agent': 'Schakel-Webhooks/1',
      [WEBHOOK_HEADERS.deliveryId]: target.deliveryId,
      [WEBHOOK_HEADERS.timestamp]: timestamp,
      [WEBHOOK_HEADERS.signature]: webhookSignature(target.subscription.secret, timestamp, body),
    },
  };
}

export interface WebhookSenderOptions {
  /** Plain http to 127.0.0.1/localhost, for receivers on the same machine; false in production. */
  allowLoopbackHttp: boolean;
  timeoutMs?: number;
}

/** POSTs one signed webhook request. Reports what happened in words safe to log: no URL, no payload. */
export class WebhookSender {
  constructor(private readonly options: WebhookSenderOptions) {}

  async post(url: string, request: SignedWebhookRequest): Promise<WebhookAttemptResult> {
    // Checked again at sending time: a row written under other rules (another SCHAKEL_ENV) is not sent.
    const problem = webhookUrlProblem(url, { allowLoopbackHttp: this.options.allowLoopbackHttp });
    if (problem !== undefined) return { kind: 'refused', reason: `webhook URL refused: ${problem}` };
    const timeoutMs = this.options.timeoutMs ?? WEBHOOK_TIMEOUT_MS;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: request.headers,
        body: request.body,
        // A redirect could lead the signed payload anywhere; a 3xx is a failed attempt instead.
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      // The answer's body is not needed; reading it to the end frees the connection.
      await response.arrayBuffer().catch(() => undefined);
      if (response.status >= 200 && response.status < 300) return { kind: 'accepted', status: response.status };
      return { kind: 'rejected', reason: `receiver answered HTTP ${response.status}` };
    } catch (error) {
      return { kind: 'rejected', reason: describeNetworkError(error, timeoutMs) };
    }
  }
}

function describeNetworkError(error: unknown, timeoutMs: number): string {
  // Duck-typed rather than instanceof: fetch's errors may come from another realm (e.g. under jest).
  const name = fieldOf(error, 'name');
  if (name === 'TimeoutError' || name === 'AbortError') return `no answer within ${timeoutMs / 1000} s`;
  // fetch wraps socket errors in a TypeError whose cause carries the code (ECONNREFUSED, ENOTFOUND…);
  // the cause's message names host and port, so only the code is kept.
  const code = fieldOf(typeof error === 'object' && error !== null && 'cause' in error ? error.cause : undefined, 'code');
  return code === undefined ? 'network error' : `network error (${code})`;
}

function fieldOf(value: unknown, field: 'name' | 'code'): string | undefined {
  if (typeof value !== 'object' || value === null || !(field in value)) return undefined;
  const found: unknown = (value as Record<string, unknown>)[field];
  return typeof found === 'string' ? found : undefined;
}
