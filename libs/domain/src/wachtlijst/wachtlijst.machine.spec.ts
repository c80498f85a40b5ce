import type { Actor } from '../actor/actor';
import { NATIONAL_DEADLINE_POLICY } from '../deadline/national-deadline-policy.data';
import { DomainError } from '../errors/domain-error';
import { enqueueBody, secondsWachtlijstPolicy } from './wachtlijst.fixture';
import { resolveWachtlijstPolicy } from './wachtlijst-policy.resolver';
import { WachtlijstMachine, type WachtlijstStep } from './wachtlijst.machine';

const LOKET: Actor = { sub: 'loket-1', role: 'loket', org: 'swv-2801', region: 'swv-2801' };
const T0 = new Date('2026-03-02T09:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const WEEK = 7 * 86_400_000;

function list(capacity: number, placesTaken = capacity, policy = resolveWachtlijstPolicy(NATIONAL_DEADLINE_POLICY, 'swv-2801')) {
  return WachtlijstMachine.open({ aanbodId: 'aanbod-1', capacity, placesTaken, policy }, T0);
}
const step = (machine: WachtlijstMachine, name: WachtlijstStep, body: unknown, now = T0) => machine.apply(name, { actor: LOKET, body }, now);
const refusal = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  return undefined;
};
const waitingIds = (machine: WachtlijstMachine) => machine.state.queue.map((e) => e.referralId);
const admittedIds = (machine: WachtlijstMachine) => machine.pendingAdmissions.map((a) => a.referralId);

