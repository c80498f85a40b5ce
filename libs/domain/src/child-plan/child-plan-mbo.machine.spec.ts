import { domainErrorCodeOf } from '../errors/domain-error.fixture';
import { LOKET, NATIONAL_POLICY, REGISSEUR } from '../referral/referral.fixture';
import type { ChildPlanMachine } from './child-plan.machine';
import { aanmeldingBody, scheduleTransitionBody, VO_SCHOOL, warmeOverdrachtBody } from './child-plan.fixture';
import { at, MBO_SCHOOL, planWithRegisseur, REFERRAL_A, scheduled, START_DATE, STARTS_AT, step } from './child-plan.test-helper';

/** VO → MBO (DOMAIN.md §1.11): registered by 1 April, the pupil has toelatingsrecht. */
const VO_TO_MBO = scheduleTransitionBody(START_DATE, { from: { brin: '34CD', sector: 'VO' }, to: { sector: 'MBO', brin: '78GH' } });
/** The end of 1 April 2027 (summer time). */
const END_OF_FIRST_APRIL = '2027-04-01T22:00:00.000Z';

const toMbo = (): ChildPlanMachine => scheduled(VO_TO_MBO, NATIONAL_POLICY, VO_SCHOOL);

describe('ChildPlanMachine: VO → MBO and the 1 April aanmelddatum', () => {
  it('opens the mboAanmelding term, due at the end of 1 April, and no zorgplicht', () => {
    const machine = toMbo();
    const t = machine.state.transitions[0];
    expect(t).toMatchObject({ kind: 'overstap', mboEntry: true, zorgplicht: false, needsTlv: false });
    expect(t?.deadlines.map((d) => [d.id, d.dueAt])).toEqual([
      ['overstapBevestiging-1', '2027-08-16T22:00:00.000Z'],
      ['mboAanmelding-1', END_OF_FIRST_APRIL],
    ]);
    // The reminder comes 4 weeks earlier, at the start of Thursday 4 March (winter time): the plan's first wake-up.
    expect(machine.nextWakeAt()).toBe(Date.parse('2027-03-03T23:00:00Z'));
  });

  it('gives toelatingsrecht to an aanmelding received on 1 April and closes the term', () => {
    const machine = toMbo();
    const recorded = at('2027-04-02T08:00:00Z');
    step(machine, 'recordAanmelding', MBO_SCHOOL, aanmeldingBody('2027-04-01'), recorded);
    const t = machine.state.transitions[0];
    expect(t?.aanmelding?.toelatingsrecht).toBe(true);
    expect(t?.deadlines.find((d) => d.rule === 'mboAanmelding')?.closedAt).toBe(recorded.toISOString());
    expect(t?.deadlines.some((d) => d.rule === 'zorgplicht')).toBe(false);
    expect(machine.events.at(-1)).toMatchObject({ type: 'transition.aanmelding', data: { receivedOn: '2027-04-01', toelatingsrecht: true } });
  });

  it('gives toelatingsrecht to an aanmelding recorded late on 1 April itself', () => {
    const machine = toMbo();
    step(machine, 'recordAanmelding', MBO_SCHOOL, aanmeldingBody('2027-04-01'), at('2027-04-01T21:30:00Z'));
    expect(machine.state.transitions[0]?.aanmelding?.toelatingsrecht).toBe(true);
  });

  it('gives no toelatingsrecht to an aanmelding received after 1 April', () => {
    const machine = toMbo();
    step(machine, 'recordAanmelding', MBO_SCHOOL, aanmeldingBody('2027-04-02'), at('2027-04-02T08:00:00Z'));
    expect(machine.state.transitions[0]?.aanmelding?.toelatingsrecht).toBe(false);
    expect(machine.events.at(-1)).toMatchObject({ data: { toelatingsrecht: false } });
  });

  it('opens no mboAanmelding term when the overstap is scheduled after 1 April', () => {
    const machine = planWithRegisseur({ brin: '34CD', sector: 'VO' });
    const now = at('2027-04-10T08:00:00Z');
    step(machine, 'scheduleTransition', VO_SCHOOL, VO_TO_MBO, now, { policy: NATIONAL_POLICY });
    expect(machine.state.transitions[0]?.deadlines.map((d) => d.rule)).toEqual(['overstapBevestiging']);
    step(machine, 'recordAanmelding', MBO_SCHOOL, aanmeldingBody('2027-04-10'), now);
    expect(machine.state.transitions[0]?.aanmelding?.toelatingsrecht).toBe(false);
  });

  it('anchors an MBO start in February to 1 April of the year before', () => {
    const machine = scheduled({ ...VO_TO_MBO, startDate: '2028-02-01' }, NATIONAL_POLICY, VO_SCHOOL);
    expect(machine.state.transitions[0]?.deadlines.find((d) => d.rule === 'mboAanmelding')?.dueAt).toBe(END_OF_FIRST_APRIL);
  });

  it('escalates a missed 1 April to the sending school and the loket', () => {
    const machine = toMbo();
    machine.takeNotices();
    machine.tick(new Date(END_OF_FIRST_APRIL));
    expect(machine.takeNotices().map((n) => [n.kind, n.rule, n.level, n.recipient])).toEqual([
      ['escalation', 'mboAanmelding', 1, { role: 'school', org: '34CD' }],
      ['escalation', 'mboAanmelding', 1, { role: 'loket', region: 'swv-2801' }],
    ]);
  });
});

