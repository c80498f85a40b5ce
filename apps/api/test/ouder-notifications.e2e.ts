import { randomBytes, randomUUID } from 'node:crypto';
import type { Actor } from '@schakel/domain';
import { LOKET } from '@schakel/domain/testing';
import { NotificationStore, type NotificationRecordInput } from '@schakel/persistence';
import { ApiTestStack } from './api-e2e.test-helper';

/**
 * Issue 11 §3 and §6: a wachtlijst entry that lapses tells the parents themselves (recipient role `ouder`, stored
 * with the child's reference), so a parent — or the young person acting for themselves — reads it in
 * `GET /api/me/notifications`, and nobody else's. The rows are written by the worker's own NotificationStore, as the
 * recordNotification activity does; real Postgres, real HTTP.
 */
describe("parents' notifications (real Postgres)", () => {
  let stack: ApiTestStack;
  const marker = randomBytes(4).toString('hex');
  const childRef = `lln-melding-${marker}`;
  const otherChild = `lln-andere-melding-${marker}`;
  const OUDER: Actor = { sub: `digid-${marker}`, role: 'ouder', children: [childRef] };
  const JONGERE: Actor = { sub: `digid-jongere-${marker}`, role: 'jongere', children: [childRef] };
  const OTHER_OUDER: Actor = { sub: `digid-ander-${marker}`, role: 'ouder', children: [otherChild] };
  const ids: Record<string, string> = { ownParents: randomUUID(), otherParents: randomUUID(), loket: randomUUID() };

  const lapse = (notificationId: string, child: string, recipient: NotificationRecordInput['recipient']): NotificationRecordInput => ({
    notificationId,
    referralId: randomUUID(),
    childRef: child,
    kind: 'escalation',
    rule: 'wachtlijstVerlopen',
    level: 1,
    dueAt: '2026-05-15T22:00:00.000Z',
    occurredAt: new Date().toISOString(),
    recipient,
    message: 'De beschikking of toelaatbaarheidsverklaring van uw kind is op 2026-05-15 verlopen terwijl uw kind op de wachtlijst stond.',
  });

  beforeAll(async () => {
    stack = await ApiTestStack.start();
    const store = new NotificationStore(stack.readModel);
    await store.record(lapse(ids.ownParents, childRef, { role: 'ouder' }));
    await store.record(lapse(ids.otherParents, otherChild, { role: 'ouder' }));
    await store.record(lapse(ids.loket, childRef, { role: 'loket', region: LOKET.region as string }));
  }, 60_000);

  afterAll(async () => {
    await stack?.stop();
  }, 60_000);

  const seenBy = async (actor: Actor): Promise<string[]> => {
    const response = await stack.as(actor).get<{ items: Array<{ id: string }> }>('/api/me/notifications?limit=100');
    expect(response.status).toBe(200);
    return response.body.items.map((item) => item.id).filter((id) => Object.values(ids).includes(id));
  };

  it("shows the parents' notice to the parent and to the young person of that child only", async () => {
    expect(await seenBy(OUDER)).toEqual([ids.ownParents]);
    expect(await seenBy(JONGERE)).toEqual([ids.ownParents]);
    expect(await seenBy(OTHER_OUDER)).toEqual([ids.otherParents]);
  });

  it("keeps the parents' notices out of the loket's list, which has its own", async () => {
    expect(await seenBy(LOKET)).toEqual([ids.loket]);
  });
});
