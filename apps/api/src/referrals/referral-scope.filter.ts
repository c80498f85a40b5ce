import { scopesOf, type AccessScope, type Actor } from '@schakel/domain';

/** A SQL condition on the `referral` table (alias `r`) with its named parameters. */
export interface ReferralScopeClause {
  where: string;
  params: Record<string, string | readonly string[]>;
}

type ScopeSql = (actor: Actor) => ReferralScopeClause | null;

/**
 * Each case scope of the access policy as a condition on the read model: the SQL twin of
 * CASE_SCOPE in libs/domain/src/access/case-scope.predicates.ts, so a list never shows a case that
 * GET /api/referrals/:id would answer with 404. Scopes a referral has no facts for (overstap schools,
 * figures, own items) match nothing here.
 */
const SCOPE_SQL: Record<AccessScope, ScopeSql> = {
  ownSchool: (actor) => {
    if (actor.org === undefined) return null;
    // A school board's institution code (4 characters, e.g. 12AB) covers itself and its vestigingen (12AB01):
    // left(12AB, 4) is 12AB. Written exactly as ix_referral_board_keyset is, so Postgres reads the page from it.
    return actor.org.length === 4
      ? { where: 'left(r.school_brin, 4) = :scopeOrg', params: { scopeOrg: actor.org } }
      : { where: 'r.school_brin = :scopeOrg', params: { scopeOrg: actor.org } };
  },
  region: (actor) => (actor.region === undefined ? null : { where: 'r.region = :scopeRegion', params: { scopeRegion: actor.region } }),
  assignedRegisseur: (actor) => ({ where: 'r.regisseur_id = :scopeSub', params: { scopeSub: actor.sub } }),
  allocatedProvider: (actor) => (actor.org === undefined ? null : { where: 'r.provider_id = :scopeOrg', params: { scopeOrg: actor.org } }),
  thuiszitterInRegion: (actor) => (actor.region === undefined ? null : { where: '(r.region = :scopeRegion AND r.thuiszitter)', params: { scopeRegion: actor.region } }),
  sendingSchool: () => null,
  sendingVoorschool: () => null,
  receivingSchool: () => null,
  receivingSchoolAfterAanmelding: () => null,
  regionAggregates: () => null,
  allRegions: () => null,
  anyone: () => null,
  self: () => null,
  ownOrganisation: () => null,
  // An ouder's or jongere's children, by the references in their token (at most MAX_CHILDREN_PER_TOKEN).
  ownChild: (actor) => (actor.children === undefined || actor.children.length === 0 ? null : { where: 'r.child_ref IN (:...scopeChildren)', params: { scopeChildren: actor.children } }),
};

/**
 * The work list's tenant restriction, generated from ACCESS_POLICY 'referral.view' for the caller's
 * role: the OR of its scopes' conditions. Null when the role sees no case content (the list is empty).
 */
export function referralScopeClause(actor: Actor): ReferralScopeClause | null {
  const clauses = scopesOf('referral.view', actor.role)
    .map((scope) => SCOPE_SQL[scope](actor))
    .filter((clause): clause is ReferralScopeClause => clause !== null);
  if (clauses.length === 0) return null;
  // Parenthesised: the repository ANDs the list's own filters onto it.
  return { where: `(${clauses.map((c) => c.where).join(' OR ')})`, params: Object.assign({}, ...clauses.map((c) => c.params)) as ReferralScopeClause['params'] };
}
