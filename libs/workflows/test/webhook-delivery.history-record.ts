import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import { Worker } from '@temporalio/worker';
import { storeNewHistory } from './history-file.test-helper';
import { connectWorkflowSpecServer } from '../../../tools/src/workflow-spec.test-support';
import {
  WEBHOOK_DELIVERY_WORKFLOW_TYPE,
  webhookDeliveryWorkflowId,
  type WebhookDeliveryActivities,
  type WebhookDeliveryResult,
  type WebhookRetrySchedule,
} from '../src/notification/notification.contract';

/**
 * Records, on the real dev server, the histories of webhookDeliveryWorkflow for the replay spec
 * (`npm run record-histories`): a receiver that fails twice and then accepts (the activity's backoff), and one
 * that never accepts until the schedule runs out (the give-up path). Run once per released version of the
 * workflow and commit the files; the activities stand in at the contract's interface.
 */
jest.setTimeout(120_000);

async function record(scenario: string, deliverWebhook: WebhookDeliveryActivities['deliverWebhook'], retry: WebhookRetrySchedule, expected: WebhookDeliveryResult['status']): Promise<void> {
  const server = await connectWorkflowSpecServer();
  const { nativeConnection, client, workflowBundle, dataConverter } = server;
  const taskQueue = `record-${randomUUID()}`;
  const markDelivery: WebhookDeliveryActivities['markDelivery'] = async () => undefined;
  const worker = await Worker.create({ connection: nativeConnection, taskQueue, workflowBundle, dataConverter, activities: { deliverWebhook, markDelivery } });
  const deliveryId = randomUUID();
  await worker.runUntil(async () => {
    const handle = await client.workflow.start(WEBHOOK_DELIVERY_WORKFLOW_TYPE, { taskQueue, workflowId: webhookDeliveryWorkflowId(deliveryId), args: [{ deliveryId, retry }] });
    expect(((await handle.result()) as WebhookDeliveryResult).status).toBe(expected);
    storeNewHistory(scenario, await handle.fetchHistory());
  });
  await server.close();
}

it('records a delivery that succeeds after two failed attempts', async () => {
  let attempts = 0;
  await record(
    'webhook-delivery-retried',
    async () => {
      attempts += 1;
      if (attempts <= 2) throw ApplicationFailure.retryable('receiver answered HTTP 503', 'WebhookDeliveryFailed');
      return 'delivered';
    },
    { initialInterval: '1 second', maximumInterval: '2 seconds', giveUpAfter: '30 seconds' },
    'delivered',
  );
});

it('records a delivery given up when the receiver keeps failing', async () => {
  await record(
    'webhook-delivery-given-up',
    async () => {
      throw ApplicationFailure.retryable('receiver answered HTTP 500', 'WebhookDeliveryFailed');
    },
    { initialInterval: '1 second', maximumInterval: '1 second', giveUpAfter: '3 seconds' },
    'failed',
  );
});
