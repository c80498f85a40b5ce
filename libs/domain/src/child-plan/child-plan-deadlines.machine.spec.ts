import { domainErrorCodeOf } from '../errors/domain-error.fixture';
import { LOKET, REGISSEUR, SCHOOL, secondsPolicy } from '../referral/referral.fixture';
import { assertMayOnPlan } from './child-plan-access';
import type { ChildPlanMachine } from './child-plan.machine';
import { aanmeldingBody, LEERPLICHT, overdrachtBody, scheduleTransitionBody, VO_SCHOOL, warmeOverdrachtBody } from './child-plan.fixture';
import { at, REFERRAL_A, REGION, scheduled, SCHEDULED, step } from './child-plan.test-helper';

const canView = (machine: ChildPlanMachine, actor = LEERPLICHT) => domainErrorCodeOf(() => assertMayOnPlan(actor, machine.state, 'view')) === undefined;

describe('ChildPlanMachine: the overstapBevestiging term (national policy)', () => {
  /** Due at the end of Monday 16 August 2027, ten werkdagen before the start on Monday 30 August. */
  const DUE = '2027-08-16T22:00:00.000Z';

  function quiet(): ChildPlanMachine {
    const machine = scheduled();
    machine.takeNotices();
    return machine;
  }

  it('reminds the sending school 5 werkdagen before the due day', () => {
    const machine = quiet();
    // The start of Monday 9 August 2027.
    const remindAt = Date.parse('2027-08-08T22:00:00Z');
    expect(machine.nextWakeAt()).toBe(remindAt);
    machine.tick(new Date(remindAt - 1));
    expect(machine.takeNotices()).toEqual([]);
    machine.tick(new Date(remindAt));
    expect(machine.takeNotices()).toEqual([
      {
        kind: 'reminder',
        deadlineId: 'overstapBevestiging-1',
        rule: 'overstapBevestiging',
        level: 0,
        dueAt: DUE,
        recipient: { role: 'school', org: '12AB' },
        message: 'Herinnering: de bevestiging van de overstap is uiterlijk 2027-08-16 nodig. (overstap-1)',
        transitionId: 'overstap-1',
      },
    ]);
    expect(machine.events.at(-1)).toMatchObject({ type: 'deadline.reminder', actor: { role: 'system' }, transitionId: 'overstap-1', data: { deadlineId: 'overstapBevestiging-1', level: 0, notified: ['school'] } });
    expect(machine.nextWakeAt()).toBe(Date.parse(DUE));
  });

  it('escalates through tick: sending school, receiving school and loket, then regisseur and leerplicht', () => {
    const machine = quiet();
    machine.tick(new Date('2027-08-08T22:00:00Z'));
    machine.takeNotices();
    expect(canView(machine)).toBe(false);

    machine.tick(new Date(DUE));
    const first = machine.takeNotices();
    expect(first.map((n) => [n.kind, n.level, n.recipient])).toEqual([
      ['escalation', 1, { role: 'school', org: '12AB' }],
      ['escalation', 1, { role: 'school', org: '34CD' }],
      ['escalation', 1, { role: 'loket', region: REGION }],
    ]);
    expect(first[0]?.message).toBe('Escalatie niveau 1: de bevestiging van de overstap is over de termijn (uiterlijk 2027-08-16). (overstap-1)');
    expect(machine.events.at(-1)).toMatchObject({ type: 'deadline.escalated', data: { level: 1, notified: ['school', 'school', 'loket'] } });

    // Level 2 five werkdagen after the due day: the end of Monday 23 August.
    const second = Date.parse('2027-08-23T22:00:00Z');
    expect(machine.nextWakeAt()).toBe(second);
    machine.tick(new Date(second));
    expect(machine.takeNotices().map((n) => [n.level, n.recipient])).toEqual([
      [2, { role: 'regisseur', sub: REGISSEUR.sub }],
      [2, { role: 'leerplicht', region: REGION }],
    ]);
    // An overstap at risk brings leerplicht of the region into the plan.
    expect(canView(machine)).toBe(true);
    expect(canView(machine, { ...LEERPLICHT, region: 'swv-3000' })).toBe(false);
  });

  it('fires every level passed at once, with no reminder after the due date', () => {
    const machine = quiet();
    machine.tick(at('2027-09-01T08:00:00Z'));
    expect(machine.takeNotices().map((n) => [n.kind, n.level, n.recipient.role])).toEqual([
      ['escalation', 1, 'school'],
      ['escalation', 1, 'school'],
      ['escalation', 1, 'loket'],
      ['escalation', 2, 'regisseur'],
      ['escalation', 2, 'leerplicht'],
      ['escalation', 3, 'gemeente'],
    ]);
    expect(machine.events.filter((e) => e.type === 'deadline.reminder')).toEqual([]);
    expect(machine.state.transitions[0]?.status).toBe('gepland');
    expect(machine.nextWakeAt()).toBeUndefined();
  });

  it('stops escalating once the overstap is cancelled', () => {
    const machine = quiet();
    step(machine, 'cancelTransition', LOKET, { reason: 'Leerling verhuist.' }, at('2027-08-01T08:00:00Z'));
    expect(machine.nextWakeAt()).toBeUndefined();
    machine.tick(at('2027-09-01T08:00:00Z'));
    expect(machine.takeNotices()).toEqual([]);
  });
});

