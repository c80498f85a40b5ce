import { randomBytes } from 'node:crypto';
import type { Actor, WachtlijstState } from '@schakel/domain';
import { ADMIN, LOKET, OTHER_LOKET, OTHER_REGISSEUR, REGISSEUR, SCHOOL, startReferralBody } from '@schakel/domain/testing';
import { UpstreamUnavailableError } from '../src/errors/upstream-unavailable.error';
import type { AanbodResponseDto } from '../src/providers/dto/aanbod.response';
import type { WachtlijstMonitorResponseDto } from '../src/monitor/dto/wachtlijst-monitor.response';
import type { OverbruggingResponseDto } from '../src/referrals/dto/overbrugging.response';
import { TemporalGateway } from '../src/temporal/temporal.gateway';
import { eventually, type ApiTestStack, type ErrorBody, type ReferralStateBody } from './api-e2e.test-helper';
import { WachtlijstTestStack } from './wachtlijst-stack.test-helper';

jest.setTimeout(120_000);

/**
 * Issue 11 §3-4 through the API on the real stack: a capacity raised in the catalogue reaches the aanbod's running
 * wachtlijst (which admits the first waiting case in policy order, and places_taken follows), idempotently and
 * without losing the change when Temporal does not answer; and overbruggingszorg recorded on a waiting case
 * (POST /api/referrals/:id/overbrugging, and its end) moves its escalation moment and the monitor's netto count.
 */
