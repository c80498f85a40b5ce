import type { Actor } from '@schakel/domain';

/**
 * Turns a bearer token into the Actor behind it, or throws DomainError UNAUTHENTICATED. The first cut
 * verifies HS256 tokens signed with the configured secret; issue 5 adds an OIDC/JWKS verifier beside it
 * by providing another implementation of this class (it doubles as the Nest injection token).
 */
export abstract class TokenVerifier {
  abstract verify(token: string): Promise<Actor>;
}
