import type { Actor } from '@schakel/domain';

/**
 * Turns a bearer token into the Actor behind it, or throws DomainError UNAUTHENTICATED. AUTH_MODE picks the
 * implementation (auth.module.ts): OidcTokenVerifier for the identity provider's tokens (issue 5 §1), or
 * Hs256TokenVerifier for development tokens. The class doubles as the Nest injection token.
 */
export abstract class TokenVerifier {
  abstract verify(token: string): Promise<Actor>;
}
