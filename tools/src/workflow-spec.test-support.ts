import { Client, Connection } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import { NativeConnection } from '@temporalio/worker';
import { developmentPayloadKeyring, encryptingDataConverter } from '@schakel/payload-crypto';
import { loadTestWorkflowBundle } from './workflow-bundle.test-support';

/**
 * The tests' payload codec: the development key, as the API and the worker use outside production. Every
 * spec's clients and workers take it, so the whole suite runs encrypted as production does (issue 5 §3),
 * and histories recorded with it stay replayable (the key is fixed).
 */
export const TEST_DATA_CONVERTER: DataConverter = encryptingDataConverter(developmentPayloadKeyring());

/** What a workflow spec needs of the run's dev server: a worker connection, a client and the bundle. */
export interface WorkflowSpecServer {
  nativeConnection: NativeConnection;
  /** Encrypts and decrypts with `dataConverter`. */
  client: Client;
  workflowBundle: { code: string };
  /** Pass it to every Worker.create (and Worker.runReplayHistory), or the worker cannot read what the client sent. */
  dataConverter: DataConverter;
  close(): Promise<void>;
}

/** Connects to the dev server of the jest global setup (TEMPORAL_ADDRESS) and loads the run's bundle. */
export async function connectWorkflowSpecServer(): Promise<WorkflowSpecServer> {
  const address = process.env['TEMPORAL_ADDRESS'] ?? '127.0.0.1:7233';
  const workflowBundle = await loadTestWorkflowBundle();
  const nativeConnection = await NativeConnection.connect({ address });
  const connection = await Connection.connect({ address });
  return {
    nativeConnection,
    client: new Client({ connection, dataConverter: TEST_DATA_CONVERTER }),
    workflowBundle,
    dataConverter: TEST_DATA_CONVERTER,
    close: async () => {
      await connection.close();
      await nativeConnection.close();
    },
  };
}
