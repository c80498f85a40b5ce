import { domainErrorCodeOf, domainErrorOf } from '../errors/domain-error.fixture';
import { LOKET, REGISSEUR, SCHOOL } from '../referral/referral.fixture';
import type { ChildPlanMachine } from './child-plan.machine';
import { aanmeldingBody, overdrachtBody, scheduleTransitionBody, SO_SCHOOL, warmeOverdrachtBody } from './child-plan.fixture';
import { at, REFERRAL_A, REGION, scheduled, START_DATE, STARTS_AT, step } from './child-plan.test-helper';

/** A TLV route (DOMAIN.md §1.3): PO → SO at school 56EF, national policy. */
const GRANTED = { decision: 'afgegeven', decidedOn: '2027-03-01', validFrom: '2027-08-01', validUntil: '2029-07-31', category: 'midden' } as const;
/** The end of geldigTot (31 July 2029, summer time). */
const HERBEOORDELING_DUE = '2029-07-31T22:00:00.000Z';
/** 13 weeks earlier: the start of Tuesday 1 May 2029. */
const HERBEOORDELING_REMINDER = '2029-04-30T22:00:00.000Z';

function toSo(): ChildPlanMachine {
  const machine = scheduled(scheduleTransitionBody(START_DATE, { to: { sector: 'SO', brin: '56EF' } }));
  step(machine, 'recordAanmelding', SO_SCHOOL, aanmeldingBody('2027-02-01'), at('2027-02-01T09:00:00Z'));
  return machine;
}

function applied(): ChildPlanMachine {
  const machine = toSo();
  step(machine, 'applyForTlv', SCHOOL, { appliedOn: '2027-02-08' }, at('2027-02-08T09:00:00Z'));
  return machine;
}

function granted(): ChildPlanMachine {
  const machine = applied();
  step(machine, 'recordTlvDecision', LOKET, GRANTED, at('2027-03-01T09:00:00Z'));
  return machine;
}