describe('WachtlijstMachine: queue and places', () => {
  it('puts a case on the list of a full aanbod, and admits one at once while a place is free', () => {
    const full = list(2);
    const a = enqueueBody();
    expect(step(full, 'enqueue', a)).toMatchObject({ status: 'wachtend', position: 1, freePlaces: 0, waiting: 1 });
    expect(full.pendingAdmissions).toEqual([]);

    const free = list(2, 1);
    const b = enqueueBody();
    expect(step(free, 'enqueue', b)).toMatchObject({ status: 'toegelaten', admissionId: 'aanbod-1-toelating-1', freePlaces: 0 });
    expect(free.pendingAdmissions).toEqual([expect.objectContaining({ admissionId: 'aanbod-1-toelating-1', aanbodId: 'aanbod-1', referralId: b.referralId })]);
  });

  it('admits exactly one case for one freed place, the first in the policy order', () => {
    const machine = list(1);
    const early = enqueueBody({ waitingSince: at(-3 * WEEK).toISOString() });
    const late = enqueueBody();
    const thuiszitter = enqueueBody({ thuiszitter: true });
    for (const body of [early, late, thuiszitter]) step(machine, 'enqueue', body);
    expect(waitingIds(machine)).toEqual([thuiszitter.referralId, early.referralId, late.referralId]);

    step(machine, 'placeFreed', { releaseId: 'arr-1', reason: 'vertrokken' }, at(1000));
    expect(admittedIds(machine)).toEqual([thuiszitter.referralId]);
    expect(waitingIds(machine)).toEqual([early.referralId, late.referralId]);
    expect(machine.freePlaces).toBe(0);
  });

  it('admits distinct cases when several places free at once, never more than are free', () => {
    const machine = list(1);
    const bodies = [enqueueBody(), enqueueBody(), enqueueBody()];
    for (const body of bodies) step(machine, 'enqueue', body);
    step(machine, 'changeCapacity', { capacity: 3 }, at(1000));
    expect(admittedIds(machine)).toEqual([bodies[0]?.referralId, bodies[1]?.referralId]);
    expect(new Set(machine.pendingAdmissions.map((a) => a.admissionId)).size).toBe(2);
    step(machine, 'changeCapacity', { capacity: 10 }, at(2000));
    expect(admittedIds(machine)).toHaveLength(3);
    expect(machine.state.queue).toEqual([]);
    // Ten places: one taken from before Schakel, three by the admitted cases.
    expect(machine.freePlaces).toBe(6);
  });

  it('answers a step that changes the places with counts and the admissions it decided, not the whole list', () => {
    const machine = list(1);
    const bodies = [enqueueBody(), enqueueBody(), enqueueBody()];
    for (const body of bodies) step(machine, 'enqueue', body);
    step(machine, 'changeCapacity', { capacity: 2 }, at(1000));
    const before = machine.pendingAdmissionIds();
    step(machine, 'changeCapacity', { capacity: 3 }, at(2000));
    const receipt = machine.receipt(before);
    expect(receipt).toEqual({
      aanbodId: 'aanbod-1',
      version: machine.state.version,
      capacity: 3,
      freePlaces: 0,
      waiting: 1,
      admitted: [{ admissionId: 'aanbod-1-toelating-2', referralId: bodies[1]?.referralId }],
    });
    expect(machine.receipt(machine.pendingAdmissionIds()).admitted).toEqual([]);
  });

  it('frees one place for a release given twice, and none for an occupant already gone', () => {
    const machine = list(1, 0);
    const first = enqueueBody();
    step(machine, 'enqueue', first);
    const waiting = [enqueueBody(), enqueueBody(), enqueueBody()];
    for (const body of waiting) step(machine, 'enqueue', body);

    step(machine, 'placeFreed', { releaseId: 'arr-9', referralId: first.referralId, reason: 'arrangementBeeindigd' }, at(1000));
    step(machine, 'placeFreed', { releaseId: 'arr-9', referralId: first.referralId, reason: 'arrangementBeeindigd' }, at(1001));
    step(machine, 'placeFreed', { releaseId: 'withdraw-x', referralId: first.referralId, reason: 'ingetrokken' }, at(1002));
    expect(admittedIds(machine)).toEqual([first.referralId, waiting[0]?.referralId]);
    expect(waitingIds(machine)).toEqual([waiting[1]?.referralId, waiting[2]?.referralId]);
  });

  it('refuses to free a place outside Schakel when none is taken', () => {
    const machine = list(1, 0);
    expect(refusal(() => machine.check('placeFreed', { actor: LOKET, body: { releaseId: 'r-1', reason: 'vertrokken' } }, T0))).toBe('STAGE_CONFLICT');
  });

  it('gives the place to the next case when the admitted referral is gone, and settles each admission once', () => {
    const machine = list(1, 0);
    const [a, b] = [enqueueBody(), enqueueBody()];
    step(machine, 'enqueue', a);
    step(machine, 'enqueue', b);
    const [admission] = machine.pendingAdmissions;
    machine.settleAdmission(admission?.admissionId ?? '', 'gone', at(1000));
    machine.settleAdmission(admission?.admissionId ?? '', 'gone', at(1001));
    expect(admittedIds(machine)).toEqual([b.referralId]);
    expect(machine.state.occupants.map((o) => o.referralId)).toEqual([b.referralId]);
    machine.settleAdmission('aanbod-1-toelating-2', 'confirmed', at(2000));
    expect(machine.pendingAdmissions).toEqual([]);
    expect(machine.state.closed.map((c) => [c.referralId, c.outcome])).toEqual([
      [a.referralId, 'vervallen'],
      [b.referralId, 'toegelaten'],
    ]);
  });

  it('admits nobody while a lowered capacity is still taken', () => {
    const machine = list(3);
    step(machine, 'enqueue', enqueueBody());
    step(machine, 'changeCapacity', { capacity: 1 });
    step(machine, 'placeFreed', { releaseId: 'r-1', reason: 'vertrokken' });
    step(machine, 'placeFreed', { releaseId: 'r-2', reason: 'vertrokken' });
    expect(machine.pendingAdmissions).toEqual([]);
    step(machine, 'placeFreed', { releaseId: 'r-3', reason: 'vertrokken' });
    expect(machine.pendingAdmissions).toHaveLength(1);
  });

  it('takes a case off the list with a reason, and refuses what is not waiting', () => {
    const machine = list(1, 0);
    const [admitted, waiting] = [enqueueBody(), enqueueBody()];
    step(machine, 'enqueue', admitted);
    step(machine, 'enqueue', waiting);
    step(machine, 'remove', { referralId: waiting.referralId, reason: 'anderAanbod' });
    expect(machine.state.queue).toEqual([]);
    expect(machine.state.closed.at(-1)).toMatchObject({ referralId: waiting.referralId, outcome: 'verwijderd', reason: 'anderAanbod', by: { sub: 'loket-1', role: 'loket' } });
    expect(refusal(() => machine.check('remove', { actor: LOKET, body: { referralId: admitted.referralId, reason: 'ingetrokken' } }, T0))).toBe('STAGE_CONFLICT');
    expect(refusal(() => machine.check('remove', { actor: LOKET, body: { referralId: waiting.referralId, reason: 'ingetrokken' } }, T0))).toBe('NOT_FOUND');
    expect(refusal(() => machine.check('remove', { actor: LOKET, body: { referralId: waiting.referralId, reason: 'zomaar' } }, T0))).toBe('VALIDATION_FAILED');
  });

  it('refuses a case twice, a BSN for a child, a wait from the future and a beschikking that has ended', () => {
    const machine = list(1);
    const body = enqueueBody();
    step(machine, 'enqueue', body);
    const check = (b: unknown) => refusal(() => machine.check('enqueue', { actor: LOKET, body: b }, T0));
    expect(check(body)).toBe('STAGE_CONFLICT');
    expect(check(enqueueBody({ childRef: '123456782' }))).toBe('VALIDATION_FAILED');
    expect(check(enqueueBody({ waitingSince: at(60_000).toISOString() }))).toBe('VALIDATION_FAILED');
    expect(check(enqueueBody({ validUntil: '2026-03-01' }))).toBe('VALIDATION_FAILED');
    expect(check({ ...enqueueBody(), naam: 'Jan' })).toBe('VALIDATION_FAILED');
    expect(check(enqueueBody({ validUntil: '2026-03-02' }))).toBeUndefined();
    expect(refusal(() => machine.check('enqueue', { body: enqueueBody() } as never, T0))).toBe('VALIDATION_FAILED');
  });

  it('changes nothing when a step is refused', () => {
    const machine = list(1);
    const before = JSON.stringify(machine.state);
    expect(refusal(() => step(machine, 'enqueue', enqueueBody({ urgency: 'morgen' as never })))).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(machine.state)).toBe(before);
  });
});

