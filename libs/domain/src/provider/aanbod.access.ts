import type { Actor } from '../actor/actor';
import { scopesOf, type AccessScope } from '../access/access-policy';
import { DomainError } from '../errors/domain-error';

/**
 * The catalogue's scopes (ACCESS_POLICY 'provider.view', 'provider.manage'): an aanbod belongs to a region, not
 * to a case, so its scopes are decided on that region alone. Every scope not listed here never matches.
 */
const CATALOGUE_SCOPE: Partial<Record<AccessScope, (actor: Actor, region: string) => boolean>> = {
  anyone: () => true,
  allRegions: () => true,
  region: (actor, region) => actor.region !== undefined && actor.region === region,
};

function catalogueScopeHolds(actor: Actor, action: 'provider.view' | 'provider.manage', region: string): boolean {
  return scopesOf(action, actor.role).some((scope) => CATALOGUE_SCOPE[scope]?.(actor, region) === true);
}

/** Whether the policy lets `actor` create, change or retire an aanbod of `region`. */
export function mayManageAanbod(actor: Actor, region: string): boolean {
  return catalogueScopeHolds(actor, 'provider.manage', region);
}

/**
 * Throws FORBIDDEN unless `actor` may manage aanbod of `region`. The catalogue is readable by everyone, so an
 * aanbod's existence is no secret: outside the scope the answer is 403, not 404.
 */
export function assertMayManageAanbod(actor: Actor, region: string): void {
  if (mayManageAanbod(actor, region)) return;
  throw new DomainError('FORBIDDEN', `Only admin or the loket of region ${region} may create, change or retire its aanbod`, [
    { field: 'region', message: `is not the caller's region (${actor.region ?? 'none in the token'})` },
  ]);
}