describe('ChildPlanMachine: an overstap that needs a TLV (PO → SO)', () => {
  it('marks the overstap as needing a TLV, with zorgplicht for the SO board', () => {
    const t = toSo().state.transitions[0];
    expect(t).toMatchObject({ kind: 'overstap', needsTlv: true, zorgplicht: true, mboEntry: false, to: { sector: 'SO', brin: '56EF' } });
    // Monday 1 February + 6 weeks = Monday 15 March 2027 (winter time).
    expect(t?.deadlines.find((d) => d.rule === 'zorgplicht')?.dueAt).toBe('2027-03-15T23:00:00.000Z');
  });

  it('refuses the admission as toegelaten without a granted TLV, and a decision before an application', () => {
    const machine = toSo();
    const now = at('2027-02-08T09:00:00Z');
    const error = domainErrorOf(() => step(machine, 'decideAdmission', SO_SCHOOL, { outcome: 'toegelaten', decidedOn: '2027-02-08' }, now));
    expect(error.code).toBe('STAGE_CONFLICT');
    expect(error.message).toContain('TLV');
    expect(domainErrorCodeOf(() => step(machine, 'recordTlvDecision', LOKET, GRANTED, now))).toBe('STAGE_CONFLICT');
  });

  it('opens the tlvBesluit term at the application: 6 weeks, once', () => {
    const machine = applied();
    expect(machine.state.transitions[0]?.tlv).toMatchObject({ appliedOn: '2027-02-08' });
    expect(machine.openDeadlines().find((d) => d.rule === 'tlvBesluit')).toMatchObject({ id: 'tlvBesluit-1', openedAt: '2027-02-08T09:00:00.000Z', dueAt: '2027-03-22T23:00:00.000Z' });
    expect(machine.events.at(-1)).toMatchObject({ type: 'transition.tlv_applied', data: { appliedOn: '2027-02-08' } });
    expect(domainErrorCodeOf(() => step(machine, 'applyForTlv', SCHOOL, { appliedOn: '2027-02-08' }, at('2027-02-09T09:00:00Z')))).toBe('STAGE_CONFLICT');
  });

  it('lets only the samenwerkingsverband (loket) decide and only the sending school or loket apply', () => {
    const machine = toSo();
    expect(domainErrorCodeOf(() => step(machine, 'applyForTlv', SO_SCHOOL, { appliedOn: '2027-02-08' }, at('2027-02-08T09:00:00Z')))).toBe('FORBIDDEN');
    step(machine, 'applyForTlv', SCHOOL, { appliedOn: '2027-02-08' }, at('2027-02-08T09:00:00Z'));
    expect(domainErrorCodeOf(() => step(machine, 'recordTlvDecision', SCHOOL, GRANTED, at('2027-03-01T09:00:00Z')))).toBe('FORBIDDEN');
    expect(domainErrorCodeOf(() => step(machine, 'recordTlvDecision', SO_SCHOOL, GRANTED, at('2027-03-01T09:00:00Z')))).toBe('FORBIDDEN');
  });

  it('refuses a TLV for an overstap that needs none', () => {
    const machine = scheduled();
    expect(domainErrorCodeOf(() => step(machine, 'applyForTlv', SCHOOL, { appliedOn: '2027-01-18' }, at('2027-01-18T10:00:00Z')))).toBe('STAGE_CONFLICT');
  });

  it('closes tlvBesluit at a granted TLV and opens tlvHerbeoordeling due at the end of geldigTot', () => {
    const machine = granted();
    const t = machine.state.transitions[0];
    expect(t?.deadlines.find((d) => d.id === 'tlvBesluit-1')?.closedAt).toBe('2027-03-01T09:00:00.000Z');
    expect(machine.openDeadlines().find((d) => d.rule === 'tlvHerbeoordeling')).toMatchObject({ id: 'tlvHerbeoordeling-1', dueAt: HERBEOORDELING_DUE });
    expect(machine.events.at(-1)).toMatchObject({ type: 'transition.tlv_decided', data: { decision: 'afgegeven', validFrom: '2027-08-01', validUntil: '2029-07-31', category: 'midden' } });
    expect(domainErrorCodeOf(() => step(machine, 'recordTlvDecision', LOKET, GRANTED, at('2027-03-02T09:00:00Z')))).toBe('STAGE_CONFLICT');
  });

  it('lets the sending school apply again after a refusal, and a refused TLV blocks confirmation', () => {
    const machine = applied();
    step(machine, 'recordTlvDecision', LOKET, { decision: 'geweigerd', decidedOn: '2027-03-01', reason: 'Dossier onvolledig.' }, at('2027-03-01T09:00:00Z'));
    expect(machine.openDeadlines().map((d) => d.rule).sort()).toEqual(['overstapBevestiging', 'zorgplicht']);
    const missing = domainErrorOf(() => step(machine, 'confirmTransition', REGISSEUR, {}, at('2027-03-02T09:00:00Z')));
    expect(missing.issues.map((i) => i.field)).toContain('tlv');

    step(machine, 'applyForTlv', SCHOOL, { appliedOn: '2027-03-08' }, at('2027-03-08T09:00:00Z'));
    expect(machine.openDeadlines().find((d) => d.rule === 'tlvBesluit')?.id).toBe('tlvBesluit-2');
    expect(machine.state.transitions[0]?.tlv?.decision).toBeUndefined();
  });

  it('refuses the confirmation when the TLV is not valid on the start date', () => {
    const machine = applied();
    step(machine, 'recordTlvDecision', LOKET, { ...GRANTED, validFrom: '2027-09-01' }, at('2027-03-01T09:00:00Z'));
    const error = domainErrorOf(() => step(machine, 'confirmTransition', REGISSEUR, {}, at('2027-03-02T09:00:00Z')));
    expect(error.issues).toContainEqual({ field: 'tlv', message: 'the TLV is not valid on the start date' });
  });

  it('admits with a granted TLV, completes, and reminds the new school 13 weeks before geldigTot', () => {
    const machine = granted();
    step(machine, 'decideAdmission', SO_SCHOOL, { outcome: 'toegelaten', decidedOn: '2027-03-08' }, at('2027-03-08T09:00:00Z'));
    step(machine, 'recordOverdracht', SCHOOL, overdrachtBody('2027-03-15'), at('2027-03-15T09:00:00Z'));
    step(machine, 'recordWarmeOverdracht', SO_SCHOOL, warmeOverdrachtBody('2027-05-03'), at('2027-05-03T09:00:00Z'));
    step(machine, 'decideArrangements', REGISSEUR, { arrangements: [{ referralId: REFERRAL_A, outcome: 'beeindigd' }] }, at('2027-05-10T09:00:00Z'));
    step(machine, 'confirmTransition', REGISSEUR, {}, at('2027-05-10T09:00:00Z'));
    machine.tick(new Date(STARTS_AT));
    machine.takeNotices();
    expect(machine.state.school).toEqual({ brin: '56EF', sector: 'SO', since: STARTS_AT });

    // The re-assessment outlives the overstap: it is the only term left, and wakes the plan for its reminder.
    expect(machine.openDeadlines().map((d) => d.id)).toEqual(['tlvHerbeoordeling-1']);
    expect(machine.nextWakeAt()).toBe(Date.parse(HERBEOORDELING_REMINDER));

    machine.tick(new Date(Date.parse(HERBEOORDELING_REMINDER) - 1));
    expect(machine.takeNotices()).toEqual([]);
    machine.tick(new Date(HERBEOORDELING_REMINDER));
    // The pupil is at the SO school now: the reminder goes there, not to the former PO school.
    expect(machine.takeNotices()).toEqual([
      expect.objectContaining({ kind: 'reminder', rule: 'tlvHerbeoordeling', deadlineId: 'tlvHerbeoordeling-1', recipient: { role: 'school', org: '56EF' }, dueAt: HERBEOORDELING_DUE }),
    ]);
    expect(machine.events.at(-1)).toMatchObject({ type: 'deadline.reminder', data: { deadlineId: 'tlvHerbeoordeling-1', level: 0 } });
    expect(machine.nextWakeAt()).toBe(Date.parse(HERBEOORDELING_DUE));

    machine.tick(new Date(HERBEOORDELING_DUE));
    expect(machine.takeNotices().map((n) => [n.kind, n.level, n.recipient])).toEqual([
      ['escalation', 1, { role: 'school', org: '56EF' }],
      ['escalation', 1, { role: 'loket', region: REGION }],
    ]);
  });

  it('ends the re-assessment of a previous TLV when a new one is granted', () => {
    const machine = granted();
    step(machine, 'cancelTransition', SCHOOL, { reason: 'Ouders kiezen een andere SO-school.' }, at('2027-03-02T09:00:00Z'));
    // A cancelled overstap keeps the TLV's re-assessment running: the TLV itself stays valid.
    expect(machine.openDeadlines().map((d) => d.id)).toEqual(['tlvHerbeoordeling-1']);

    step(machine, 'scheduleTransition', SCHOOL, scheduleTransitionBody(START_DATE, { to: { sector: 'SO', brin: '57EF' } }), at('2027-03-03T09:00:00Z'), { policy: machine.state.transitions[0]?.policy });
    const other = { ...SO_SCHOOL, org: '57EF' };
    step(machine, 'recordAanmelding', other, aanmeldingBody('2027-03-03'), at('2027-03-03T09:00:00Z'), { transitionId: 'overstap-2' });
    step(machine, 'applyForTlv', SCHOOL, { appliedOn: '2027-03-03' }, at('2027-03-03T10:00:00Z'), { transitionId: 'overstap-2' });
    step(machine, 'recordTlvDecision', LOKET, { ...GRANTED, decidedOn: '2027-03-10', validUntil: '2030-07-31' }, at('2027-03-10T09:00:00Z'), { transitionId: 'overstap-2' });
    expect(machine.openDeadlines().filter((d) => d.rule === 'tlvHerbeoordeling').map((d) => [d.id, d.transitionId, d.dueAt])).toEqual([
      ['tlvHerbeoordeling-2', 'overstap-2', '2030-07-31T22:00:00.000Z'],
    ]);
  });
});