describe('ChildPlanMachine: uitstroom from VSO to arbeid', () => {
  it('needs no aanmelding, no admission and no overdracht, and leaves the plan without a school', () => {
    const body = scheduleTransitionBody(START_DATE, { from: { brin: '56EF', sector: 'VSO' }, to: { sector: 'arbeid' } });
    const vso = { ...VO_SCHOOL, sub: 'mentor-8', org: '56EF' };
    const machine = scheduled(body, NATIONAL_POLICY, vso);
    expect(machine.state.transitions[0]).toMatchObject({ kind: 'uitstroom', zorgplicht: false, needsTlv: false, mboEntry: false, to: { sector: 'arbeid' } });
    // Without a receiving school no one is told of the overstap in advance.
    expect(machine.takeNotices()).toEqual([]);
    expect(domainErrorCodeOf(() => step(machine, 'recordAanmelding', vso, aanmeldingBody('2027-01-18'), at('2027-01-18T10:00:00Z')))).toBe('FORBIDDEN');
    expect(domainErrorCodeOf(() => step(machine, 'recordAanmelding', REGISSEUR, aanmeldingBody('2027-01-18'), at('2027-01-18T10:00:00Z')))).toBe('FORBIDDEN');
    expect(domainErrorCodeOf(() => step(machine, 'recordAanmelding', LOKET, aanmeldingBody('2027-01-18'), at('2027-01-18T10:00:00Z')))).toBe('STAGE_CONFLICT');

    step(machine, 'recordWarmeOverdracht', vso, warmeOverdrachtBody('2027-06-01', { participants: ['mentor', 'regisseur', 'ouders'] }), at('2027-06-01T08:00:00Z'));
    step(machine, 'decideArrangements', REGISSEUR, { arrangements: [{ referralId: REFERRAL_A, outcome: 'beeindigd' }] }, at('2027-06-01T09:00:00Z'));
    step(machine, 'confirmTransition', REGISSEUR, {}, at('2027-06-01T10:00:00Z'));
    machine.tick(new Date(STARTS_AT));
    expect(machine.state.transitions[0]?.status).toBe('afgerond');
    expect(machine.state.school).toBeNull();
    expect(machine.state.schools.at(-1)).toEqual({ sector: 'arbeid', from: STARTS_AT, transitionId: 'overstap-1' });
  });
});