describe('WachtlijstMachine: waiting norms, overbrugging and verlopen (national policy)', () => {
  it('escalates a case without overbrugging after 9 weeks, and one with overbrugging only after 14', () => {
    const machine = list(1);
    const without = enqueueBody({ regisseurId: 'regisseur-7' });
    const withBridge = enqueueBody({ overbrugging: 'ambulanteHulp' });
    step(machine, 'enqueue', without);
    step(machine, 'enqueue', withBridge);

    machine.tick(at(8 * WEEK + 2 * 86_400_000));
    expect(machine.takeNotices().map((n) => [n.referralId, n.kind, n.rule])).toEqual([[without.referralId, 'reminder', 'wachttijdZonderOverbrugging']]);

    machine.tick(at(9 * WEEK + 86_400_000));
    const escalated = machine.takeNotices();
    expect(escalated.map((n) => [n.referralId, n.kind, n.level, n.recipient])).toEqual([
      [without.referralId, 'escalation', 1, { role: 'loket', region: 'swv-2801' }],
      [without.referralId, 'escalation', 1, { role: 'regisseur', sub: 'regisseur-7' }],
    ]);
    expect(escalated[0]?.message).toContain('zonder overbruggingszorg');

    machine.tick(at(14 * WEEK + 86_400_000));
    const later = machine.takeNotices();
    expect(later.filter((n) => n.referralId === withBridge.referralId).map((n) => [n.kind, n.rule, n.level])).toEqual([['escalation', 'wachttijd', 1]]);
    expect(later.filter((n) => n.referralId === without.referralId).map((n) => n.level)).toEqual([2, 3, 3]);
  });

  it('moves the escalation when overbrugging is recorded, and escalates at once when it stops past the sooner norm', () => {
    const machine = list(1);
    const body = enqueueBody();
    step(machine, 'enqueue', body);
    step(machine, 'recordOverbrugging', { referralId: body.referralId, overbrugging: 'zorgbemiddeling' }, at(WEEK));
    machine.tick(at(10 * WEEK));
    expect(machine.takeNotices()).toEqual([]);
    expect(machine.state.queue[0]?.wait.rule).toBe('wachttijd');

    step(machine, 'recordOverbrugging', { referralId: body.referralId, overbrugging: null }, at(11 * WEEK));
    expect(machine.nextWakeAt()).toBeLessThanOrEqual(at(11 * WEEK).getTime());
    machine.tick(at(11 * WEEK));
    // 11 weeks in: past the 9-week norm (level 1), not yet its second level (end of the day, 2 weeks later).
    expect(machine.takeNotices().map((n) => [n.kind, n.rule, n.level])).toEqual([['escalation', 'wachttijdZonderOverbrugging', 1]]);
    expect(refusal(() => machine.check('recordOverbrugging', { actor: LOKET, body: { referralId: body.referralId, overbrugging: null } }, T0))).toBe('STAGE_CONFLICT');
  });

  it('orders cases without overbrugging first when the policy says so, and re-orders when it is recorded', () => {
    const machine = list(1, 1, secondsWachtlijstPolicy({ criteria: ['zonderOverbrugging', 'langstWachtend'] }));
    const [first, second] = [enqueueBody({ overbrugging: 'ambulanteHulp' }), enqueueBody()];
    step(machine, 'enqueue', first);
    step(machine, 'enqueue', second, at(1000));
    expect(waitingIds(machine)).toEqual([second.referralId, first.referralId]);
    step(machine, 'recordOverbrugging', { referralId: second.referralId, overbrugging: 'reboundOpdc' }, at(2000));
    expect(waitingIds(machine)).toEqual([first.referralId, second.referralId]);
  });

  it('makes an entry verlopen when its beschikking ends while it waits: off the list, the loket and the parents told', () => {
    const machine = list(1);
    // With overbrugging: its 14-week norm is not reached before the beschikking ends.
    const body = enqueueBody({ validUntil: '2026-05-15', regisseurId: 'regisseur-7', overbrugging: 'ambulanteHulp' });
    step(machine, 'enqueue', body);
    machine.tick(new Date('2026-04-17T22:30:00.000Z'));
    const reminder = machine.takeNotices();
    expect(reminder.map((n) => [n.kind, n.rule, n.recipient.role])).toEqual([['reminder', 'wachtlijstVerlopen', 'loket']]);
    expect(reminder[0]?.message).toContain('2026-05-15');

    machine.tick(new Date('2026-05-15T21:00:00.000Z'));
    expect(machine.takeNotices()).toEqual([]);
    machine.tick(new Date('2026-05-15T22:00:00.000Z'));
    const lapsed = machine.takeNotices();
    expect(lapsed.map((n) => [n.audience, n.recipient])).toEqual([
      ['professional', { role: 'loket', region: 'swv-2801' }],
      ['professional', { role: 'regisseur', sub: 'regisseur-7' }],
      ['ouders', { role: 'ouder' }],
    ]);
    // The parents' notice names the child only by the row it is stored with (child_ref), never in its text.
    expect(lapsed[2]).toMatchObject({ childRef: body.childRef });
    expect(lapsed[2]?.message).toMatch(/^De beschikking of toelaatbaarheidsverklaring van uw kind is op 2026-05-15 verlopen/);
    expect(machine.state.queue).toEqual([]);
    expect(machine.state.closed).toEqual([expect.objectContaining({ referralId: body.referralId, outcome: 'verlopen' })]);
    // The referral is to be told, once: it goes back to the loket's toewijzing.
    expect(machine.pendingLapses).toEqual([{ lapseId: 'aanbod-1-verlopen-1', aanbodId: 'aanbod-1', referralId: body.referralId, validUntil: '2026-05-15', at: '2026-05-15T22:00:00.000Z' }]);
    const version = machine.state.version;
    machine.settleLapse('aanbod-1-verlopen-1', new Date('2026-05-15T22:00:01.000Z'));
    machine.settleLapse('aanbod-1-verlopen-1', new Date('2026-05-15T22:00:02.000Z'));
    expect([machine.pendingLapses, machine.state.version]).toEqual([[], version + 1]);
    step(machine, 'placeFreed', { releaseId: 'r-1', reason: 'vertrokken' }, new Date('2026-05-16T10:00:00.000Z'));
    expect(machine.pendingAdmissions).toEqual([]);
  });

  it('wakes at the nearest moment of all entries, and not at all for an admitted case', () => {
    const machine = list(1, 0, secondsWachtlijstPolicy({ withTerm: 50, withoutTerm: 20 }));
    step(machine, 'enqueue', enqueueBody());
    expect(machine.nextWakeAt()).toBeUndefined();
    step(machine, 'enqueue', enqueueBody({ overbrugging: 'anders' }));
    expect(machine.nextWakeAt()).toBe(T0.getTime() + 50_000);
    step(machine, 'enqueue', enqueueBody());
    expect(machine.nextWakeAt()).toBe(T0.getTime() + 20_000);
    const restored = WachtlijstMachine.restore(JSON.parse(JSON.stringify(machine.state)));
    expect(restored.nextWakeAt()).toBe(T0.getTime() + 20_000);
    expect(restored.state.queue.map((e) => e.sequence)).toEqual([2, 3]);
  });
});
