import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { loadTestWorkflowBundle } from './workflow-bundle.test-support';

/** What a workflow spec needs of the run's dev server: a worker connection, a client and the bundle. */
export interface WorkflowSpecServer {
  nativeConnection: NativeConnection;
  client: Client;
  workflowBundle: { code: string };
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
    client: new Client({ connection }),
    workflowBundle,
    close: async () => {
      await connection.close();
      await nativeConnection.close();
    },
  };
}
