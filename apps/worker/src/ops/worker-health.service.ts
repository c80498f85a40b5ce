import { Injectable } from '@nestjs/common';
import { HealthCheckService, HealthIndicatorService, type HealthCheckResult } from '@nestjs/terminus';
import { NativeConnection } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { TemporalWorkerService } from '../temporal/temporal-worker.service';
import { EventLoopMonitor, eventLoopLiveness, reachable } from '@schakel/observability';

const PROBE_TIMEOUT_MS = 3_000;

/**
 * The worker's liveness and readiness (issue 6 §4), as terminus results. Liveness checks the process only, so
 * an outage of Postgres or Temporal never gets the worker restarted (a restart cannot fix them, and the worker
 * reconnects by itself); readiness says whether it does its job: connected to Temporal, polling (state RUNNING,
 * so it turns down the moment a drain starts), and able to write the read model.
 */
@Injectable()
export class WorkerHealth {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly dataSource: DataSource,
    private readonly connection: NativeConnection,
    private readonly worker: TemporalWorkerService,
    private readonly eventLoop: EventLoopMonitor,
  ) {}

  /** Rejects with a ServiceUnavailableException (its response is the result) when the loop was stuck. */
  live(): Promise<HealthCheckResult> {
    return eventLoopLiveness(this.eventLoop, this.indicators);
  }

  /** Rejects with terminus's ServiceUnavailableException naming the checks that are down, and while draining. */
  ready(): Promise<HealthCheckResult> {
    return this.health.check([
      () => this.indicators.check('postgres').attempt(() => reachable(this.dataSource.query('SELECT 1'))).withTimeout(PROBE_TIMEOUT_MS),
      () =>
        this.indicators
          .check('temporal')
          .attempt(() => reachable(this.connection.withDeadline(Date.now() + PROBE_TIMEOUT_MS, () => this.connection.workflowService.getSystemInfo({}))))
          .withTimeout(PROBE_TIMEOUT_MS),
      () => {
        const state = this.worker.state;
        const session = this.indicators.check('worker');
        return state === 'RUNNING' ? session.up({ state }) : session.down({ state });
      },
    ]);
  }
}
