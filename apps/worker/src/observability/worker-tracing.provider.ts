import type { Provider } from '@nestjs/common';
import { Tracing, WORKER_SERVICE_NAME } from '@schakel/observability';
import { WorkerConfig } from '../config/worker.config';

/**
 * The worker's tracing (issue 6 §5), injected by its class; off without OTEL_EXPORTER_OTLP_ENDPOINT. Nest shuts
 * it down after the worker has drained, so the last workflow and activity spans are still sent.
 */
export const WORKER_TRACING_PROVIDER: Provider = {
  provide: Tracing,
  useFactory: (config: WorkerConfig) => Tracing.start(config.observability.tracing, WORKER_SERVICE_NAME),
  inject: [WorkerConfig],
};
