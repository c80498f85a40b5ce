import { Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { HealthCheckService, HealthIndicatorService, type HealthCheckResult } from '@nestjs/terminus';
import { EventLoopMonitor, eventLoopLiveness, reachable } from '@schakel/observability';
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
    return eventLoopLiveness(this.eventLoop, this.indicators);
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
