import { randomUUID } from 'node:crypto';
import { Worker } from '@temporalio/worker';
import { NATIONAL_RETENTION_POLICY } from '@schakel/domain';
import { storeNewHistory } from './history-file.test-helper';
import { connectWorkflowSpecServer } from '../../../tools/src/workflow-spec.test-support';
import { RETENTION_SWEEP_WORKFLOW_TYPE, type RetentionActivities, type RetentionSweepResult } from '../src/retention/retention.contract';

/**
 * Records, on the real dev server, the history of a retention sweep over three batches (two full, one not) for the
 * replay spec (`npm run record-histories`). Production starts it from a Temporal Schedule; how it is started
 * leaves no trace in the commands a replay compares. Run once per released version of retentionSweepWorkflow and
 * commit the file; the activity stands in at the contract's interface.
 */
jest.setTimeout(120_000);

it('records a retention sweep of three batches', async () => {
  const server = await connectWorkflowSpecServer();
  const { nativeConnection, client, workflowBundle, dataConverter } = server;
  const taskQueue = `record-${randomUUID()}`;
  const batches = [2, 2, 1];
  const sweepClosedReferrals: RetentionActivities['sweepClosedReferrals'] = async () => ({ processed: batches.shift() ?? 0 });
  const worker = await Worker.create({ connection: nativeConnection, taskQueue, workflowBundle, dataConverter, activities: { sweepClosedReferrals } });
  await worker.runUntil(async () => {
    const handle = await client.workflow.start(RETENTION_SWEEP_WORKFLOW_TYPE, {
      taskQueue,
      workflowId: `record-retention-sweep-${randomUUID()}`,
      args: [{ retention: NATIONAL_RETENTION_POLICY, batchSize: 2 }],
    });
    expect((await handle.result()) as RetentionSweepResult).toEqual({ processed: 5, action: 'anonimiseren' });
    storeNewHistory('retention-sweep-batches', await handle.fetchHistory());
  });
  await server.close();
});
