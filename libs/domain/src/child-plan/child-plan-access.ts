import type { Actor } from '../actor/actor';
import { assertPermitted, isSchoolOf, permits, type CaseFacts } from '../access/case-scope.predicates';
import type { ChildPlanState, Transition } from './child-plan-state';

export type ChildPlanAction =
  | 'view'
  | 'schedule'
  | 'aanmelding'
  | 'overdracht'
  | 'tlvApplication'
  | 'tlvDecision'
  | 'admission'
  | 'warmeOverdracht'
  | 'arrangements'
  | 'confirm'
  | 'cancel'
  | 'handover'
  | 'deadline'
  | 'voorschoolConsent'
  | 'voorschoolOverdracht';

const isOpen = (t: Transition) => t.status === 'gepland' || t.status === 'bevestigd';

/**
 * A child's plan in the terms of the access policy: its current school and the schools of its open
 * referrals, the sending and receiving school of the overstap at hand (or of the open one), and
 * thuiszitter when a referral is one or an overstap has escalated towards it.
 */
export function planFacts(plan: ChildPlanState, transition?: Transition): CaseFacts {
  const open = plan.referrals.filter((r) => r.closedAt === null);
  const at = transition ?? plan.transitions.find(isOpen);
  const atRisk = plan.transitions.some((t) => isOpen(t) && t.deadlines.some((d) => d.rule === 'overstapBevestiging' && d.level > 0 && d.closedAt === undefined));
  const facts: CaseFacts = {
    schools: [...(plan.school === null ? [] : [plan.school.brin]), ...open.map((r) => r.school.brin)],
    region: plan.region,
    regisseurId: plan.regisseur?.regisseurId ?? null,
    // Providers see their own arrangements through the referral, not the child's whole plan.
    providerIds: [],
    thuiszitter: open.some((r) => r.thuiszitter) || atRisk,
    childRef: plan.childRef,
  };
  // The sending school stays the sender of its own overstap; a receiving school is one only while it is open.
  // A voorschool sends as a provider organisation, not as a school (issue 11 §5, ADR 0006 addendum).
  if (at !== undefined) {
    if ('brin' in at.from) facts.sendingSchool = at.from.brin;
    else facts.sendingVoorschool = at.from.org;
  }
  if (at !== undefined && isOpen(at)) {
    if (at.to.brin !== undefined) facts.receivingSchool = at.to.brin;
    facts.aanmeldingReceived = at.aanmelding !== undefined;
  }
  return facts;
}

/**
 * Who is involved in a child's plan and may see it (ACCESS_POLICY 'plan.view', issue 4 §3): the current
 * school, the sending school of an open overstap, the receiving school once the aanmelding is on record,
 * the school of an open referral, the loket of the region, the current regisseur, and leerplicht for a
 * thuiszitter or an overstap at risk. Former schools and regisseurs lose sight of it; everyone else 404.
 */
export function isInvolvedInPlan(actor: Actor, plan: ChildPlanState): boolean {
  return permits(actor, 'plan.view', planFacts(plan));
}

/**
 * Throws unless the access policy permits the action on the plan (or on one of its overstappen):
 * NOT_FOUND outside it, FORBIDDEN for an involved person whose role may not. A receiving school may
 * record the aanmelding, and act on its overstap, before it can see the rest of the plan.
 */
export function assertMayOnPlan(actor: Actor, plan: ChildPlanState, action: ChildPlanAction, transition?: Transition): void {
  const facts = planFacts(plan, transition);
  // A receiving school was told of the overstap when it was scheduled: it learns why it may not, not "not found".
  const told = actor.role === 'school' && transition !== undefined && isOpen(transition) && isSchoolOf(actor, facts.receivingSchool);
  assertPermitted(actor, `plan.${action}`, 'plan.view', facts, 'Child plan', told);
}
