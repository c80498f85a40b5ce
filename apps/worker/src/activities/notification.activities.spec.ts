import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { ApplicationFailure } from '@temporalio/activity';
import { Client, Connection } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { createReadModelDataSource, NotificationEntity, NotificationStore, WebhookDeliveryEntity, WebhookSubscriptionEntity } from '@schakel/persistence';
import { webhookDeliveryWorkflowId, type NotificationInput } from '@schakel/workflows/contracts';
import { createTestDatabase, type TestDatabase } from '../../../../libs/persistence/src/testing';
import { WebhookDeliveryScheduler } from '../notifications/webhook-delivery.scheduler';
import { WebhookReceiver } from '../notifications/webhook-receiver.test-helper';
import { WebhookSender } from '../notifications/webhook.sender';
import { createNotificationActivities } from './notification-activities.providers';
import { NotificationActivitiesProvider } from './notification.activities';
import { eventually } from '../../../../tools/src/eventually.test-support';
import { TEST_DATA_CONVERTER } from '../../../../tools/src/workflow-spec.test-support';

const SECRET = 'whsec-0123456789abcdef0123456789abcdef';
const address = process.env['TEMPORAL_ADDRESS'] ?? '127.0.0.1:7233';
jest.setTimeout(30_000);

function notification(org: string, overrides: Partial<NotificationInput> = {}): NotificationInput {
  return {
    notificationId: randomUUID(),
    referralId: randomUUID(),
    kind: 'escalation',
    rule: 'arrangementApproval',
    level: 2,
    dueAt: '2026-12-01T22:59:59.999Z',
    occurredAt: '2026-12-02T23:00:00.000Z',
    recipient: { role: 'provider', org },
    message: 'Escalatie niveau 2: de goedkeuring van het arrangement is over de termijn (uiterlijk 2026-12-01).',
    ...overrides,
  };
}

async function failureOf(promise: Promise<unknown>): Promise<ApplicationFailure> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApplicationFailure) return error;
    throw error;
  }
  throw new Error('expected a failure');
}


