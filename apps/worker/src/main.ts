import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Runtime } from '@temporalio/worker';
import { createRootLogger, PinoNestLogger, WORKER_SERVICE_NAME } from '@schakel/observability';
import { parseWorkerConfig } from './config/worker.config';
import { CoreMetricsEndpoint } from './ops/core-metrics.endpoint';
import { TemporalRuntimeLogger } from './temporal/temporal-runtime.logger';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  const result = parseWorkerConfig(process.env);
  if (!result.ok) {
    console.error(`schakel worker: invalid configuration\n${result.problems.map((problem) => `  - ${problem}`).join('\n')}`);
    process.exit(1);
  }

  // One pino logger for the process (issue 6 §5): Nest's lines, every `new Logger(…)` in the activities and
  // the Temporal SDK's lines (its worker, the activity context and the workflows' `log` sink) alike.
  const rootLogger = createRootLogger(result.config.observability.logging, { service: WORKER_SERVICE_NAME });
  const nestLogger = new PinoNestLogger(rootLogger);
  Logger.overrideLogger(nestLogger);

  // The SDK's own metrics (task latencies, sticky cache, schedule-to-start) go to a loopback exporter that
  // the ops server's /metrics appends to the worker's metrics; no exporter when the ops server is off.
  const coreMetrics = result.config.ops.port === 0 ? undefined : await CoreMetricsEndpoint.reserve();
  // Nest owns the signals: its shutdown hooks drain the worker before closing the database. The
  // SDK's own handlers would stop the worker behind Nest's back, so they are switched off.
  Runtime.install({ logger: new TemporalRuntimeLogger(rootLogger), shutdownSignals: [], ...(coreMetrics === undefined ? {} : { telemetryOptions: coreMetrics.telemetryOptions() }) });

  // abortOnError false: a failed start reaches the catch below (one log line, exit 1) instead of abort().
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(result.config, { coreMetrics }), { abortOnError: false, logger: nestLogger });
  // useProcessExit: exit 0 after a clean shutdown instead of re-raising the signal (exit 143).
  app.enableShutdownHooks(['SIGINT', 'SIGTERM'], { useProcessExit: true });
}

bootstrap().catch((error: unknown) => {
  new Logger('Bootstrap').error(`worker failed to start: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
  process.exit(1);
});
