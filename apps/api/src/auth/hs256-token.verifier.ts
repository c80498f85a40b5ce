import { jwtVerify, type JWTPayload } from 'jose';
import { DomainError, type Actor } from '@schakel/domain';
import { actorFromClaims, DEVELOPMENT_CLAIM_NAMES } from './actor-claims.mapper';
import { tokenRefusalReasonOf } from './token-refusal.reason';
import { TokenVerifier } from './token.verifier';

/** The one algorithm accepted: pinning it refuses `alg: none` and algorithm-confusion tokens (RFC 8725 §3.1). */
export const DEV_TOKEN_ALGORITHM = 'HS256';

/** Verifies the development signer's tokens (AUTH_MODE=development); refused in production (issue 5 §1). */
export class Hs256TokenVerifier extends TokenVerifier {
  private readonly key: Uint8Array;

  constructor(secret: string) {
    super();
    this.key = new TextEncoder().encode(secret);
  }

  async verify(token: string): Promise<Actor> {
    let claims: JWTPayload;
    try {
      // A token without an expiry would be valid forever; issue 2 §4 requires expired tokens to be refused.
      ({ payload: claims } = await jwtVerify(token, this.key, { algorithms: [DEV_TOKEN_ALGORITHM], requiredClaims: ['sub', 'exp'] }));
    } catch (error) {
      throw new DomainError('UNAUTHENTICATED', tokenRefusalReasonOf(error, [DEV_TOKEN_ALGORITHM]));
    }
    return actorFromClaims(claims, DEVELOPMENT_CLAIM_NAMES);
  }
}
