import type { Provider } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { temporalClientInterceptors, Tracing } from '@schakel/observability';
import { encryptingDataConverter } from '@schakel/payload-crypto';
import { WorkerConfig } from '../config/worker.config';

/**
 * One connection to Temporal per worker process, shared by the worker (polling) and a Client (the
 * notification activity starts webhook delivery workflows). TemporalWorkerService closes it after the
 * worker has drained. The Client encrypts as the worker does (issue 5 §3): the child plans and webhook
 * deliveries it starts carry case data in their arguments.
 */
export const TEMPORAL_CLIENT_PROVIDERS: Provider[] = [
  {
    provide: NativeConnection,
    // Address, TLS/mTLS and API key from Temporal's standard environment configuration (issue 9, worker.config.ts).
    useFactory: ({ temporal: { address, tls, apiKey, metadata } }: WorkerConfig) => NativeConnection.connect({ address, tls, apiKey, metadata }),
    inject: [WorkerConfig],
  },
  {
    provide: Client,
    // The activity's request id (and trace context) travel on to the plans and deliveries it starts (issue 6 §5).
    useFactory: (connection: NativeConnection, config: WorkerConfig, tracing: Tracing) =>
      new Client({
        connection,
        namespace: config.temporal.namespace,
        dataConverter: encryptingDataConverter(config.payloadEncryption.keyring),
        interceptors: { workflow: temporalClientInterceptors(tracing) },
      }),
    inject: [NativeConnection, WorkerConfig, Tracing],
  },
];
