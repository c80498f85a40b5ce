import { z } from 'zod';

/**
 * Registering a webhook (issue 3 §5): an organisation names an endpoint and a shared secret, and
 * receives each of its notifications there as a signed POST. The API validates bodies with these
 * schemas and documents them in OpenAPI; the worker checks a stored URL with the same rule before it
 * sends anything.
 */

/** Hosts that a development or test machine may reach over plain HTTP (a receiver on the same machine). */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export const WEBHOOK_SECRET_MIN_LENGTH = 32;
export const WEBHOOK_URL_MAX_LENGTH = 2000;

export interface WebhookUrlRule {
  /**
   * Also accept `http://127.0.0.1`, `http://localhost` and `http://[::1]` (any port), for receivers on
   * the same machine. Never in production: notifications travel over TLS only.
   */
  allowLoopbackHttp: boolean;
}

const ABSOLUTE_URL = z.url();
/** Scheme and authority of an absolute URL (RFC 3986 §3); parsed here because the domain has no URL global in its types. */
const SCHEME_AND_AUTHORITY = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)/;

/** Why a webhook URL is refused, or undefined when it is acceptable. */
export function webhookUrlProblem(value: string, rule: WebhookUrlRule): string | undefined {
  const parts = SCHEME_AND_AUTHORITY.exec(value);
  if (parts === null || !ABSOLUTE_URL.safeParse(value).success) return 'must be an absolute URL';
  const scheme = (parts[1] ?? '').toLowerCase();
  const authority = parts[2] ?? '';
  // Credentials in the URL would be stored and shown back to every reader of the subscription.
  if (authority.includes('@')) return 'must not contain a user name or password';
  if (authority === '') return 'must name a host';
  if (scheme === 'https') return undefined;
  const host = authority.replace(/:\d*$/, '').toLowerCase();
  if (scheme === 'http' && rule.allowLoopbackHttp && LOOPBACK_HOSTS.has(host)) return undefined;
  return rule.allowLoopbackHttp ? 'must be an https:// URL (http:// only for 127.0.0.1 or localhost)' : 'must be an https:// URL';
}

/** The body of POST /api/webhooks, for the given URL rule. */
export function createWebhookRequestSchema(rule: WebhookUrlRule) {
  return z
    .object({
      url: z
        .string()
        .trim()
        .max(WEBHOOK_URL_MAX_LENGTH, `must be at most ${WEBHOOK_URL_MAX_LENGTH} characters`)
        .superRefine((value, ctx) => {
          const problem = webhookUrlProblem(value, rule);
          if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
        })
        .describe(rule.allowLoopbackHttp ? 'https:// endpoint (http:// allowed for 127.0.0.1/localhost outside production)' : 'https:// endpoint'),
      secret: z
        .string()
        .min(WEBHOOK_SECRET_MIN_LENGTH, `must be at least ${WEBHOOK_SECRET_MIN_LENGTH} characters`)
        .max(256, 'must be at most 256 characters')
        .regex(/^[\x21-\x7E]+$/, 'must be visible ASCII characters (no spaces)')
        .describe('Shared secret for the HMAC-SHA256 signature (Schakel-Signature); stored, never shown again'),
      description: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters').optional(),
    })
    .strict();
}

/** The production rule (https only); the API picks the rule that fits its SCHAKEL_ENV. */
export const webhookRequestSchema = createWebhookRequestSchema({ allowLoopbackHttp: false }).meta({ id: 'WebhookRequest' });
export type WebhookRequest = z.infer<typeof webhookRequestSchema>;
