import type { Provider } from '@nestjs/common';
import type { CoreMetricsEndpoint } from './core-metrics.endpoint';
import { EventLoopMonitor } from '@schakel/observability';
import { OpsHttpServer } from './ops-http.server';
import { WorkerHealth } from './worker-health.service';
import { WorkerMetrics } from './worker.metrics';

/**
 * Health, metrics and the ops HTTP server (issue 6 §4, §5). `coreMetrics` is where main.ts told the Temporal
 * Runtime to export the SDK's metrics; undefined when the ops server is off (WORKER_OPS_PORT=0).
 */
export function opsProviders(coreMetrics: CoreMetricsEndpoint | undefined): Provider[] {
  return [{ provide: WorkerMetrics, useValue: new WorkerMetrics(coreMetrics) }, EventLoopMonitor, WorkerHealth, OpsHttpServer];
}
