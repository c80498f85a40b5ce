import { SignJWT } from 'jose';
import type { Actor } from '@schakel/domain';
import type { AuthConfig } from '../config/api.config';
import { DEV_TOKEN_ALGORITHM } from './hs256-token.verifier';

export interface DevTokenOptions {
  /** Lifetime in seconds; defaults to AUTH_TOKEN_TTL. */
  ttlSeconds?: number;
  /** Absolute expiry; wins over ttlSeconds (tests use a past moment for an expired token). */
  expiresAt?: Date;
}

/**
 * Issues the first-cut HS256 tokens that Hs256TokenVerifier accepts: used by `npm run token` and the
 * end-to-end tests, so both produce exactly what the API verifies. Never used in production.
 */
export class DevTokenSigner {
  private readonly key: Uint8Array;

  constructor(private readonly config: Pick<AuthConfig, 'jwtSecret' | 'tokenTtlSeconds'>) {
    this.key = new TextEncoder().encode(config.jwtSecret);
  }

  async sign(actor: Actor, options: DevTokenOptions = {}): Promise<string> {
    const nowSeconds = Math.floor(Date.now() / 1000);
    const exp = options.expiresAt
      ? Math.floor(options.expiresAt.getTime() / 1000)
      : nowSeconds + (options.ttlSeconds ?? this.config.tokenTtlSeconds);
    const claims: Record<string, string | string[]> = { role: actor.role };
    if (actor.org !== undefined) claims['org'] = actor.org;
    if (actor.region !== undefined) claims['region'] = actor.region;
    if (actor.children !== undefined) claims['children'] = [...actor.children];
    return new SignJWT(claims)
      .setProtectedHeader({ alg: DEV_TOKEN_ALGORITHM, typ: 'JWT' })
      .setSubject(actor.sub)
      .setIssuedAt(Math.min(nowSeconds, exp))
      .setExpirationTime(exp)
      .sign(this.key);
  }
}
