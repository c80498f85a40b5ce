import type { Actor } from '../actor/actor';
import { DomainError } from '../errors/domain-error';
import { scopesOf, type AccessAction, type AccessScope } from './access-policy';

/**
 * What a case is about, as far as access goes: schools by their part in it, region, regisseur,
 * provider(s), thuiszitter. Referrals and child plans each describe themselves in these terms.
 */
export interface CaseFacts {
  /** Schools the case belongs to now (a referral's school; a plan's current school and open referrals' schools). */
  schools: readonly string[];
  sendingSchool?: string;
  /** The voorschool organisation a toddler leaves in a voorschool → PO overstap (a provider's org code). */
  sendingVoorschool?: string;
  receivingSchool?: string;
  /** The aanmelding at the receiving school is on record (the receiving school may see the plan). */
  aanmeldingReceived?: boolean;
  region: string;
  regisseurId: string | null;
  providerIds: readonly string[];
  /** A thuiszitter, or (a plan) an overstap escalated towards one. */
  thuiszitter: boolean;
  /** The child the case is about, by pseudonymous reference: what an ouder's or jongere's token names. */
  childRef?: string;
}

/** A school token's org is its BRIN; a board's institution code (12AB) also covers its vestigingen (12AB01). */
export function isSchoolOf(actor: Actor, brin: string | undefined): boolean {
  if (actor.org === undefined || brin === undefined) return false;
  return brin === actor.org || (actor.org.length === 4 && brin.startsWith(actor.org));
}

/** One predicate per case scope of ACCESS_SCOPES; the figure and self scopes are decided by their endpoints. */
const CASE_SCOPE: Record<AccessScope, (actor: Actor, facts: CaseFacts) => boolean> = {
  ownSchool: (actor, facts) => facts.schools.some((brin) => isSchoolOf(actor, brin)),
  sendingSchool: (actor, facts) => isSchoolOf(actor, facts.sendingSchool),
  sendingVoorschool: (actor, facts) => actor.org !== undefined && actor.org === facts.sendingVoorschool,
  receivingSchool: (actor, facts) => isSchoolOf(actor, facts.receivingSchool),
  receivingSchoolAfterAanmelding: (actor, facts) => facts.aanmeldingReceived === true && isSchoolOf(actor, facts.receivingSchool),
  region: (actor, facts) => actor.region !== undefined && actor.region === facts.region,
  assignedRegisseur: (actor, facts) => facts.regisseurId !== null && actor.sub === facts.regisseurId,
  allocatedProvider: (actor, facts) => actor.org !== undefined && facts.providerIds.includes(actor.org),
  thuiszitterInRegion: (actor, facts) => facts.thuiszitter && actor.region === facts.region,
  regionAggregates: () => false,
  allRegions: () => false,
  anyone: () => false,
  self: () => false,
  ownOrganisation: () => false,
  ownChild: (actor, facts) => facts.childRef !== undefined && actor.children !== undefined && actor.children.includes(facts.childRef),
};

/** Whether the policy lets `actor` take `action` on this case. */
export function permits(actor: Actor, action: AccessAction, facts: CaseFacts): boolean {
  return scopesOf(action, actor.role).some((scope) => CASE_SCOPE[scope](actor, facts));
}

/**
 * Throws unless the policy permits the action: NOT_FOUND when the actor may not even see the case (its
 * existence must not leak) — unless the policy lets them act on it unseen (a receiving school recording
 * the aanmelding) — FORBIDDEN when they may see it (or `knowsOfIt`: were told of it) but not do this. A regisseur of the case's own
 * region hears NOT_ASSIGNED_REGISSEUR: the loket routes cases to the region's regisseurs, who know them.
 */
export function assertPermitted(actor: Actor, action: AccessAction, view: AccessAction, facts: CaseFacts, subject = 'Case', knowsOfIt = false): void {
  if (permits(actor, action, facts)) return;
  const regionalRegisseur = actor.role === 'regisseur' && actor.region === facts.region && scopesOf(action, 'regisseur').includes('assignedRegisseur');
  if (action !== view && regionalRegisseur) {
    // Before a toewijzing nobody directs the case yet: not "another regisseur", simply not (yet) theirs.
    if (facts.regisseurId === null) throw new DomainError('FORBIDDEN', `No regisseur is assigned to this ${subject.toLowerCase()} yet`);
    throw new DomainError('NOT_ASSIGNED_REGISSEUR', `Only the regisseur assigned to this ${subject.toLowerCase()} may ${action.split('.')[1] ?? action} it`);
  }
  if (!knowsOfIt && !permits(actor, view, facts)) throw new DomainError('NOT_FOUND', `${subject} not found`);
  throw new DomainError('FORBIDDEN', `Role ${actor.role} may not ${action.split('.')[1] ?? action} this ${subject.toLowerCase()}`);
}
