import { actorRef, type Actor } from '../actor/actor';
import type { ResolvedDeadlinePolicy } from '../deadline/deadline-policy.schema';
import { LOKET, NATIONAL_POLICY, REGISSEUR, SCHOOL } from '../referral/referral.fixture';
import { ChildPlanMachine, type ChildPlanStep } from './child-plan.machine';
import type { PlanReferral } from './child-plan-state';
import { planReferral } from './child-plan.fixture';
import { aanmeldingBody, overdrachtBody, scheduleTransitionBody, VO_SCHOOL, warmeOverdrachtBody } from './child-plan.fixture';
import type { ScheduleTransitionRequest } from './child-plan-request.schema';

/** Helpers shared by the ChildPlanMachine specs: fixed moments, sample referrals and a plan with a regisseur. */

export const CHILD_REF = 'lln-7f3a9c';
export const REGION = 'swv-2801';
export { planReferral };
export const REFERRAL_A = '6f1c1d1e-0000-4000-8000-00000000000a';
export const REFERRAL_B = '6f1c1d1e-0000-4000-8000-00000000000b';
export const REFERRAL_C = '6f1c1d1e-0000-4000-8000-00000000000c';
export const MBO_SCHOOL: Actor = { sub: 'intake-4', role: 'school', org: '78GH', region: REGION };
export { ADMIN, GEMEENTE } from '../referral/referral.fixture';

export const at = (iso: string): Date => new Date(iso);

/** Monday 11 January 2027, 09:00 in Amsterdam: the plan opens and the first regisseur is named. */
export const OPENED = at('2027-01-11T08:00:00Z');
/** Monday 18 January 2027: the overstap is scheduled. */
export const SCHEDULED = at('2027-01-18T09:00:00Z');
/** Monday 30 August 2027, the first day of the new school year in the fixtures; 00:00 Amsterdam (summer time). */
export const START_DATE = '2027-08-30';
export const STARTS_AT = '2027-08-29T22:00:00.000Z';

export interface StepOptions {
  transitionId?: string;
  deadlineId?: string;
  policy?: ResolvedDeadlinePolicy;
}

export function step(machine: ChildPlanMachine, name: ChildPlanStep, actor: Actor, body: unknown, now: Date, options: StepOptions = { transitionId: 'overstap-1' }): void {
  machine.apply(name, { actor, body, requestId: `req-${name}`, ...options }, now);
}

/** An open plan for the fixtures' child with referral A (running arrangement) and REGISSEUR as its regisseur. */
export function planWithRegisseur(school: PlanReferral['school'] = { brin: '12AB', sector: 'PO' }): ChildPlanMachine {
  const machine = ChildPlanMachine.open(CHILD_REF, REGION, OPENED);
  machine.registerReferral(planReferral(REFERRAL_A, { school }), OPENED);
  machine.claimRegisseur(REFERRAL_A, REGISSEUR.sub, actorRef(LOKET), OPENED);
  return machine;
}

/** The plan with an overstap scheduled by the sending school under `policy` (national by default). */
export function scheduled(body: ScheduleTransitionRequest = scheduleTransitionBody(START_DATE), policy: ResolvedDeadlinePolicy = NATIONAL_POLICY, actor: Actor = SCHOOL): ChildPlanMachine {
  const machine = planWithRegisseur(body.from);
  step(machine, 'scheduleTransition', actor, body, SCHEDULED, { policy });
  return machine;
}

/** A PO→VO overstap that has everything but the arrangements' continuation and the confirmation. */
export function readyButArrangements(): ChildPlanMachine {
  const machine = scheduled();
  step(machine, 'recordAanmelding', VO_SCHOOL, aanmeldingBody('2027-03-30'), at('2027-03-30T08:00:00Z'));
  step(machine, 'recordOverdracht', SCHOOL, overdrachtBody('2027-04-19'), at('2027-04-19T08:00:00Z'));
  step(machine, 'decideAdmission', VO_SCHOOL, { outcome: 'toegelaten', decidedOn: '2027-04-26' }, at('2027-04-26T08:00:00Z'));
  step(machine, 'recordWarmeOverdracht', VO_SCHOOL, warmeOverdrachtBody('2027-06-01'), at('2027-06-01T08:00:00Z'));
  return machine;
}