describe('NotificationActivitiesProvider (real Postgres, real Temporal)', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let connection: Connection;
  let client: Client;

  beforeAll(async () => {
    Logger.overrideLogger(false);
    database = await createTestDatabase();
    dataSource = await createReadModelDataSource({ url: database.url }).initialize();
    connection = await Connection.connect({ address });
    client = new Client({ connection, dataConverter: TEST_DATA_CONVERTER });
  }, 30_000);

  afterAll(async () => {
    await connection?.close();
    if (dataSource?.isInitialized) await dataSource.destroy();
    await database?.drop();
    Logger.overrideLogger(['log', 'warn', 'error']);
  });

  async function subscribe(org: string, url = 'https://hooks.example.nl/schakel', role: WebhookSubscriptionEntity['role'] = 'provider'): Promise<string> {
    const repository = dataSource.getRepository(WebhookSubscriptionEntity);
    const row = await repository.save(repository.create({ org, role, region: 'swv-2801', url, secret: SECRET, description: null, createdBy: `${role}-1`, disabledAt: null }));
    return row.id;
  }

  const deliveryRow = (id: string) => dataSource.getRepository(WebhookDeliveryEntity).findOneByOrFail({ id });
  const freshOrg = () => `zorg-${randomBytes(4).toString('hex')}`;

  describe('recordNotification', () => {
    // No worker polls this queue: the delivery workflows stay scheduled, which is all this spec looks at.
    const taskQueue = `notification-activities-${randomBytes(6).toString('hex')}`;
    const started: string[] = [];

    afterAll(async () => {
      await Promise.allSettled(started.map((workflowId) => client.workflow.getHandle(workflowId).terminate('test finished')));
    });

    it('records one notification, one delivery per webhook and one delivery workflow each when called twice', async () => {
      const activities = createNotificationActivities({ dataSource, client, taskQueue });
      const org = freshOrg();
      await subscribe(org);
      await subscribe(org, 'https://backup.example.nl/schakel');
      const input = notification(org);

      await activities.recordNotification(input);
      const deliveries = await dataSource.getRepository(WebhookDeliveryEntity).findBy({ notificationId: input.notificationId });
      const workflowIds = deliveries.map((d) => webhookDeliveryWorkflowId(d.id));
      started.push(...workflowIds);
      const runsBefore = await Promise.all(workflowIds.map(async (id) => (await client.workflow.getHandle(id).describe()).runId));

      await activities.recordNotification(input);

      expect(await dataSource.getRepository(NotificationEntity).countBy({ id: input.notificationId })).toBe(1);
      expect(await dataSource.getRepository(WebhookDeliveryEntity).countBy({ notificationId: input.notificationId })).toBe(2);
      const runsAfter = await Promise.all(workflowIds.map(async (id) => (await client.workflow.getHandle(id).describe()).runId));
      expect(runsAfter).toEqual(runsBefore);
      const listed = await eventually(
        async () => {
          const ids: string[] = [];
          for await (const execution of client.workflow.list({ query: `TaskQueue = '${taskQueue}' AND WorkflowType = 'webhookDeliveryWorkflow'` })) ids.push(execution.workflowId);
          return ids.sort();
        },
        (ids) => ids.length >= 2,
        10_000,
        'two delivery workflows in visibility',
      );
      expect(listed).toEqual([...workflowIds].sort());
    });

    it('never starts a delivery workflow again once it has closed', async () => {
      const activities = createNotificationActivities({ dataSource, client, taskQueue });
      const org = freshOrg();
      await subscribe(org);
      const input = notification(org);
      await activities.recordNotification(input);
      const [delivery] = await dataSource.getRepository(WebhookDeliveryEntity).findBy({ notificationId: input.notificationId });
      const handle = client.workflow.getHandle(webhookDeliveryWorkflowId(delivery!.id));
      const { runId } = await handle.describe();
      await handle.terminate('closed before the retry');

      await activities.recordNotification(input);

      const after = await handle.describe();
      expect([after.runId, after.status.name]).toEqual([runId, 'TERMINATED']);
    });

    it('starts nothing for an organisation without webhooks', async () => {
      const activities = createNotificationActivities({ dataSource, client, taskQueue });
      const input = notification(freshOrg());
      await activities.recordNotification(input);
      expect(await dataSource.getRepository(NotificationEntity).countBy({ id: input.notificationId })).toBe(1);
      expect(await dataSource.getRepository(WebhookDeliveryEntity).countBy({ notificationId: input.notificationId })).toBe(0);
    });

    it('refuses a malformed notification for good, naming the fields but not their values', async () => {
      const activities = createNotificationActivities({ dataSource, client, taskQueue });
      const input = notification(freshOrg(), { referralId: 'lln-7f3a9c', dueAt: 'tomorrow' });
      const failure = await failureOf(activities.recordNotification(input));
      expect([failure.type, failure.nonRetryable, failure.message]).toEqual(['InvalidNotification', true, 'notification refused: invalid referralId, dueAt']);
    });
  });

  describe("the parents' notices (issue 11 §6)", () => {
    it('records a notice for the parents of a named child, and refuses one that names no child and no addressee', async () => {
      // No webhook matches a notice without an organisation: no delivery workflow is started.
      const activities = createNotificationActivities({ dataSource, client, taskQueue: 'unused' });
      const forParents = notification(freshOrg(), { childRef: 'lln-ouders-7f3a9c', recipient: { role: 'ouder' }, rule: 'wachtlijstVerlopen' });
      await activities.recordNotification(forParents);
      expect(await dataSource.getRepository(NotificationEntity).findOneByOrFail({ id: forParents.notificationId })).toMatchObject({ childRef: 'lln-ouders-7f3a9c', recipientRole: 'ouder' });

      const toNobody = notification(freshOrg(), { recipient: { role: 'ouder' } });
      const failure = await failureOf(activities.recordNotification(toNobody));
      expect([failure.type, failure.nonRetryable, failure.message]).toEqual(['InvalidNotification', true, 'notification refused: invalid recipient']);
    });
  });

  describe('deliverWebhook', () => {
    let receiver: WebhookReceiver;
    let answers: Array<number | 'hang'>;
    let activities: NotificationActivitiesProvider;

    beforeAll(async () => {
      receiver = await WebhookReceiver.start(SECRET, (_request, index) => answers[index] ?? 200);
      activities = createNotificationActivities({ dataSource, client, taskQueue: 'unused', allowLoopbackHttp: true });
    });

    beforeEach(() => {
      answers = [];
      receiver.received.length = 0;
    });

    afterAll(async () => {
      await receiver?.stop();
    });

    /** A recorded notification with one pending delivery to `url`, without starting a workflow. */
    async function pendingDelivery(url: string, overrides: Partial<NotificationInput> = {}): Promise<{ deliveryId: string; input: NotificationInput }> {
      const org = freshOrg();
      await subscribe(org, url);
      const input = notification(org, overrides);
      const { pendingDeliveryIds } = await new NotificationStore(dataSource).record(input);
      return { deliveryId: pendingDeliveryIds[0] as string, input };
    }

    it('POSTs the notification signed with the secret and sends nothing on a later call', async () => {
      const { deliveryId, input } = await pendingDelivery(receiver.url());

      expect(await activities.deliverWebhook(deliveryId)).toBe('delivered');
      expect(await activities.deliverWebhook(deliveryId)).toBe('already_delivered');

      expect(receiver.received).toHaveLength(1);
      const [request] = receiver.received;
      expect(request).toMatchObject({ deliveryId, signatureValid: true, contentType: 'application/json', answeredWith: 200 });
      expect(Math.abs(Number(request!.timestamp) - Date.now() / 1000)).toBeLessThan(60);
      expect(request!.body).toEqual({
        id: input.notificationId,
        deliveryId,
        kind: 'escalation',
        rule: 'arrangementApproval',
        level: 2,
        referralId: input.referralId,
        dueAt: input.dueAt,
        occurredAt: input.occurredAt,
        recipient: input.recipient,
        message: input.message,
      });
      expect(await deliveryRow(deliveryId)).toMatchObject({ status: 'delivered', attempts: 1, lastError: null });
    });

    it('reports a non-2xx answer as a retryable failure without the payload, and counts the attempt', async () => {
      answers = [500];
      const { deliveryId, input } = await pendingDelivery(receiver.url());

      const failure = await failureOf(activities.deliverWebhook(deliveryId));

      expect([failure.type, failure.nonRetryable, failure.message]).toEqual(['WebhookDeliveryFailed', false, 'webhook delivery attempt 1 failed: receiver answered HTTP 500']);
      expect(JSON.stringify(failure)).not.toContain(input.referralId);
      expect(await deliveryRow(deliveryId)).toMatchObject({ status: 'pending', attempts: 1, lastError: 'receiver answered HTTP 500' });

      expect(await activities.deliverWebhook(deliveryId)).toBe('delivered');
      expect(await deliveryRow(deliveryId)).toMatchObject({ status: 'delivered', attempts: 2, lastError: null });
      expect(receiver.acceptedCount(deliveryId)).toBe(1);
      expect(receiver.attemptsFor(deliveryId).map((r) => r.signatureValid)).toEqual([true, true]);
    });

    it('treats a redirect as a failed attempt instead of following it', async () => {
      answers = [302];
      const { deliveryId } = await pendingDelivery(receiver.url());
      expect((await failureOf(activities.deliverWebhook(deliveryId))).message).toContain('receiver answered HTTP 302');
    });

    it('gives up waiting for an answer after the timeout and retries later', async () => {
      answers = ['hang'];
      const { deliveryId } = await pendingDelivery(receiver.url());
      const impatient = new NotificationActivitiesProvider(
        new NotificationStore(dataSource),
        new WebhookDeliveryScheduler(client, { taskQueue: 'unused' }),
        new WebhookSender({ allowLoopbackHttp: true, timeoutMs: 300 }),
      );

      const failure = await failureOf(impatient.deliverWebhook(deliveryId));

      expect([failure.nonRetryable, failure.message]).toEqual([false, 'webhook delivery attempt 1 failed: no answer within 0.3 s']);
      expect(await deliveryRow(deliveryId)).toMatchObject({ status: 'pending', lastError: 'no answer within 0.3 s' });
    });

    it('names a refused connection by its code only', async () => {
      const closed = await WebhookReceiver.start(SECRET);
      const url = closed.url();
      await closed.stop();
      const { deliveryId } = await pendingDelivery(url);
      expect((await failureOf(activities.deliverWebhook(deliveryId))).message).toBe('webhook delivery attempt 1 failed: network error (ECONNREFUSED)');
    });

    it('sends nothing to a webhook removed after the notification was recorded', async () => {
      const { deliveryId } = await pendingDelivery(receiver.url());
      const { subscriptionId } = await deliveryRow(deliveryId);
      await dataSource.getRepository(WebhookSubscriptionEntity).update({ id: subscriptionId }, { disabledAt: new Date() });

      expect(await activities.deliverWebhook(deliveryId)).toBe('subscription_disabled');
      expect(receiver.received).toEqual([]);
    });

    it('refuses plain http for good where only https is allowed (production)', async () => {
      const { deliveryId } = await pendingDelivery(receiver.url());
      const production = createNotificationActivities({ dataSource, client, taskQueue: 'unused' });

      const failure = await failureOf(production.deliverWebhook(deliveryId));

      expect([failure.type, failure.nonRetryable]).toEqual(['WebhookUrlRefused', true]);
      expect(receiver.received).toEqual([]);
    });

    it('fails for good on an unknown delivery', async () => {
      const failure = await failureOf(activities.deliverWebhook(randomUUID()));
      expect([failure.type, failure.nonRetryable]).toEqual(['WebhookDeliveryNotFound', true]);
    });

    it('never marks a delivered delivery failed', async () => {
      const { deliveryId } = await pendingDelivery(receiver.url());
      await activities.deliverWebhook(deliveryId);
      await activities.markDelivery(deliveryId, 'failed');
      expect((await deliveryRow(deliveryId)).status).toBe('delivered');
    });

    it('marks a delivery given up as failed, and sends nothing for it afterwards', async () => {
      const { deliveryId } = await pendingDelivery(receiver.url());
      await activities.markDelivery(deliveryId, 'failed');
      expect(await activities.deliverWebhook(deliveryId)).toBe('already_failed');
      expect(receiver.received).toEqual([]);
    });
  });
});
