import type { Provider } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { WorkerConfig } from '../config/worker.config';

/**
 * One connection to Temporal per worker process, shared by the worker (polling) and a Client (the
 * notification activity starts webhook delivery workflows). TemporalWorkerService closes it after the
 * worker has drained.
 */
export const TEMPORAL_CLIENT_PROVIDERS: Provider[] = [
  { provide: NativeConnection, useFactory: (config: WorkerConfig) => NativeConnection.connect({ address: config.temporal.address }), inject: [WorkerConfig] },
  {
    provide: Client,
    useFactory: (connection: NativeConnection, config: WorkerConfig) => new Client({ connection, namespace: config.temporal.namespace }),
    inject: [NativeConnection, WorkerConfig],
  },
];
