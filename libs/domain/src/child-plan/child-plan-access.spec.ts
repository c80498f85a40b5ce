import type { Actor } from '../actor/actor';
import { domainErrorCodeOf } from '../errors/domain-error.fixture';
import type { DomainErrorCode } from '../errors/domain-error';
import { LOKET, NATIONAL_POLICY, OTHER_LOKET, OTHER_REGISSEUR, OTHER_SCHOOL, PROVIDER, REGISSEUR, SCHOOL } from '../referral/referral.fixture';
import { assertMayOnPlan, isInvolvedInPlan } from './child-plan-access';
import { ChildPlanMachine } from './child-plan.machine';
import { aanmeldingBody, LEERPLICHT, overdrachtBody, scheduleTransitionBody, VO_SCHOOL } from './child-plan.fixture';
import { ADMIN, at, CHILD_REF, GEMEENTE, OPENED, planReferral, readyButArrangements, REFERRAL_A, REFERRAL_B, REGION, scheduled, step } from './child-plan.test-helper';

const viewCode = (machine: ChildPlanMachine, actor: Actor): DomainErrorCode | undefined => domainErrorCodeOf(() => assertMayOnPlan(actor, machine.state, 'view'));
const AANMELDING_AT = at('2027-03-30T08:00:00Z');

describe('child plan access (issue 4 §3)', () => {
  it('shows the plan to the current school, the loket of the region and the regisseur', () => {
    const machine = scheduled();
    for (const actor of [SCHOOL, LOKET, REGISSEUR]) expect(viewCode(machine, actor)).toBeUndefined();
  });

  it.each<[string, Actor]>([
    ['another school', OTHER_SCHOOL],
    ['the loket of another region', OTHER_LOKET],
    ['another regisseur', OTHER_REGISSEUR],
    ['the gemeente', GEMEENTE],
    ['an admin', ADMIN],
    ['a provider', PROVIDER],
    ['leerplicht without a thuiszitter or an overstap at risk', LEERPLICHT],
  ])('answers NOT_FOUND to %s, so the child’s existence does not leak', (_who, actor) => {
    expect(viewCode(scheduled(), actor)).toBe('NOT_FOUND');
  });

  it('lets the receiving school record the aanmelding before it can see the plan, and see it after', () => {
    const machine = scheduled();
    const command = { actor: VO_SCHOOL, transitionId: 'overstap-1', body: aanmeldingBody('2027-03-30') };
    expect(viewCode(machine, VO_SCHOOL)).toBe('NOT_FOUND');
    expect(domainErrorCodeOf(() => machine.check('recordAanmelding', command, AANMELDING_AT))).toBeUndefined();
    expect(domainErrorCodeOf(() => machine.check('recordAanmelding', { ...command, actor: OTHER_SCHOOL }, AANMELDING_AT))).toBe('NOT_FOUND');
    // Before the aanmelding, the receiving school may not act as the sending one.
    expect(domainErrorCodeOf(() => machine.check('cancelTransition', { actor: VO_SCHOOL, transitionId: 'overstap-1', body: { reason: 'r' } }, AANMELDING_AT))).toBe('FORBIDDEN');

    machine.apply('recordAanmelding', command, AANMELDING_AT);
    expect(viewCode(machine, VO_SCHOOL)).toBeUndefined();
    expect(isInvolvedInPlan(VO_SCHOOL, machine.state)).toBe(true);
  });

  it('keeps each step with its role: the overdracht is the sending school’s, the admission the receiving board’s', () => {
    const machine = scheduled();
    step(machine, 'recordAanmelding', VO_SCHOOL, aanmeldingBody('2027-03-30'), AANMELDING_AT);
    expect(domainErrorCodeOf(() => step(machine, 'recordOverdracht', VO_SCHOOL, overdrachtBody('2027-03-30'), AANMELDING_AT))).toBe('FORBIDDEN');
    expect(domainErrorCodeOf(() => step(machine, 'recordOverdracht', LOKET, overdrachtBody('2027-03-30'), AANMELDING_AT))).toBe('FORBIDDEN');
    expect(domainErrorCodeOf(() => step(machine, 'decideAdmission', SCHOOL, { outcome: 'toegelaten', decidedOn: '2027-03-30' }, AANMELDING_AT))).toBe('FORBIDDEN');
    expect(domainErrorCodeOf(() => step(machine, 'decideAdmission', REGISSEUR, { outcome: 'toegelaten', decidedOn: '2027-03-30' }, AANMELDING_AT))).toBe('FORBIDDEN');
    expect(domainErrorCodeOf(() => step(machine, 'confirmTransition', SCHOOL, {}, AANMELDING_AT))).toBe('FORBIDDEN');
    // Involved now, but only the sending school (or loket or regisseur) schedules an overstap away from it.
    const elsewhere = scheduleTransitionBody('2027-09-13', { to: { sector: 'VO', brin: '99ZZ' } });
    expect(domainErrorCodeOf(() => step(machine, 'scheduleTransition', VO_SCHOOL, elsewhere, AANMELDING_AT, { policy: NATIONAL_POLICY }))).toBe('FORBIDDEN');
  });

  it('lets a former school lose sight of the plan once its referrals are closed and the overstap is done', () => {
    const machine = readyButArrangements();
    step(machine, 'decideArrangements', REGISSEUR, { arrangements: [{ referralId: REFERRAL_A, outcome: 'beeindigd' }] }, at('2027-06-07T08:00:00Z'));
    step(machine, 'confirmTransition', REGISSEUR, {}, at('2027-06-07T09:00:00Z'));
    machine.tick(at('2027-08-30T06:00:00Z'));
    expect(viewCode(machine, SCHOOL)).toBeUndefined();
    machine.registerReferral(planReferral(REFERRAL_A, { version: 9, stage: 'afgesloten', closedAt: '2027-08-31T08:00:00.000Z' }), at('2027-08-31T08:00:00Z'));
    expect(viewCode(machine, SCHOOL)).toBe('NOT_FOUND');
    expect(viewCode(machine, VO_SCHOOL)).toBeUndefined();
  });

  it('shows a thuiszitter’s plan to leerplicht of the region', () => {
    const machine = ChildPlanMachine.open(CHILD_REF, REGION, OPENED);
    machine.registerReferral(planReferral(REFERRAL_B, { thuiszitter: true }), OPENED);
    expect(viewCode(machine, LEERPLICHT)).toBeUndefined();
    expect(viewCode(machine, { ...LEERPLICHT, region: 'swv-3000' })).toBe('NOT_FOUND');
  });

  it('treats a board-level org as every vestiging of that BRIN, and a vestiging only as itself', () => {
    const machine = ChildPlanMachine.open(CHILD_REF, REGION, OPENED);
    machine.registerReferral(planReferral(REFERRAL_A, { school: { brin: '12AB01', sector: 'PO' } }), OPENED);
    expect(isInvolvedInPlan(SCHOOL, machine.state)).toBe(true);
    expect(isInvolvedInPlan({ ...SCHOOL, org: '12AB01' }, machine.state)).toBe(true);
    expect(isInvolvedInPlan({ ...SCHOOL, org: '12AB02' }, machine.state)).toBe(false);
  });
});
