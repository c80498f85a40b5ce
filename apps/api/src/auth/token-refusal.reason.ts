import { errors } from 'jose';

/**
 * A short, non-sensitive reason for refusing a bearer token, shared by every verifier. It says which check
 * failed, never the token, its claims or the expected values.
 */
export function tokenRefusalReasonOf(error: unknown, algorithms: readonly string[]): string {
  if (error instanceof errors.JWTExpired) return 'The bearer token has expired';
  if (error instanceof errors.JWTClaimValidationFailed) return claimRefusalOf(error);
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'The bearer token signature is not valid';
  // Pinning the algorithms refuses `alg: none` and algorithm-confusion tokens (RFC 8725 §3.1).
  if (error instanceof errors.JOSEAlgNotAllowed) return `The bearer token must be signed with ${algorithms.join(' or ')}`;
  if (error instanceof errors.JWKSNoMatchingKey) return 'The bearer token is signed with a key the issuer does not publish (unknown kid)';
  if (error instanceof errors.JWKSMultipleMatchingKeys) return 'The bearer token does not say which of the issuer\'s keys signed it (no kid)';
  return 'The bearer token is malformed';
}

function claimRefusalOf(error: InstanceType<typeof errors.JWTClaimValidationFailed>): string {
  if (error.reason === 'missing') return `The bearer token has no ${error.claim} claim`;
  switch (error.claim) {
    case 'iss':
      return 'The bearer token failed the issuer (iss) check: it was not issued by the configured issuer';
    case 'aud':
      return 'The bearer token failed the audience (aud) check: it is not meant for this API';
    case 'nbf':
      return 'The bearer token is not valid yet (nbf)';
    default:
      return `The bearer token has an invalid ${error.claim} claim`;
  }
}
