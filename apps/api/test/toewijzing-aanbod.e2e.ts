import { randomBytes } from 'node:crypto';
import type { Actor } from '@schakel/domain';
import { aanbodBody, LOKET, REGISSEUR, SCHOOL, startReferralBody } from '@schakel/domain/testing';
import type { AanbodListResponseDto } from '../src/providers/dto/aanbod.response';
import { eventually, type ApiTestStack, type ErrorBody, type ListBody, type ReferralStateBody, type TimelineBody } from './api-e2e.test-helper';
import { WachtlijstTestStack } from './wachtlijst-stack.test-helper';

jest.setTimeout(120_000);

type PlacedState = ReferralStateBody & { toewijzingen: Array<{ providerId?: string; aanbodId?: string; place?: { aanbodId: string; status: string } }> };

/**
 * Issue 11 §2 through the API, on the real Temporal dev server and real Postgres: a toewijzing names an aanbod of
 * the catalogue; a free place is taken at once, a full aanbod puts the case on its wachtlijst in `wacht_op_plaats`,
 * a freed place admits it, a withdrawal takes it off the list or frees its place, a misfit is refused, and
 * `aanbod.places_taken` follows all of it.
 */
describe('toewijzing to an aanbod of the catalogue', () => {
  let wachtlijsten: WachtlijstTestStack;
  let stack: ApiTestStack;

  beforeAll(async () => {
    wachtlijsten = await WachtlijstTestStack.start();
    ({ stack } = wachtlijsten);
  }, 60_000);

  afterAll(async () => {
    await wachtlijsten?.stop();
  }, 60_000);

  const oza = (capacity: number, extra: Parameters<typeof aanbodBody>[0] = {}) => wachtlijsten.ozaAanbod(capacity, extra);
  const createAanbod = (overrides: Parameters<typeof aanbodBody>[0]) => wachtlijsten.aanbod(overrides);

  async function startReferral(childRef = `lln-${randomBytes(3).toString('hex')}`): Promise<string> {
    const started = await stack.as(SCHOOL).post<{ referralId: string }>('/api/referrals', startReferralBody({ childRef }));
    expect(started.status).toBe(201);
    return started.body.referralId;
  }

  const toewijzing = (referralId: string, body: Record<string, unknown>) =>
    stack.as(LOKET).post<PlacedState & ErrorBody>(`/api/referrals/${referralId}/toewijzing`, { route: 'gecombineerd', regisseurId: REGISSEUR.sub, ...body });
  const withdraw = (referralId: string, actor: Actor = SCHOOL) => stack.as(actor).post<PlacedState>(`/api/referrals/${referralId}/withdraw`, { reason: 'De ouders kiezen een andere school' });
  const stateOf = async (referralId: string) => (await stack.as(LOKET).get<PlacedState>(`/api/referrals/${referralId}`)).body;
  const timelineOf = async (referralId: string) => (await stack.as(LOKET).get<TimelineBody>(`/api/referrals/${referralId}/events`)).body.items;
  const placesTaken = (aanbodId: string): Promise<number> => wachtlijsten.placesTaken(aanbodId);
  const freeIds = async (): Promise<string[]> =>
    (await stack.as(SCHOOL).get<AanbodListResponseDto>('/api/providers?withFreePlaces=true&limit=100')).body.items.map((item) => item.id);
  const snapshot = async (referralId: string) => JSON.stringify({ state: await stateOf(referralId), aanbod: await stack.readModel.query(`SELECT id, places_taken, version FROM aanbod ORDER BY id`) });

  it('takes a free place at once, waits on a full aanbod, admits on a freed place, and places_taken follows', async () => {
    const aanbodId = await oza(1);
    expect(await freeIds()).toContain(aanbodId);

    // A free place: taken at once, the aanbieder becomes the provider.
    const first = await startReferral();
    const placed = await toewijzing(first, { aanbodId });
    expect(placed.status).toBe(200);
    expect(placed.body.stage).toBe('arrangement');
    expect(placed.body.toewijzingen[0]).toMatchObject({ aanbodId, providerId: 'oza-debrug', place: { aanbodId, status: 'toegelaten' } });
    await eventually(() => placesTaken(aanbodId), (n) => n === 1);
    expect(await freeIds()).not.toContain(aanbodId);

    // Full: the second case waits in its own stage, on the timeline and in the work list.
    const second = await startReferral();
    const waiting = await toewijzing(second, { aanbodId });
    expect(waiting.status).toBe(200);
    expect(waiting.body.stage).toBe('wacht_op_plaats');
    const joined = (await timelineOf(second)).find((e) => e.type === 'wachtlijst.joined');
    expect(joined).toMatchObject({ stage: 'wacht_op_plaats', data: { aanbodId, position: 1 } });
    const list = await stack.as(LOKET).get<ListBody>('/api/referrals?stage=wacht_op_plaats');
    expect(list.body.items.map((item) => item.referralId)).toContain(second);
    expect(list.body.items.find((item) => item.referralId === second)?.stage).toBe('wacht_op_plaats');
    expect(await placesTaken(aanbodId)).toBe(1);

    // The first case is withdrawn: its place goes to the waiting case, which moves on to the arrangement.
    expect((await withdraw(first)).body.stage).toBe('ingetrokken');
    const admitted = await eventually(() => stateOf(second), (s) => s.stage === 'arrangement');
    expect(admitted.toewijzingen[0]?.place).toMatchObject({ status: 'toegelaten' });
    await eventually(() => timelineOf(second), (items) => items.some((e) => e.type === 'wachtlijst.admitted' && e.stage === 'arrangement'));
    const listState = await wachtlijsten.listOf(aanbodId);
    expect(listState.occupants.map((o) => o.referralId)).toEqual([second]);
    expect(await placesTaken(aanbodId)).toBe(1);

    // A third case waits, and is withdrawn while waiting: off the list with its reason; nothing else moves.
    const third = await startReferral();
    expect((await toewijzing(third, { aanbodId })).body.stage).toBe('wacht_op_plaats');
    expect((await withdraw(third, LOKET)).body.stage).toBe('ingetrokken');
    const left = (await timelineOf(third)).find((e) => e.type === 'wachtlijst.left');
    expect(left).toMatchObject({ data: { aanbodId, was: 'wachtend', reason: 'ingetrokken' } });
    const after = await wachtlijsten.listOf(aanbodId);
    expect(after.queue).toEqual([]);
    expect(after.closed.find((c) => c.referralId === third)).toMatchObject({ outcome: 'verwijderd', reason: 'ingetrokken' });
    expect(await placesTaken(aanbodId)).toBe(1);

    // The admitted case is withdrawn too: the place is free again, in the list and in the catalogue.
    await withdraw(second);
    await eventually(() => placesTaken(aanbodId), (n) => n === 0);
    expect(await freeIds()).toContain(aanbodId);
  });

  it('refuses an aanbod that does not fit the case (409 AANBOD_MISFIT naming aanbodId) and changes nothing', async () => {
    const so = await createAanbod({ name: `SO De Vuurtoren ${randomBytes(2).toString('hex')}` }); // route onderwijs
    const referralId = await startReferral();
    const before = await snapshot(referralId);
    const refused = await toewijzing(referralId, { aanbodId: so });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('AANBOD_MISFIT');
    expect(refused.body.message).toMatch(/route/);
    expect(refused.body.issues?.map((i) => i.field)).toEqual(['aanbodId']);
    expect(await snapshot(referralId)).toBe(before);

    // The age, judged from the date of birth in the personal details (a 9-year-old; the aanbod takes 14-18).
    const childRef = `lln-${randomBytes(3).toString('hex')}`;
    const older = await oza(3, { ages: { from: 14, to: 18 }, sectors: ['PO', 'VO'] });
    const young = await startReferral(childRef);
    const birthDate = `${new Date().getUTCFullYear() - 10}-01-01`;
    const details = await stack.as(SCHOOL).put(`/api/children/${childRef}/personal-details`, {
      child: { givenNames: 'Noor', familyName: 'Test', birthDate },
      parents: [{ name: 'Eva Test', relation: 'ouder', gezag: true, phone: '06 1234 5678' }],
    });
    expect(details.status).toBe(200);
    const tooYoung = await toewijzing(young, { aanbodId: older });
    expect(tooYoung.status).toBe(409);
    expect(tooYoung.body.issues).toEqual([{ field: 'aanbodId', message: expect.stringMatching(/^age: .*serves ages 14-18/) }]);
    expect((await stateOf(young)).stage).toBe('toewijzing');
    // A refused toewijzing started no list.
    await expect(wachtlijsten.listOf(older)).rejects.toThrow();
  });

  it('answers an unknown aanbod with 404 and a retired one with 400, both naming aanbodId', async () => {
    const referralId = await startReferral();
    const unknown = await toewijzing(referralId, { aanbodId: '00000000-0000-4000-8000-00000000dead' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.issues?.map((i) => i.field)).toEqual(['aanbodId']);

    const retiredId = await oza(2);
    expect((await stack.as(LOKET).post(`/api/providers/${retiredId}/retire`, { reason: 'Locatie gesloten' })).status).toBe(200);
    const retired = await toewijzing(referralId, { aanbodId: retiredId });
    expect(retired.status).toBe(400);
    expect(retired.body.issues?.map((i) => i.field)).toEqual(['aanbodId']);
    expect((await stateOf(referralId)).stage).toBe('toewijzing');

    // The free-text provider of cases from before the catalogue still works.
    const old = await toewijzing(referralId, { providerId: 'zorg-42' });
    expect(old.status).toBe(200);
    expect(old.body.stage).toBe('arrangement');
  });
});
