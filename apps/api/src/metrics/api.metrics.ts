import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/** Label of an answer given before routing (rate limit, CORS, body size) or for a path no route has. */
export const UNROUTED = '(unrouted)';

const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** Reads answer in milliseconds; Updates wait for the worker (up to 30 s, UPDATE_TIMEOUT_MS in the gateway). */
const HTTP_BUCKETS_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

const TEMPORAL_BUCKETS_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * The API's Prometheus metrics (issue 6 §5), one registry per application, so in-process test apps never share
 * counters. Every label value comes from a closed set — a method, a route template, a status code, a gRPC
 * method and status name — never from the request: a URL carries referral ids and child references.
 */
export class ApiMetrics {
  readonly registry = new Registry();
  private readonly http: Histogram<'method' | 'route' | 'status_code'>;
  private readonly temporal: Histogram<'method' | 'code'>;

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    this.http = new Histogram({
      name: 'schakel_http_request_duration_seconds',
      help: 'Time from a request arriving until its answer was sent, by method, route template and status code',
      labelNames: ['method', 'route', 'status_code'],
      buckets: HTTP_BUCKETS_SECONDS,
      registers: [this.registry],
    });
    this.temporal = new Histogram({
      name: 'schakel_temporal_client_request_duration_seconds',
      help: 'Calls of the API to the Temporal server (retries included), by gRPC method and status',
      labelNames: ['method', 'code'],
      buckets: TEMPORAL_BUCKETS_SECONDS,
      registers: [this.registry],
    });
  }

  /** `route` must be a template (`/api/referrals/:id`) or UNROUTED, never a request's path. */
  httpAnswered(method: string, route: string, statusCode: number, seconds: number): void {
    const knownMethod = KNOWN_METHODS.has(method) ? method : 'OTHER';
    this.http.observe({ method: knownMethod, route, status_code: String(statusCode) }, seconds);
  }

  /** `method` is the RPC's name (e.g. UpdateWorkflowExecution), `code` the gRPC status name (e.g. OK). */
  temporalCalled(method: string, code: string, seconds: number): void {
    this.temporal.observe({ method, code }, seconds);
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }
}