describe('ChildPlanMachine: terms in seconds', () => {
  const policy = secondsPolicy(4, 2, 2);
  const plus = (seconds: number) => new Date(SCHEDULED.getTime() + seconds * 1000);
  const startsAt = plus(60);

  function inSeconds(): ChildPlanMachine {
    return scheduled(scheduleTransitionBody(startsAt.toISOString()), policy);
  }

  it('anchors overstapBevestiging to the exact start and wakes for its reminder', () => {
    const machine = inSeconds();
    expect(machine.state.transitions[0]?.deadlines[0]?.dueAt).toBe(startsAt.toISOString());
    expect(machine.nextWakeAt()).toBe(startsAt.getTime() - 2_000);
  });

  it('wakes for the nearest term, and pausing and resuming the zorgplicht moves it by exactly the pause', () => {
    const machine = inSeconds();
    step(machine, 'recordAanmelding', VO_SCHOOL, aanmeldingBody('2027-01-18'), plus(10));
    expect(machine.openDeadlines().find((d) => d.rule === 'zorgplicht')?.dueAt).toBe(plus(14).toISOString());
    expect(machine.nextWakeAt()).toBe(plus(12).getTime());

    step(machine, 'pauseDeadline', LOKET, { reason: 'Wacht op het onderwijskundig rapport.' }, plus(11), { deadlineId: 'zorgplicht-1' });
    expect(machine.nextWakeAt()).toBe(startsAt.getTime() - 2_000);
    expect(domainErrorCodeOf(() => step(machine, 'pauseDeadline', LOKET, { reason: 'nogmaals' }, plus(12), { deadlineId: 'zorgplicht-1' }))).toBe('STAGE_CONFLICT');
    machine.tick(plus(20));
    expect(machine.takeNotices().filter((n) => n.rule === 'zorgplicht')).toEqual([]);

    step(machine, 'resumeDeadline', VO_SCHOOL, {}, plus(21), { deadlineId: 'zorgplicht-1' });
    expect(machine.openDeadlines().find((d) => d.rule === 'zorgplicht')?.dueAt).toBe(plus(24).toISOString());
    expect(machine.events.at(-1)).toMatchObject({ type: 'deadline.resumed', data: { deadlineId: 'zorgplicht-1', pausedForMs: 10_000 } });
    expect(domainErrorCodeOf(() => step(machine, 'resumeDeadline', LOKET, {}, plus(22), { deadlineId: 'zorgplicht-1' }))).toBe('STAGE_CONFLICT');
  });

  it('escalates a zorgplicht term that runs out to the ladder of the policy', () => {
    const machine = inSeconds();
    step(machine, 'recordAanmelding', VO_SCHOOL, aanmeldingBody('2027-01-18'), plus(10));
    machine.takeNotices();
    machine.tick(plus(12));
    // The reminder goes to the board that holds the zorgplicht: the receiving school.
    expect(machine.takeNotices().map((n) => [n.kind, n.rule, n.recipient])).toEqual([['reminder', 'zorgplicht', { role: 'school', org: '34CD' }]]);
    machine.tick(plus(14));
    expect(machine.takeNotices().map((n) => [n.kind, n.rule, n.level])).toEqual([['escalation', 'zorgplicht', 1]]);
  });

  it('takes effect at once when the overstap is confirmed after its start', () => {
    const machine = inSeconds();
    step(machine, 'recordAanmelding', VO_SCHOOL, aanmeldingBody('2027-01-18'), plus(10));
    step(machine, 'recordOverdracht', SCHOOL, overdrachtBody('2027-01-18'), plus(20));
    step(machine, 'decideAdmission', VO_SCHOOL, { outcome: 'toegelaten', decidedOn: '2027-01-18' }, plus(30));
    step(machine, 'recordWarmeOverdracht', SCHOOL, warmeOverdrachtBody('2027-01-18'), plus(40));
    step(machine, 'decideArrangements', LOKET, { arrangements: [{ referralId: REFERRAL_A, outcome: 'voortgezet' }] }, plus(50));
    step(machine, 'confirmTransition', LOKET, {}, plus(61));
    expect(machine.state.transitions[0]).toMatchObject({ status: 'afgerond', completedAt: plus(61).toISOString() });
    expect(machine.state.school).toEqual({ brin: '34CD', sector: 'VO', since: startsAt.toISOString() });
    expect(machine.events.slice(-2).map((e) => e.type)).toEqual(['transition.confirmed', 'transition.completed']);
    // A continued arrangement needs no news.
    expect(machine.takeNotices().filter((n) => n.kind === 'overstap' && n.recipient.role === 'regisseur')).toEqual([]);
  });
});