describe('wachtlijst: capacity from the catalogue, overbrugging on the case', () => {
  let wachtlijsten: WachtlijstTestStack;
  let stack: ApiTestStack;

  beforeAll(async () => {
    wachtlijsten = await WachtlijstTestStack.start();
    ({ stack } = wachtlijsten);
  }, 60_000);

  afterAll(async () => {
    await wachtlijsten?.stop();
  }, 60_000);

  const oza = (capacity: number) => wachtlijsten.ozaAanbod(capacity);

  async function placedCase(aanbodId: string, thuiszitter = false): Promise<{ referralId: string; stage: string }> {
    const childRef = `lln-${randomBytes(3).toString('hex')}`;
    const body = startReferralBody({ childRef, thuiszitter: thuiszitter ? { isThuiszitter: true, since: '2026-09-01' } : { isThuiszitter: false } });
    const started = await stack.as(SCHOOL).post<{ referralId: string }>('/api/referrals', body);
    expect(started.status).toBe(201);
    const placed = await stack.as(LOKET).post<ReferralStateBody>(`/api/referrals/${started.body.referralId}/toewijzing`, { route: 'gecombineerd', regisseurId: REGISSEUR.sub, aanbodId });
    expect(placed.status).toBe(200);
    return { referralId: started.body.referralId, stage: placed.body.stage };
  }

  const listOf = (aanbodId: string): Promise<WachtlijstState> => wachtlijsten.listOf(aanbodId);
  const stageOf = async (referralId: string) => (await stack.as(LOKET).get<ReferralStateBody>(`/api/referrals/${referralId}`)).body.stage;
  const placesTaken = (aanbodId: string): Promise<number> => wachtlijsten.placesTaken(aanbodId);
  const patchCapacity = (aanbodId: string, capacity: number) => stack.as(LOKET).patch<AanbodResponseDto & ErrorBody>(`/api/providers/${aanbodId}`, { capacity });

  it('passes a raised capacity on to the running list: the first case in policy order is admitted, places_taken follows', async () => {
    const aanbodId = await oza(1);
    expect((await placedCase(aanbodId)).stage).toBe('arrangement');
    const longest = await placedCase(aanbodId);
    const thuiszitter = await placedCase(aanbodId, true);
    expect([longest.stage, thuiszitter.stage]).toEqual(['wacht_op_plaats', 'wacht_op_plaats']);
    // Policy order: the thuiszitter first, although the other case waits longer.
    expect((await listOf(aanbodId)).queue.map((e) => e.referralId)).toEqual([thuiszitter.referralId, longest.referralId]);
    await eventually(() => placesTaken(aanbodId), (n) => n === 1);

    const raised = await patchCapacity(aanbodId, 2);
    expect(raised.status).toBe(200);
    expect(raised.body).toMatchObject({ capacity: 2 });
    await eventually(() => stageOf(thuiszitter.referralId), (stage) => stage === 'arrangement');
    expect(await stageOf(longest.referralId)).toBe('wacht_op_plaats');
    await eventually(() => placesTaken(aanbodId), (n) => n === 2);
    const list = await listOf(aanbodId);
    expect({ capacity: list.capacity, queue: list.queue.map((e) => e.referralId), occupants: list.occupants.length }).toEqual({ capacity: 2, queue: [longest.referralId], occupants: 2 });

    // Temporal does not answer while the next raise is passed on: the change is kept (and says so), the list not told.
    const gateway = stack.app.get(TemporalGateway);
    const unreachable = jest.spyOn(gateway, 'changeWachtlijstCapacity').mockRejectedValueOnce(new UpstreamUnavailableError('temporal', 'Temporal is not reachable'));
    const lost = await patchCapacity(aanbodId, 3);
    unreachable.mockRestore();
    expect(lost.status).toBe(503);
    expect(lost.body.code).toBe('SERVICE_UNAVAILABLE');
    expect(lost.body.message).toMatch(/change is stored \(version \d+, capacity 3\).*Repeat this PATCH/);
    expect((await stack.as(LOKET).get<AanbodResponseDto>(`/api/providers/${aanbodId}`)).body.capacity).toBe(3);
    expect((await listOf(aanbodId)).capacity).toBe(2);
    expect(await stageOf(longest.referralId)).toBe('wacht_op_plaats');

    // Repeating the PATCH passes it on; repeating it again changes nothing more (one Update id per version).
    expect((await patchCapacity(aanbodId, 3)).status).toBe(200);
    await eventually(() => stageOf(longest.referralId), (stage) => stage === 'arrangement');
    await eventually(() => placesTaken(aanbodId), (n) => n === 3);
    const last = await patchCapacity(aanbodId, 3);
    expect(last.status).toBe(200);
    // The Update id is fixed per version: a late retry of that version's Update is answered, not applied again.
    await gateway.changeWachtlijstCapacity(aanbodId, { actor: LOKET, body: { capacity: 1 } }, `${aanbodId}:capaciteit-v${last.body.version}`);
    const after = await listOf(aanbodId);
    expect({ capacity: after.capacity, occupants: after.occupants.length, queue: after.queue.length }).toEqual({ capacity: 3, occupants: 3, queue: 0 });
  });

  it('starts no list for an aanbod nobody waits for', async () => {
    const aanbodId = await oza(2);
    const changed = await patchCapacity(aanbodId, 5);
    expect(changed.status).toBe(200);
    expect(changed.body.capacity).toBe(5);
    await expect(listOf(aanbodId)).rejects.toThrow();
    // A wrong value changes nothing, in the catalogue or elsewhere.
    const refused = await patchCapacity(aanbodId, -1);
    expect(refused.status).toBe(400);
    expect(refused.body.issues?.map((i) => i.field)).toEqual(['capacity']);
  });

  it('records overbrugging on a waiting case: a later escalation, the monitor’s netto count, audited, idempotent', async () => {
    const aanbodId = await oza(0);
    const waiting = await placedCase(aanbodId);
    expect(waiting.stage).toBe('wacht_op_plaats');
    const path = `/api/referrals/${waiting.referralId}/overbrugging`;
    const entry = async () => (await listOf(aanbodId)).queue.find((e) => e.referralId === waiting.referralId);
    const before = await entry();
    expect(before?.wait.rule).toBe('wachttijdZonderOverbrugging');
    const figures = async () =>
      (await stack.as(LOKET).get<WachtlijstMonitorResponseDto>('/api/monitor/wachtlijsten')).body.groups.find((g) => g.region === 'swv-2801' && g.kind === 'onderwijszorgarrangement');
    await eventually(figures, (g) => g !== undefined && g.waitingWithoutOverbrugging >= 1);
    const withoutBefore = (await figures())?.waitingWithoutOverbrugging ?? 0;

    // Wrong role, other region, not the case's regisseur; bad input: refused, and nothing changes.
    const unchanged = JSON.stringify(await entry());
    const refusals: Array<[Actor, unknown, number, string]> = [
      [SCHOOL, { form: 'ambulanteHulp' }, 403, 'FORBIDDEN'],
      [ADMIN, { form: 'ambulanteHulp' }, 403, 'FORBIDDEN'],
      [OTHER_LOKET, { form: 'ambulanteHulp' }, 404, 'NOT_FOUND'],
      [OTHER_REGISSEUR, { form: 'ambulanteHulp' }, 403, 'NOT_ASSIGNED_REGISSEUR'],
      [LOKET, { form: 'knuffelen' }, 400, 'VALIDATION_FAILED'],
      [LOKET, {}, 400, 'VALIDATION_FAILED'],
    ];
    for (const [actor, body, status, code] of refusals) {
      const refused = await stack.as(actor).post<ErrorBody>(path, body);
      expect({ role: actor.role, status: refused.status, code: refused.body.code }).toEqual({ role: actor.role, status, code });
      if (status === 400) expect(refused.body.issues?.map((i) => i.field)).toEqual(['form']);
    }
    const extra = await stack.as(LOKET).post<ErrorBody>(path, { form: 'ambulanteHulp', naam: 'Jan' });
    // An unknown field (free text about the child would be one) is refused by name.
    expect({ status: extra.status, message: extra.body.message }).toEqual({ status: 400, message: expect.stringContaining('naam') });
    expect(JSON.stringify(await entry())).toBe(unchanged);

    // The case's regisseur records it, with an Idempotency-Key: a retry answers the same, once.
    const headers = { 'Idempotency-Key': `overbrugging-${randomBytes(4).toString('hex')}` };
    const recorded = await stack.as(REGISSEUR).post<OverbruggingResponseDto>(path, { form: 'ambulanteHulp' }, headers);
    expect(recorded.status).toBe(200);
    expect(recorded.body).toEqual({ referralId: waiting.referralId, aanbodId, overbrugging: 'ambulanteHulp', status: 'wachtend', position: 1, waiting: 1, freePlaces: 0 });
    const retried = await stack.as(REGISSEUR).post<OverbruggingResponseDto>(path, { form: 'ambulanteHulp' }, headers);
    expect({ status: retried.status, body: retried.body }).toEqual({ status: 200, body: recorded.body });
    // Without the key the same form again is a conflict: it is already recorded.
    expect((await stack.as(LOKET).post<ErrorBody>(path, { form: 'ambulanteHulp' })).body.code).toBe('STAGE_CONFLICT');

    // The escalation moment moved: the longer norm `wachttijd`, from the same start.
    const after = await entry();
    expect(after?.wait.rule).toBe('wachttijd');
    expect(after?.overbrugging).toBe('ambulanteHulp');
    expect(Date.parse(after?.wait.dueAt ?? '')).toBeGreaterThan(Date.parse(before?.wait.dueAt ?? ''));
    await eventually(figures, (g) => g?.waitingWithoutOverbrugging === withoutBefore - 1);

    // Ended by the loket: back under the sooner norm, and counted as waiting without overbrugging again.
    const ended = await stack.as(LOKET).post<OverbruggingResponseDto>(`${path}/end`, {});
    expect(ended.status).toBe(200);
    expect(ended.body.overbrugging).toBeNull();
    expect((await entry())?.wait.rule).toBe('wachttijdZonderOverbrugging');
    expect((await entry())?.overbruggingPeriods?.length).toBe(1);
    await eventually(figures, (g) => g?.waitingWithoutOverbrugging === withoutBefore);
    expect((await stack.as(LOKET).post<ErrorBody>(`${path}/end`, { reden: 'x' })).status).toBe(400);

    const trail = await stack.as(ADMIN).get<{ items: Array<{ action: string; aanbodId: string | null }> }>(`/api/audit?case=${waiting.referralId}&limit=500`);
    const actions = trail.body.items.map((e) => e.action);
    expect(actions.filter((a) => a === 'referral.overbrugging')).toHaveLength(2);
    expect(actions).toContain('referral.overbrugging.end');
    expect(trail.body.items.find((e) => e.action === 'referral.overbrugging')?.aanbodId).toBe(aanbodId);

    // A case that does not wait (toewijzing stage) cannot have it: 409.
    const notWaiting = await stack.as(SCHOOL).post<{ referralId: string }>('/api/referrals', startReferralBody({ childRef: `lln-${randomBytes(3).toString('hex')}` }));
    const conflict = await stack.as(LOKET).post<ErrorBody>(`/api/referrals/${notWaiting.body.referralId}/overbrugging`, { form: 'zorgbemiddeling' });
    expect({ status: conflict.status, code: conflict.body.code }).toEqual({ status: 409, code: 'STAGE_CONFLICT' });
  });
});
