import type { JWTPayload } from 'jose';
import { actorSchema, DomainError, type Actor } from '@schakel/domain';

/** Which token claim holds each Actor field other than `sub` (always the standard `sub` claim). */
export interface ActorClaimNames {
  role: string;
  org: string;
  region: string;
  /** An array of pseudonymous child references, for the roles ouder and jongere only (ADR 0016). */
  children: string;
}

/** The development signer writes the Actor's own field names (dev-token.signer.ts). */
export const DEVELOPMENT_CLAIM_NAMES: ActorClaimNames = { role: 'role', org: 'org', region: 'region', children: 'children' };

/**
 * Turns verified claims into an Actor through the domain's actorSchema, the one definition of a valid
 * Actor, for every verifier. A refusal names the offending claims, never their values: a token's
 * content stays out of responses and logs.
 */
export function actorFromClaims(claims: JWTPayload, names: ActorClaimNames): Actor {
  const claimOf: Record<keyof Actor, string> = { sub: 'sub', ...names };
  // Absent claims are left out rather than set to undefined, so the Actor has no keys it does not carry.
  const candidate = Object.fromEntries(
    Object.entries(claimOf).flatMap(([field, claim]) => (claims[claim] === undefined ? [] : [[field, claims[claim]]])),
  );
  const actor = actorSchema.safeParse(candidate);
  if (actor.success) return actor.data;

  const refused = [...new Set(actor.error.issues.map((issue) => claimOf[issue.path[0] as keyof Actor] ?? '(claims)'))];
  const missing = refused.filter((claim) => claims[claim] === undefined);
  const invalid = refused.filter((claim) => claims[claim] !== undefined);
  const reasons = [
    ...(missing.length > 0 ? [`is missing claims: ${missing.join(', ')}`] : []),
    ...(invalid.length > 0 ? [`has invalid claims: ${invalid.join(', ')}`] : []),
  ];
  throw new DomainError('UNAUTHENTICATED', `The bearer token ${reasons.join(' and ')}`);
}
