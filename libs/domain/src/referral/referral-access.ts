import type { Actor } from '../actor/actor';
import { DomainError } from '../errors/domain-error';

/** The facts about a case that decide who may see it and act on it; held by both the workflow and the read model. */
export interface ReferralScope {
  schoolBrin: string;
  region: string;
  regisseurId: string | null;
  providerId: string | null;
  thuiszitter: boolean;
}

export type ReferralAction = 'view' | 'toewijzing' | 'arrangement' | 'approve' | 'reject' | 'evaluate' | 'withdraw' | 'deadline' | 'reportThuiszitter';

/** A school token's org is its BRIN; a school board's vestiging (12AB01) belongs to the institution 12AB. */
function isSchoolOf(actor: Actor, scope: ReferralScope): boolean {
  return actor.org !== undefined && (scope.schoolBrin === actor.org || scope.schoolBrin.startsWith(actor.org) && actor.org.length === 4);
}

/**
 * Who is involved in a case and may therefore see it. Everyone else gets 404, so a case's existence
 * does not leak (issue 5). Gemeente and admin see aggregates and operations, never case content.
 */
export function isInvolved(actor: Actor, scope: ReferralScope): boolean {
  switch (actor.role) {
    case 'school':
      return isSchoolOf(actor, scope);
    case 'loket':
      return actor.region === scope.region;
    case 'regisseur':
      return actor.sub === scope.regisseurId;
    case 'provider':
      return actor.org !== undefined && actor.org === scope.providerId;
    case 'leerplicht':
      // Leerplicht handhaaft on verzuim; it sees the thuiszitters of its own region (DOMAIN.md §2).
      return scope.thuiszitter && actor.region === scope.region;
    case 'gemeente':
    case 'admin':
      return false;
  }
}

function mayAct(actor: Actor, scope: ReferralScope, action: ReferralAction): boolean {
  switch (action) {
    case 'view':
      return true;
    case 'toewijzing':
      return actor.role === 'loket';
    case 'arrangement':
      return (actor.role === 'school' && isSchoolOf(actor, scope)) || (actor.role === 'provider' && actor.org === scope.providerId);
    case 'approve':
    case 'reject':
    case 'evaluate':
      return actor.role === 'regisseur' && actor.sub === scope.regisseurId;
    case 'deadline':
      // Pausing or extending a term is for whoever coordinates: the loket of the region or the regisseur.
      return (actor.role === 'loket' && actor.region === scope.region) || (actor.role === 'regisseur' && actor.sub === scope.regisseurId);
    case 'reportThuiszitter':
      return (actor.role === 'school' && isSchoolOf(actor, scope)) || (['leerplicht', 'loket'].includes(actor.role) && actor.region === scope.region);
    case 'withdraw':
      return (
        (actor.role === 'school' && isSchoolOf(actor, scope)) ||
        (actor.role === 'loket' && actor.region === scope.region) ||
        (actor.role === 'regisseur' && actor.sub === scope.regisseurId)
      );
  }
}

/**
 * Throws unless the actor may perform the action: NOT_FOUND when the case is outside their scope,
 * NOT_ASSIGNED_REGISSEUR for a regisseur of the region who does not direct this case, FORBIDDEN for a
 * wrong role. Used by the API for reads and by the workflow's Update validators for every step.
 */
export function assertMay(actor: Actor, scope: ReferralScope, action: ReferralAction): void {
  const regionalRegisseur = actor.role === 'regisseur' && actor.region === scope.region;
  // Leerplicht handhaaft in its region: it may report a pupil of any case there as thuiszitter (DOMAIN.md §2).
  const regionalLeerplicht = actor.role === 'leerplicht' && actor.region === scope.region && action === 'reportThuiszitter';
  if (!isInvolved(actor, scope) && !(regionalRegisseur && action !== 'view') && !regionalLeerplicht) {
    throw new DomainError('NOT_FOUND', 'Referral not found');
  }
  if (mayAct(actor, scope, action)) return;
  if (actor.role === 'regisseur' && ['approve', 'reject', 'evaluate'].includes(action)) {
    throw new DomainError('NOT_ASSIGNED_REGISSEUR', `Only the regisseur assigned to this referral may ${action} it`);
  }
  throw new DomainError('FORBIDDEN', `Role ${actor.role} may not ${action} this referral`);
}
