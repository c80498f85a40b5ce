import type { Actor } from '../actor/actor';
import { assertPermitted, permits, type CaseFacts } from '../access/case-scope.predicates';
import { planFacts } from '../child-plan/child-plan-access';
import type { ChildPlanState } from '../child-plan/child-plan-state';

/**
 * Whose work needs the child's name and the parents' contact details, as facts of the child's plan:
 * those involved in the plan, and — unlike the plan itself — the provider of an open referral's
 * arrangement, which cannot deliver care to a pseudonym (ACCESS_POLICY 'personalDetails.view').
 */
export function personalDetailsFacts(plan: ChildPlanState): CaseFacts {
  const providerIds = plan.referrals.filter((r) => r.closedAt === null && r.providerId !== null).map((r) => r.providerId as string);
  return { ...planFacts(plan), providerIds };
}

export function mayViewPersonalDetails(actor: Actor, plan: ChildPlanState): boolean {
  return permits(actor, 'personalDetails.view', personalDetailsFacts(plan));
}

/** Throws NOT_FOUND outside the view scope (the child's existence does not leak), FORBIDDEN inside it without the right. */
export function assertMayOnPersonalDetails(actor: Actor, plan: ChildPlanState, action: 'view' | 'write'): void {
  assertPermitted(actor, `personalDetails.${action}`, 'personalDetails.view', personalDetailsFacts(plan), 'Child');
}
