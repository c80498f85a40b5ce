import type { Actor } from '@schakel/domain';

/** A SQL condition on the `referral` table (alias `r`) with its named parameters. */
export interface ReferralScopeClause {
  where: string;
  params: Record<string, string>;
}

/**
 * The work list's tenant restriction: the SQL twin of `isInvolved` in libs/domain referral-access.ts,
 * rule for rule, so a list never shows a case that GET /api/referrals/:id would answer with 404.
 * Returns null when the role sees no case content at all (the list is empty).
 */
export function referralScopeClause(actor: Actor): ReferralScopeClause | null {
  switch (actor.role) {
    case 'school':
      if (actor.org === undefined) return null;
      // A school board's institution code (4 characters, e.g. 12AB) covers its vestigingen (12AB01).
      return actor.org.length === 4
        ? { where: '(r.school_brin = :scopeOrg OR left(r.school_brin, 4) = :scopeOrg)', params: { scopeOrg: actor.org } }
        : { where: 'r.school_brin = :scopeOrg', params: { scopeOrg: actor.org } };
    case 'loket':
      return actor.region === undefined ? null : { where: 'r.region = :scopeRegion', params: { scopeRegion: actor.region } };
    case 'regisseur':
      return { where: 'r.regisseur_id = :scopeSub', params: { scopeSub: actor.sub } };
    case 'provider':
      return actor.org === undefined ? null : { where: 'r.provider_id = :scopeOrg', params: { scopeOrg: actor.org } };
    case 'leerplicht':
      // Leerplicht sees the thuiszitters of its own region (DOMAIN.md §2).
      return actor.region === undefined ? null : { where: 'r.region = :scopeRegion AND r.thuiszitter', params: { scopeRegion: actor.region } };
    case 'gemeente':
    case 'admin':
      return null;
  }
}
