import { Logger } from '@nestjs/common';
import { UpstreamUnavailableError } from '../errors/upstream-unavailable.error';
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import { DomainError, type Actor } from '@schakel/domain';
import type { OidcConfig } from '../config/api.config';
import { actorFromClaims } from './actor-claims.mapper';
import { discoverJwksUrl } from './oidc-discovery.client';
import { tokenRefusalReasonOf } from './token-refusal.reason';
import { TokenVerifier } from './token.verifier';

/**
 * Asymmetric algorithms only (issue 5 §1): the API holds no key that could sign a token. Pinning them
 * refuses `alg: none`, HS256 with the public key as secret, and other algorithm confusion (RFC 8725 §3.1).
 */
export const OIDC_ALGORITHMS = ['RS256', 'ES256'] as const;

export interface OidcKeySetOptions {
  /**
   * Least time between two JWKS fetches that an unknown `kid` triggers: a rotated-in key is picked up on
   * its first token, yet tokens with made-up kids cannot make the API hammer the identity provider.
   */
  cooldownMs: number;
  /** Keys are refetched at least this often, so a key the provider withdrew stops being accepted. */
  cacheMaxAgeMs: number;
  /** Per fetch of the discovery document or the JWKS. */
  timeoutMs: number;
}

export const OIDC_KEY_SET_DEFAULTS: OidcKeySetOptions = { cooldownMs: 30_000, cacheMaxAgeMs: 10 * 60_000, timeoutMs: 5_000 };

type RemoteKeySet = ReturnType<typeof createRemoteJWKSet>;
type KeySource = { url: URL; keys: RemoteKeySet };

/** The provider's keys could not be had; the request is refused without blaming the token. */
class SigningKeysUnavailableError extends Error {}

/**
 * Verifies the identity provider's access tokens (AUTH_MODE=oidc, issue 5 §1): signature against the
 * issuer's published keys, then `iss`, `aud`, `exp` and `nbf` with OIDC_CLOCK_TOLERANCE, then the configured
 * claims mapped onto an Actor. Key rotation is jose's remote JWK set: an unknown `kid` refetches the set
 * (at most once per cooldown), and the set is refetched when older than cacheMaxAgeMs.
 */
export class OidcTokenVerifier extends TokenVerifier {
  private readonly logger = new Logger(OidcTokenVerifier.name);
  private readonly keySetOptions: OidcKeySetOptions;
  private keySource: Promise<KeySource> | undefined;

  constructor(
    private readonly config: OidcConfig,
    keySetOptions: Partial<OidcKeySetOptions> = {},
  ) {
    super();
    this.keySetOptions = { ...OIDC_KEY_SET_DEFAULTS, ...keySetOptions };
  }

  async verify(token: string): Promise<Actor> {
    let claims: JWTPayload;
    try {
      ({ payload: claims } = await jwtVerify(token, (header, jws) => this.keyFor(header, jws), {
        algorithms: [...OIDC_ALGORITHMS],
        issuer: this.config.issuer,
        audience: this.config.audience,
        clockTolerance: this.config.clockToleranceSeconds,
        requiredClaims: ['sub', 'exp'],
      }));
    } catch (error) {
      if (error instanceof SigningKeysUnavailableError) {
        // The operator needs the cause (URL, status); the client only that it was not the token's fault.
        this.logger.warn(`${error.message}: ${error.cause instanceof Error ? error.cause.message : String(error.cause)}`);
        // 503, not 401: the token may well be valid, and a client should retry rather than sign in again.
        throw new UpstreamUnavailableError('identity-provider', "The bearer token cannot be checked now: the identity provider's signing keys could not be fetched", { cause: error });
      }
      throw new DomainError('UNAUTHENTICATED', tokenRefusalReasonOf(error, OIDC_ALGORITHMS));
    }
    return actorFromClaims(claims, this.config.claims);
  }

  /** Called by jwtVerify only after the token parsed and its `alg` passed, so garbage never causes a fetch. */
  private async keyFor(...token: Parameters<RemoteKeySet>): ReturnType<RemoteKeySet> {
    const { url, keys } = await this.remoteKeys();
    try {
      return await keys(...token);
    } catch (error) {
      // No matching key is the token's problem; anything else (timeout, an HTTP error, a malformed set) the provider's.
      if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) throw error;
      throw new SigningKeysUnavailableError(`The JWKS at ${url.href} could not be used`, { cause: error });
    }
  }

  /** The JWKS URL is discovered once and cached; a failed discovery is not cached, the next request retries. */
  private remoteKeys(): Promise<KeySource> {
    const { cooldownMs, cacheMaxAgeMs, timeoutMs } = this.keySetOptions;
    this.keySource ??= this.jwksUrl().then(
      (url) => ({ url, keys: createRemoteJWKSet(url, { cooldownDuration: cooldownMs, cacheMaxAge: cacheMaxAgeMs, timeoutDuration: timeoutMs }) }),
      (error: unknown) => {
        this.keySource = undefined;
        throw new SigningKeysUnavailableError('The discovery document of OIDC_ISSUER could not be used', { cause: error });
      },
    );
    return this.keySource;
  }

  private async jwksUrl(): Promise<URL> {
    return this.config.jwksUrl === undefined ? discoverJwksUrl(this.config.issuer, this.keySetOptions.timeoutMs) : new URL(this.config.jwksUrl);
  }
}
