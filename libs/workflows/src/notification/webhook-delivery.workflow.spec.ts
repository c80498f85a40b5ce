import { randomUUID } from 'node:crypto';
import { ApplicationFailure, type DataConverter } from '@temporalio/common';
import type { Client } from '@temporalio/client';
import { Worker, type NativeConnection } from '@temporalio/worker';
import { connectWorkflowSpecServer, type WorkflowSpecServer } from '../../../../tools/src/workflow-spec.test-support';
import {
  WEBHOOK_DELIVERY_WORKFLOW_TYPE,
  webhookDeliveryWorkflowId,
  type WebhookDeliveryActivities,
  type WebhookDeliveryOutcome,
  type WebhookDeliveryResult,
  type WebhookDeliveryStatus,
  type WebhookRetrySchedule,
} from './notification.contract';

// Against the real dev server (global setup) with a retry schedule in seconds: the server fires retry
// timers with about a second's granularity, so shorter intervals would not make the tests faster.
jest.setTimeout(30_000);

const FAST: WebhookRetrySchedule = { initialInterval: '1 second', maximumInterval: '2 seconds', giveUpAfter: '20 seconds' };

let server: WorkflowSpecServer;
let nativeConnection: NativeConnection;
let client: Client;
let workflowBundle: { code: string };
let dataConverter: DataConverter;

beforeAll(async () => {
  server = await connectWorkflowSpecServer();
  ({ nativeConnection, client, workflowBundle, dataConverter } = server);
});

afterAll(async () => {
  await server?.close();
});

/** Stand-ins for the worker's activities at the contract's interface: a receiver that fails `failures` times. */
function receiver(failures: number | 'always', outcome: WebhookDeliveryOutcome = 'delivered') {
  const attempts: number[] = [];
  const marks: Array<[string, WebhookDeliveryStatus]> = [];
  const activities: WebhookDeliveryActivities = {
    async deliverWebhook() {
      attempts.push(Date.now());
      if (failures === 'always' || attempts.length <= failures) throw ApplicationFailure.retryable('receiver answered HTTP 500', 'WebhookDeliveryFailed');
      return outcome;
    },
    async markDelivery(deliveryId, status) {
      marks.push([deliveryId, status]);
    },
  };
  return { activities, attempts, marks };
}

async function deliver(activities: WebhookDeliveryActivities, retry: WebhookRetrySchedule): Promise<{ deliveryId: string; result: WebhookDeliveryResult }> {
  const taskQueue = `test-webhook-${randomUUID()}`;
  const deliveryId = randomUUID();
  const worker = await Worker.create({ connection: nativeConnection, taskQueue, workflowBundle, dataConverter, activities });
  const result = await worker.runUntil(
    client.workflow.execute(WEBHOOK_DELIVERY_WORKFLOW_TYPE, { taskQueue, workflowId: webhookDeliveryWorkflowId(deliveryId), args: [{ deliveryId, retry }] }),
  );
  return { deliveryId, result: result as WebhookDeliveryResult };
}

describe('webhookDeliveryWorkflow', () => {
  it('retries a failing receiver with exponential backoff until it accepts, then marks the delivery delivered', async () => {
    const { activities, attempts, marks } = receiver(2);

    const { deliveryId, result } = await deliver(activities, FAST);

    expect(result).toEqual({ deliveryId, status: 'delivered' });
    expect(attempts).toHaveLength(3);
    const pauses = attempts.slice(1).map((at, i) => at - (attempts[i] as number));
    // The backoff (1 s, then 2 s) is waited for, durably, by the server: no attempt comes early.
    expect(pauses[0]).toBeGreaterThanOrEqual(900);
    expect(pauses[1]).toBeGreaterThanOrEqual(1_900);
    expect(marks).toEqual([[deliveryId, 'delivered']]);
  });

  it('marks the delivery failed when the receiver keeps failing past the schedule', async () => {
    const { activities, attempts, marks } = receiver('always');

    const { deliveryId, result } = await deliver(activities, { initialInterval: '1 second', maximumInterval: '1 second', giveUpAfter: '3 seconds' });

    expect(result).toEqual({ deliveryId, status: 'failed' });
    expect(attempts.length).toBeGreaterThanOrEqual(2);
    expect(marks).toEqual([[deliveryId, 'failed']]);
  });

  it('confirms an earlier accepted delivery without another attempt', async () => {
    const { activities, attempts, marks } = receiver(0, 'already_delivered');
    const { deliveryId, result } = await deliver(activities, FAST);
    expect([result.status, attempts.length]).toEqual(['delivered', 1]);
    expect(marks).toEqual([[deliveryId, 'delivered']]);
  });

  it('marks a delivery to a removed webhook failed', async () => {
    const { activities, marks } = receiver(0, 'subscription_disabled');
    const { deliveryId, result } = await deliver(activities, FAST);
    expect(result.status).toBe('failed');
    expect(marks).toEqual([[deliveryId, 'failed']]);
  });

  it('stops at once on a failure that waiting cannot fix', async () => {
    const attempts: number[] = [];
    const marks: WebhookDeliveryStatus[] = [];
    const { result } = await deliver(
      {
        async deliverWebhook() {
          attempts.push(Date.now());
          throw ApplicationFailure.nonRetryable('webhook URL refused: must be an https:// URL', 'WebhookUrlRefused');
        },
        async markDelivery(_id, status) {
          marks.push(status);
        },
      },
      FAST,
    );
    expect([result.status, attempts.length, marks]).toEqual(['failed', 1, ['failed']]);
  });
});
