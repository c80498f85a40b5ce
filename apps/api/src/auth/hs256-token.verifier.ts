import { errors, jwtVerify } from 'jose';
import { actorSchema, DomainError, type Actor } from '@schakel/domain';
import { TokenVerifier } from './token.verifier';

/** The one algorithm accepted: pinning it refuses `alg: none` and algorithm-confusion tokens (RFC 8725 §3.1). */
export const DEV_TOKEN_ALGORITHM = 'HS256';

export class Hs256TokenVerifier extends TokenVerifier {
  private readonly key: Uint8Array;

  constructor(secret: string) {
    super();
    this.key = new TextEncoder().encode(secret);
  }

  async verify(token: string): Promise<Actor> {
    let claims: Record<string, unknown>;
    try {
      // A token without an expiry would be valid forever; issue 2 §4 requires expired tokens to be refused.
      ({ payload: claims } = await jwtVerify(token, this.key, { algorithms: [DEV_TOKEN_ALGORITHM], requiredClaims: ['sub', 'exp'] }));
    } catch (error) {
      throw new DomainError('UNAUTHENTICATED', reasonOf(error));
    }
    const actor = actorSchema.safeParse(claims);
    if (!actor.success) {
      const fields = actor.error.issues.map((issue) => issue.path.join('.') || '(claims)').join(', ');
      throw new DomainError('UNAUTHENTICATED', `The bearer token has invalid claims: ${fields}`);
    }
    return actor.data;
  }
}

/** A short, non-sensitive reason: never echo the token or its claims back. */
function reasonOf(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'The bearer token has expired';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'The bearer token signature is not valid';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'The bearer token must be signed with HS256';
  if (error instanceof errors.JWTClaimValidationFailed) return `The bearer token is missing or has an invalid ${error.claim} claim`;
  return 'The bearer token is malformed';
}
