import { isParticipant, type Actor } from '../actor/actor';
import { assertPermitted } from '../access/case-scope.predicates';
import { planFacts } from '../child-plan/child-plan-access';
import type { ChildPlanState } from '../child-plan/child-plan-state';
import { inzageRefusalReason, mayExerciseInzage } from '../consent/inzage-right.rule';
import { DomainError } from '../errors/domain-error';

export type ParticipantAction = 'overzicht' | 'dossier';

/**
 * An ouder or jongere reading about a child (ACCESS_POLICY 'child.*', scope ownChild): NOT_FOUND unless their
 * token names the child — the child's existence does not leak, as for every case — then FORBIDDEN when the
 * child's age gives the right to the other party (consent/inzage-right.rule.ts). `ageYears` null: no date of
 * birth on record.
 */
export function assertMayAsParticipant(actor: Actor, plan: ChildPlanState, action: ParticipantAction, ageYears: number | null): void {
  assertPermitted(actor, `child.${action}`, 'plan.view', planFacts(plan), 'Child');
  assertParticipantAge(actor, ageYears);
}

/**
 * The same age rule on the case views an ouder or jongere may open (the plan, a referral): a parent of a
 * young person of 16 no longer reads their file, whichever endpoint they try. Staff roles pass unchanged.
 */
export function assertParticipantAge(actor: Actor, ageYears: number | null): void {
  if (isParticipant(actor.role) && !mayExerciseInzage(actor.role, ageYears)) throw new DomainError('FORBIDDEN', inzageRefusalReason(actor.role));
}
