import { randomBytes, randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import request from 'supertest';
import type { Actor } from '@schakel/domain';
import { LOKET, OTHER_SCHOOL, REGISSEUR, SCHOOL } from '@schakel/domain/testing';
import { WebhookDeliveryEntity } from '@schakel/persistence';
import { webhookDeliveryWorkflowId, type NotificationInput, type WebhookDeliveryResult } from '@schakel/workflows/contracts';
import { createNotificationActivities } from '../../worker/src/activities/notification-activities.providers';
import type { NotificationActivitiesProvider } from '../../worker/src/activities/notification.activities';
import { WebhookReceiver } from '../../worker/src/notifications/webhook-receiver.test-helper';
import { ApiTestStack, eventually, type ErrorBody } from './api-e2e.test-helper';

/**
 * Issue 3 §5 and §7 through HTTP against real Temporal and Postgres: an organisation registers a
 * webhook, a notification is recorded by the worker's activity, and a receiver served by this test
 * (which checks the signature itself) gets it exactly once although it refuses the first attempt.
 */
jest.setTimeout(60_000);

const SECRET = `whsec-${randomBytes(24).toString('hex')}`;

interface WebhookBody {
  id: string;
  url: string;
  description: string | null;
  createdAt: string;
}

interface NotificationListBody {
  items: Array<{ id: string; referralId: string; kind: string; rule: string; level: number; dueAt: string; occurredAt: string; recipient: Record<string, string>; message: string; links: { referral: string } }>;
  nextCursor: string | null;
}

function notification(recipient: NotificationInput['recipient'], overrides: Partial<NotificationInput> = {}): NotificationInput {
  return {
    notificationId: randomUUID(),
    referralId: randomUUID(),
    kind: 'escalation',
    rule: 'zorgplicht',
    level: 1,
    dueAt: '2026-12-01T22:59:59.999Z',
    occurredAt: new Date().toISOString(),
    recipient,
    message: 'Escalatie niveau 1: de zorgplicht is over de termijn (uiterlijk 2026-12-01).',
    ...overrides,
  };
}

describe('notifications and signed webhooks (real Temporal and Postgres)', () => {
  let stack: ApiTestStack;
  let receiver: WebhookReceiver;
  let connection: Connection;
  let client: Client;
  /** The worker's notification activities with a retry schedule in seconds (through the delivery workflow's input). */
  let activities: NotificationActivitiesProvider;

  beforeAll(async () => {
    stack = await ApiTestStack.start();
    // Refuses the first attempt of every delivery with 500, accepts every later one.
    const seen = new Set<string>();
    receiver = await WebhookReceiver.start(SECRET, (received) => {
      const first = received.deliveryId !== undefined && !seen.has(received.deliveryId);
      if (received.deliveryId !== undefined) seen.add(received.deliveryId);
      return first ? 500 : 200;
    });
    connection = await Connection.connect({ address: stack.config.temporal.address });
    client = new Client({ connection, namespace: stack.config.temporal.namespace, dataConverter: stack.dataConverter });
    activities = createNotificationActivities({
      dataSource: stack.readModel,
      client,
      taskQueue: stack.config.temporal.taskQueue,
      retry: { initialInterval: '1 second', maximumInterval: '2 seconds', giveUpAfter: '1 minute' },
      allowLoopbackHttp: true,
    });
  }, 120_000);

  afterAll(async () => {
    await receiver?.stop();
    await connection?.close();
    await stack?.stop();
  }, 60_000);

  async function remove(actor: Actor, id: string): Promise<{ status: number; body: ErrorBody | Record<string, never> }> {
    const response = await request(stack.app.getHttpServer() as Parameters<typeof request>[0])
      .delete(`/api/webhooks/${id}`)
      .set('Authorization', `Bearer ${await stack.token(actor)}`);
    return { status: response.status, body: response.body as ErrorBody };
  }

  const deliveriesOf = (notificationId: string) => stack.readModel.getRepository(WebhookDeliveryEntity).findBy({ notificationId });

  it('delivers a notification exactly once, signed, across a refused first attempt, and lists it for its recipient only', async () => {
    const registered = await stack.as(SCHOOL).post<WebhookBody>('/api/webhooks', { url: receiver.url(), secret: SECRET, description: 'Leerlingvolgsysteem' });
    expect(registered.status).toBe(201);
    expect(registered.body).toEqual({ id: expect.any(String), url: receiver.url(), description: 'Leerlingvolgsysteem', createdAt: expect.any(String) });
    expect(registered.headers['location']).toBe(`/api/webhooks/${registered.body.id}`);
    expect(JSON.stringify(registered.body)).not.toContain(SECRET);

    const input = notification({ role: 'school', org: SCHOOL.org as string });
    await activities.recordNotification(input);
    // Temporal retries an activity whose worker was lost: the same notification again is one notification.
    await activities.recordNotification(input);

    const deliveries = await deliveriesOf(input.notificationId);
    expect(deliveries).toHaveLength(1);
    const deliveryId = (deliveries[0] as WebhookDeliveryEntity).id;
    const delivered = await eventually(
      () => stack.readModel.getRepository(WebhookDeliveryEntity).findOneByOrFail({ id: deliveryId }),
      (row) => row.status !== 'pending',
      30_000,
      'delivery settled',
    );
    const result = (await client.workflow.getHandle(webhookDeliveryWorkflowId(deliveryId)).result()) as WebhookDeliveryResult;
    expect(result).toEqual({ deliveryId, status: 'delivered' });
    expect(delivered).toMatchObject({ status: 'delivered', lastError: null, subscriptionId: registered.body.id });
    expect(delivered.attempts).toBeGreaterThanOrEqual(2);

    const attempts = receiver.attemptsFor(deliveryId);
    expect(attempts.map((a) => a.answeredWith)).toEqual([500, 200]);
    expect(attempts.every((a) => a.signatureValid)).toBe(true);
    expect(receiver.acceptedCount(deliveryId)).toBe(1);
    expect(attempts[1]?.body).toEqual({
      id: input.notificationId,
      deliveryId,
      kind: 'escalation',
      rule: 'zorgplicht',
      level: 1,
      referralId: input.referralId,
      dueAt: input.dueAt,
      occurredAt: input.occurredAt,
      recipient: { role: 'school', org: SCHOOL.org },
      message: input.message,
    });
    // The headers carry ids, a timestamp and the signature: nothing of the case.
    const schakelHeaders = Object.entries(attempts[1]?.headers ?? {}).filter(([name]) => name.startsWith('schakel-'));
    expect(schakelHeaders.map(([name]) => name).sort()).toEqual(['schakel-delivery-id', 'schakel-signature', 'schakel-timestamp']);

    const mine = await stack.as(SCHOOL).get<NotificationListBody>('/api/me/notifications');
    expect(mine.status).toBe(200);
    expect(mine.body.items.find((item) => item.id === input.notificationId)).toEqual({
      id: input.notificationId,
      referralId: input.referralId,
      // A referral's notice names no child plan or overstap (those are for issue 4's plan notices).
      childRef: null,
      transitionId: null,
      kind: 'escalation',
      rule: 'zorgplicht',
      level: 1,
      dueAt: input.dueAt,
      occurredAt: input.occurredAt,
      recipient: { role: 'school', org: SCHOOL.org },
      message: input.message,
      createdAt: expect.any(String),
      links: { referral: `/api/referrals/${input.referralId}` },
    });
    for (const other of [OTHER_SCHOOL, LOKET]) {
      const theirs = await stack.as(other).get<NotificationListBody>('/api/me/notifications');
      expect(theirs.body.items.map((item) => item.id)).not.toContain(input.notificationId);
    }
  });

  it('refuses invalid webhook bodies with 400, naming each field', async () => {
    const cases: Array<[unknown, string[]]> = [
      [{ url: 'http://hooks.example.nl/schakel', secret: SECRET }, ['url']],
      [{ url: 'https://user:pw@hooks.example.nl/schakel', secret: SECRET }, ['url']],
      [{ url: receiver.url(), secret: 'too-short' }, ['secret']],
      [{ secret: SECRET, description: '' }, ['url', 'description']],
      [{ url: receiver.url(), secret: SECRET, events: ['all'] }, ['(body)']],
    ];
    for (const [body, fields] of cases) {
      const response = await stack.as(SCHOOL).post<ErrorBody>('/api/webhooks', body);
      expect([response.status, response.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      expect(response.body.issues?.map((issue) => issue.field)).toEqual(fields);
      expect(JSON.stringify(response.body)).not.toContain(SECRET);
    }
  });

  it("keeps each organisation's webhooks its own: listed without secrets, and another's id is 404", async () => {
    const registered = await stack.as(SCHOOL).post<WebhookBody>('/api/webhooks', { url: receiver.url('/second'), secret: SECRET });
    expect([registered.status, registered.body.description]).toEqual([201, null]);

    const listed = await stack.as(SCHOOL).get<{ items: WebhookBody[] }>('/api/webhooks');
    expect(listed.body.items.map((hook) => hook.id)).toContain(registered.body.id);
    expect(JSON.stringify(listed.body)).not.toContain(SECRET);
    expect((await stack.as(OTHER_SCHOOL).get<{ items: WebhookBody[] }>('/api/webhooks')).body.items).toEqual([]);

    const foreign = await remove(OTHER_SCHOOL, registered.body.id);
    expect([foreign.status, (foreign.body as ErrorBody).code]).toEqual([404, 'NOT_FOUND']);
    expect((await remove(SCHOOL, randomUUID())).status).toBe(404);
    expect((await remove(SCHOOL, 'not-a-uuid')).status).toBe(400);

    expect((await remove(SCHOOL, registered.body.id)).status).toBe(204);
    expect((await stack.as(SCHOOL).get<{ items: WebhookBody[] }>('/api/webhooks')).body.items.map((hook) => hook.id)).not.toContain(registered.body.id);
    expect((await remove(SCHOOL, registered.body.id)).status).toBe(404);
  });

  it('sends nothing to a removed webhook', async () => {
    const registered = await stack.as(OTHER_SCHOOL).post<WebhookBody>('/api/webhooks', { url: receiver.url('/removed'), secret: SECRET });
    expect((await remove(OTHER_SCHOOL, registered.body.id)).status).toBe(204);

    const input = notification({ role: 'school', org: OTHER_SCHOOL.org as string });
    await activities.recordNotification(input);

    expect(await deliveriesOf(input.notificationId)).toEqual([]);
    expect(receiver.received.filter((r) => r.rawBody.includes(input.notificationId))).toEqual([]);
  });

  it('allows webhooks to organisation roles only, and only with an organisation in the token', async () => {
    const admin = await stack.as({ sub: 'admin-1', role: 'admin' }).post<ErrorBody>('/api/webhooks', { url: receiver.url(), secret: SECRET });
    expect([admin.status, admin.body.code]).toEqual([403, 'FORBIDDEN']);
    const withoutOrg = await stack.as({ sub: 'gemeente-1', role: 'gemeente', region: 'swv-2801' }).post<ErrorBody>('/api/webhooks', { url: receiver.url(), secret: SECRET });
    expect([withoutOrg.status, withoutOrg.body.code]).toEqual([403, 'FORBIDDEN']);
    expect((await stack.as(null).get<ErrorBody>('/api/me/notifications')).status).toBe(401);
  });

  it("pages through a person's notifications, newest first", async () => {
    const recipient = { role: 'regisseur' as const, sub: REGISSEUR.sub };
    const base = Date.now();
    const inputs = [0, 1, 2].map((i) => notification(recipient, { kind: 'reminder', level: 0, rule: 'arrangementApproval', occurredAt: new Date(base + i * 1000).toISOString() }));
    for (const input of inputs) await activities.recordNotification(input);

    const first = await stack.as(REGISSEUR).get<NotificationListBody>('/api/me/notifications?limit=2');
    expect(first.body.items.map((item) => item.id)).toEqual([inputs[2]?.notificationId, inputs[1]?.notificationId]);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await stack.as(REGISSEUR).get<NotificationListBody>(`/api/me/notifications?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body).toEqual({ items: [expect.objectContaining({ id: inputs[0]?.notificationId })], nextCursor: null });

    // Addressed to this regisseur in person: a colleague of the same organisation does not see it.
    const colleague = await stack.as({ ...REGISSEUR, sub: 'regisseur-2' }).get<NotificationListBody>('/api/me/notifications');
    expect(colleague.body.items.map((item) => item.id)).not.toContain(inputs[0]?.notificationId);

    const bad = await stack.as(REGISSEUR).get<ErrorBody>('/api/me/notifications?cursor=bogus&limit=0');
    expect([bad.status, bad.body.issues?.map((issue) => issue.field).sort()]).toEqual([400, ['cursor', 'limit']]);
  });

  it('documents the endpoints in OpenAPI, the webhook body from the domain schema', async () => {
    type Schema = { $ref?: string; required?: string[]; properties?: Record<string, unknown> };
    type Doc = { paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: Schema }> } }>>; components: { schemas: Record<string, Schema> } };
    const response = await stack.as(null).get<Doc>('/api/docs-json');
    const body = response.body.paths['/api/webhooks']?.['post']?.requestBody?.content['application/json']?.schema;
    expect(body?.$ref).toBe('#/components/schemas/WebhookRequest');
    const register = response.body.components.schemas['WebhookRequest'];
    expect(register?.required).toEqual(['url', 'secret']);
    expect(Object.keys(register?.properties ?? {})).toEqual(['url', 'secret', 'description']);
    expect(Object.keys(response.body.paths['/api/webhooks/{id}'] ?? {})).toEqual(['delete']);
    expect(Object.keys(response.body.paths['/api/me/notifications'] ?? {})).toEqual(['get']);
  });
});
