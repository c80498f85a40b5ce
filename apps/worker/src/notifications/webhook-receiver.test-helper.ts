import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as a receiver saw it, with its own check of the signature. */
export interface ReceivedWebhook {
  deliveryId: string | undefined;
  timestamp: string | undefined;
  signatureValid: boolean;
  contentType: string | undefined;
  headers: IncomingHttpHeaders;
  rawBody: string;
  body: unknown;
  /** The status this receiver answered with; undefined when it never answered. */
  answeredWith: number | undefined;
}

/** What to answer to the n-th request (0-based): a status code, or 'hang' to never answer. */
export type WebhookAnswer = (request: ReceivedWebhook, index: number) => number | 'hang';

/**
 * A webhook receiver as an organisation would write one, served by the test on 127.0.0.1: it checks
 * `Schakel-Signature: v1=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>` itself (independently of
 * the sender's code) and counts accepted deliveries by `Schakel-Delivery-Id`, its idempotency key.
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];

  private constructor(
    private readonly server: Server,
    private readonly secret: string,
  ) {}

  static async start(secret: string, answer: WebhookAnswer = () => 200): Promise<WebhookReceiver> {
    let receiver: WebhookReceiver | undefined;
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const rawBody = Buffer.concat(chunks).toString('utf8');
        const seen = (receiver as WebhookReceiver).record(request.headers, rawBody);
        const status = answer(seen, (receiver as WebhookReceiver).received.length - 1);
        if (status === 'hang') return;
        seen.answeredWith = status;
        response.writeHead(status, { 'Content-Type': 'text/plain' }).end(status < 300 ? 'ok' : 'not now');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    receiver = new WebhookReceiver(server, secret);
    return receiver;
  }

  url(path = '/hooks/schakel'): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${path}`;
  }

  /** Requests answered 2xx for this delivery: a correct sender makes this at most 1. */
  acceptedCount(deliveryId: string): number {
    return this.received.filter((r) => r.deliveryId === deliveryId && r.answeredWith !== undefined && r.answeredWith < 300).length;
  }

  attemptsFor(deliveryId: string): ReceivedWebhook[] {
    return this.received.filter((r) => r.deliveryId === deliveryId);
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private record(headers: IncomingHttpHeaders, rawBody: string): ReceivedWebhook {
    const single = (name: string): string | undefined => {
      const value = headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    const timestamp = single('schakel-timestamp');
    const signature = single('schakel-signature') ?? '';
    const expected = `v1=${createHmac('sha256', this.secret).update(`${timestamp ?? ''}.${rawBody}`).digest('hex')}`;
    const signatureValid = signature.length === expected.length && timingSafeEqual(Buffer.from(signature), Buffer.from(expected));
    let body: unknown;
    try {
      body = JSON.parse(rawBody);
    } catch {
      body = undefined;
    }
    const seen: ReceivedWebhook = {
      deliveryId: single('schakel-delivery-id'),
      timestamp,
      signatureValid,
      contentType: single('content-type'),
      headers,
      rawBody,
      body,
      answeredWith: undefined,
    };
    this.received.push(seen);
    return seen;
  }
}
