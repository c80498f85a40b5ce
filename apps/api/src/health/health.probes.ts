import { Injectable, ServiceUnavailableException, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { HealthCheckService, HealthIndicatorService, type HealthCheckResult } from '@nestjs/terminus';
import { EventLoopMonitor, MAX_EVENT_LOOP_DELAY_MS } from '@schakel/observability';
import { HealthService } from './health.service';

/** One probe answer per second at most per check, however many load balancers ask (Temporal is shared). */
const CACHE_MS = 1_000;
const PROBE_TIMEOUT_MS = 3_000;

/**
 * Liveness and readiness (issue 6 §4) as terminus health checks. Liveness is the process only (its event loop),
 * so an outage of Postgres or Temporal never gets the API restarted, which would not fix it. Readiness is
 * whether a request can be served: Postgres and Temporal answer and a worker polls the referral task queue
 * (the same checks as GET /api/health, from HealthService); terminus turns it to 503 `shutting_down` for the
 * whole drain (HttpDrain), while liveness stays 200. Both reject with a ServiceUnavailableException whose
 * response is the result.
 */
@Injectable()
export class HealthProbes implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly eventLoop = new EventLoopMonitor();

  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly dependencies: HealthService,
  ) {}

  onApplicationBootstrap(): void {
    this.eventLoop.start();
  }

  onApplicationShutdown(): void {
    this.eventLoop.stop();
  }

  /** Rejects with a ServiceUnavailableException whose response is the result when the loop was stuck. */
  live(): Promise<HealthCheckResult> {
    const delayMs = this.eventLoop.recentMaxDelayMs();
    const session = this.indicators.check('eventLoop');
    const result = delayMs > MAX_EVENT_LOOP_DELAY_MS ? session.down({ delayMs }) : session.up({ delayMs });
    // Not through HealthCheckService: terminus answers every check 503 `shutting_down` once a shutdown has
    // begun, and a draining process is alive — failing liveness then could get it killed mid-drain.
    const up = result.eventLoop.status === 'up';
    const answer: HealthCheckResult = { status: up ? 'ok' : 'error', info: up ? result : {}, error: up ? {} : result, details: result };
    return up ? Promise.resolve(answer) : Promise.reject(new ServiceUnavailableException(answer));
  }

  ready(): Promise<HealthCheckResult> {
    return this.health.check([
      () => this.attempt('postgres', () => reachable(this.dependencies.pingPostgres())),
      () => this.attempt('temporal', () => reachable(this.dependencies.pingTemporal())),
      () =>
        this.attempt('worker', async () => {
          const pollers = await this.dependencies.countWorkerPollers().catch(() => 0);
          if (pollers === 0) throw new Error('no worker polls the task queue');
          return { pollers };
        }),
    ]);
  }

  private attempt<K extends string>(key: K, probe: () => Promise<Record<string, unknown> | void>) {
    return this.indicators.check(key).attempt(probe).withTimeout(PROBE_TIMEOUT_MS).cacheFor(CACHE_MS);
  }
}

/**
 * Resolves when the probe does; otherwise rejects with the error's code at most (e.g. ECONNREFUSED): readiness
 * is public, and a driver's message may name hosts and users, which belong in the log only.
 */
async function reachable(probe: Promise<unknown>): Promise<void> {
  try {
    await probe;
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    throw new Error(typeof code === 'string' && /^[A-Z0-9_]{1,40}$/.test(code) ? `unreachable (${code})` : 'unreachable');
  }
}
