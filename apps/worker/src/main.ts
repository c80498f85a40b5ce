import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Runtime } from '@temporalio/worker';
import { parseWorkerConfig } from './config/worker.config';
import { TemporalRuntimeLogger } from './temporal/temporal-runtime.logger';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  const result = parseWorkerConfig(process.env);
  if (!result.ok) {
    console.error(`schakel worker: invalid configuration\n${result.problems.map((problem) => `  - ${problem}`).join('\n')}`);
    process.exit(1);
  }

  // Nest owns the signals: its shutdown hooks drain the worker before closing the database. The
  // SDK's own handlers would stop the worker behind Nest's back, so they are switched off.
  Runtime.install({ logger: new TemporalRuntimeLogger(), shutdownSignals: [] });

  // abortOnError false: a failed start reaches the catch below (one log line, exit 1) instead of abort().
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(result.config), { abortOnError: false });
  // useProcessExit: exit 0 after a clean shutdown instead of re-raising the signal (exit 143).
  app.enableShutdownHooks(['SIGINT', 'SIGTERM'], { useProcessExit: true });
}

bootstrap().catch((error: unknown) => {
  new Logger('Bootstrap').error(`worker failed to start: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
  process.exit(1);
});
