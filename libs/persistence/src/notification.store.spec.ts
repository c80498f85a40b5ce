import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createReadModelDataSource } from './data-source.factory';
import { NotificationEntity } from './entities/notification.entity';
import { WebhookDeliveryEntity } from './entities/webhook-delivery.entity';
import { WebhookSubscriptionEntity } from './entities/webhook-subscription.entity';
import { NotificationStore, type NotificationRecordInput } from './notification.store';
import { createTestDatabase, type TestDatabase } from './test-database.test-helper';

const SECRET = 'whsec-0123456789abcdef0123456789abcdef';

function notification(recipient: NotificationRecordInput['recipient'], overrides: Partial<NotificationRecordInput> = {}): NotificationRecordInput {
  return {
    notificationId: randomUUID(),
    referralId: randomUUID(),
    kind: 'escalation',
    rule: 'toewijzing',
    level: 1,
    dueAt: '2026-12-01T22:59:59.999Z',
    occurredAt: '2026-12-01T23:00:00.000Z',
    recipient,
    message: 'Escalatie niveau 1: de toewijzing door het loket is over de termijn (uiterlijk 2026-12-01).',
    ...overrides,
  };
}

describe('NotificationStore (real Postgres)', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let store: NotificationStore;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await createReadModelDataSource({ url: database.url }).initialize();
    store = new NotificationStore(dataSource);
  }, 30_000);

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  async function subscribe(org: string, role: WebhookSubscriptionEntity['role'], region: string | null = null): Promise<string> {
    const repository = dataSource.getRepository(WebhookSubscriptionEntity);
    const row = await repository.save(repository.create({ org, role, region, url: `https://${org}.example.nl/hook`, secret: SECRET, description: null, createdBy: `${role}-1`, disabledAt: null }));
    return row.id;
  }

  const deliveriesOf = (notificationId: string) =>
    dataSource.getRepository(WebhookDeliveryEntity).find({ where: { notificationId }, order: { createdAt: 'ASC' } });

  it('records a notification once and one delivery per matching webhook when the same notification arrives twice', async () => {
    const org = `zorg-${randomUUID().slice(0, 8)}`;
    const first = await subscribe(org, 'provider', 'swv-2801');
    const second = await subscribe(org, 'provider', 'swv-2801');
    const input = notification({ role: 'provider', org });

    const recorded = await store.record(input);
    const retried = await store.record(input);

    expect([recorded.notificationWritten, recorded.deliveriesCreated, recorded.pendingDeliveryIds.length]).toEqual([true, 2, 2]);
    expect(retried).toEqual({ notificationWritten: false, deliveriesCreated: 0, pendingDeliveryIds: recorded.pendingDeliveryIds });
    expect(await dataSource.getRepository(NotificationEntity).countBy({ id: input.notificationId })).toBe(1);
    const deliveries = await deliveriesOf(input.notificationId);
    expect(deliveries.map((d) => d.subscriptionId).sort()).toEqual([first, second].sort());
    expect(deliveries.map((d) => [d.status, d.attempts, d.lastError, d.deliveredAt])).toEqual([
      ['pending', 0, null, null],
      ['pending', 0, null, null],
    ]);
  });

  it('keeps the notification as sent: recipient, times and message', async () => {
    const input = notification({ role: 'regisseur', sub: 'regisseur-1' }, { kind: 'reminder', level: 0, rule: 'arrangementApproval' });
    await store.record(input);
    const row = await dataSource.getRepository(NotificationEntity).findOneByOrFail({ id: input.notificationId });
    expect(row).toMatchObject({
      referralId: input.referralId,
      kind: 'reminder',
      rule: 'arrangementApproval',
      level: 0,
      dueAt: new Date(input.dueAt),
      occurredAt: new Date(input.occurredAt),
      recipientRole: 'regisseur',
      recipientOrg: null,
      recipientRegion: null,
      recipientSub: 'regisseur-1',
      message: input.message,
    });
  });

  it("delivers to the addressed organisation's active webhooks only", async () => {
    const org = `zorg-${randomUUID().slice(0, 8)}`;
    const active = await subscribe(org, 'provider');
    const removed = await subscribe(org, 'provider');
    await dataSource.getRepository(WebhookSubscriptionEntity).update({ id: removed }, { disabledAt: new Date() });
    await subscribe(`other-${randomUUID().slice(0, 8)}`, 'provider');

    const input = notification({ role: 'provider', org });
    await store.record(input);

    expect((await deliveriesOf(input.notificationId)).map((d) => d.subscriptionId)).toEqual([active]);
  });

  it("lets a school board's webhook receive its vestigingen's notifications", async () => {
    const board = randomUUID().slice(0, 4).toUpperCase().replace(/[^A-Z0-9]/g, 'X');
    const boardHook = await subscribe(board, 'school');
    const input = notification({ role: 'school', org: `${board}01` }, { rule: 'zorgplicht' });
    await store.record(input);
    expect((await deliveriesOf(input.notificationId)).map((d) => d.subscriptionId)).toEqual([boardHook]);
  });

  it('delivers a notice for a role in a region to that role’s webhooks in that region', async () => {
    const region = `swv-${randomUUID().slice(0, 8)}`;
    const leerplicht = await subscribe('leerplicht-0363', 'leerplicht', region);
    await subscribe('loket-x', 'loket', region);
    await subscribe('leerplicht-0518', 'leerplicht', `${region}-other`);

    const input = notification({ role: 'leerplicht', region }, { kind: 'thuiszitter', rule: 'thuiszitter', level: 0 });
    await store.record(input);

    expect((await deliveriesOf(input.notificationId)).map((d) => d.subscriptionId)).toEqual([leerplicht]);
  });

  it('creates no delivery for a notice to a person only', async () => {
    const input = notification({ role: 'regisseur', sub: 'regisseur-1' });
    expect((await store.record(input)).deliveriesCreated).toBe(0);
  });

  it('counts attempts, keeps the last error, and never moves a delivered delivery back', async () => {
    const org = `zorg-${randomUUID().slice(0, 8)}`;
    await subscribe(org, 'provider');
    const input = notification({ role: 'provider', org });
    const [deliveryId] = (await store.record(input)).pendingDeliveryIds as [string];

    expect(await store.beginAttempt(deliveryId)).toBe(1);
    await store.recordFailedAttempt(deliveryId, 'receiver answered HTTP 500');
    expect(await store.beginAttempt(deliveryId)).toBe(2);
    expect(await store.markDelivered(deliveryId)).toBe(true);

    expect(await store.beginAttempt(deliveryId)).toBeNull();
    expect(await store.markFailed(deliveryId)).toBe(false);
    expect(await store.markDelivered(deliveryId)).toBe(false);
    const target = await store.loadDelivery(deliveryId);
    expect(target).toMatchObject({ deliveryId, status: 'delivered', attempts: 2, subscription: { url: `https://${org}.example.nl/hook`, secret: SECRET, disabled: false } });
    expect(target?.notification).toEqual({ ...input, dueAt: '2026-12-01T22:59:59.999Z', occurredAt: '2026-12-01T23:00:00.000Z' });
    const row = await dataSource.getRepository(WebhookDeliveryEntity).findOneByOrFail({ id: deliveryId });
    expect([row.status, row.lastError, row.deliveredAt instanceof Date]).toEqual(['delivered', null, true]);
    expect((await store.record(input)).pendingDeliveryIds).toEqual([]);
  });

  it('gives a delivery up keeping its last error', async () => {
    const org = `zorg-${randomUUID().slice(0, 8)}`;
    await subscribe(org, 'provider');
    const [deliveryId] = (await store.record(notification({ role: 'provider', org }))).pendingDeliveryIds as [string];
    await store.beginAttempt(deliveryId);
    await store.recordFailedAttempt(deliveryId, 'no answer within 10 s');

    expect(await store.markFailed(deliveryId)).toBe(true);

    const row = await dataSource.getRepository(WebhookDeliveryEntity).findOneByOrFail({ id: deliveryId });
    expect([row.status, row.attempts, row.lastError]).toEqual(['failed', 1, 'no answer within 10 s']);
    expect(await store.markDelivered(deliveryId)).toBe(false);
  });

  it('answers null for an unknown delivery', async () => {
    expect(await store.loadDelivery(randomUUID())).toBeNull();
  });
});
