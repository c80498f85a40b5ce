import type { Actor } from '../actor/actor';
import type { AccessAction } from '../access/access-policy';
import { assertPermitted, permits, type CaseFacts } from '../access/case-scope.predicates';

/** The facts about a case that decide who may see it and act on it; held by both the workflow and the read model. */
export interface ReferralScope {
  schoolBrin: string;
  region: string;
  regisseurId: string | null;
  providerId: string | null;
  thuiszitter: boolean;
  /** Optional so older callers keep compiling; without it no ouder or jongere sees the case. */
  childRef?: string;
}

export type ReferralAction = 'view' | 'toewijzing' | 'arrangement' | 'approve' | 'reject' | 'evaluate' | 'withdraw' | 'deadline' | 'reportThuiszitter' | 'overbrugging' | 'toestemming' | 'paperToestemming' | 'zienswijze';

/** A referral in the terms of the access policy (libs/domain/src/access/access-policy.ts). */
export function referralFacts(scope: ReferralScope): CaseFacts {
  return {
    schools: [scope.schoolBrin],
    region: scope.region,
    regisseurId: scope.regisseurId,
    providerIds: scope.providerId === null ? [] : [scope.providerId],
    thuiszitter: scope.thuiszitter,
    ...(scope.childRef === undefined ? {} : { childRef: scope.childRef }),
  };
}

const policyAction = (action: ReferralAction): AccessAction => `referral.${action}`;

/**
 * Who is involved in a case and may therefore see it (ACCESS_POLICY 'referral.view'). Everyone else
 * gets 404, so a case's existence does not leak; gemeente and admin see figures, never case content.
 */
export function isInvolved(actor: Actor, scope: ReferralScope): boolean {
  return permits(actor, 'referral.view', referralFacts(scope));
}

/**
 * Throws unless the access policy permits the action (NOT_FOUND outside the case's view scope,
 * NOT_ASSIGNED_REGISSEUR for a regisseur of the region who does not direct it, FORBIDDEN otherwise).
 * Used by the API for reads and by the workflow's Update validators for every step.
 */
export function assertMay(actor: Actor, scope: ReferralScope, action: ReferralAction): void {
  assertPermitted(actor, policyAction(action), 'referral.view', referralFacts(scope), 'Referral');
}
