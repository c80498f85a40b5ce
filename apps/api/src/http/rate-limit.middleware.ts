import type { NextFunction, RequestHandler, Response } from 'express';
import type { TokenVerifier } from '../auth/token.verifier';
import { RateLimitedError } from '../errors/rate-limited.error';
import type { ApiRequest } from './api-request';
import { ClientRateLimiter } from './client-rate.limiter';

/** Load balancers and launchers probe health often and without a token; limiting them would fake an outage. */
const EXEMPT_PATH = /^\/api\/health(\/|$)/;

const BEARER = /^Bearer ([A-Za-z0-9_.~+/=-]+)$/i;

/**
 * Who a request counts against: the token's subject when the token is valid, so users behind one school's NAT
 * do not share a budget; otherwise the client address. Only a verified subject counts: a forged `sub` would let
 * a client spread its requests over many budgets or spend someone else's.
 */
async function clientKeyOf(request: ApiRequest, verifier: TokenVerifier): Promise<string> {
  const token = BEARER.exec(request.headers.authorization ?? '')?.[1];
  if (token !== undefined) {
    const actor = verifier.verify(token);
    // AuthGuard needs the same answer moments later: one verification per request, not two.
    request.tokenVerification = { token, actor };
    try {
      return `sub:${(await actor).sub}`;
    } catch {
      // Refused, with its reason, by the AuthGuard (from the same verification); here it only means "count by address".
    }
  }
  return `ip:${request.ip ?? request.socket.remoteAddress ?? 'unknown'}`;
}

/**
 * Rate limiting per client (issue 5 §6; OWASP API4:2023 unrestricted resource consumption): a token bucket of
 * `perMinute` requests, refused with 429 RATE_LIMITED and Retry-After by the one error filter. Runs before the
 * body is read, so a flood costs a token check rather than a parse.
 */
export function rateLimitMiddleware(options: { perMinute: number; verifier: TokenVerifier; now?: () => number }): RequestHandler {
  const limiter = new ClientRateLimiter(options.perMinute, options.now);
  return (request: ApiRequest, _response: Response, next: NextFunction): void => {
    if (EXEMPT_PATH.test(request.path)) {
      next();
      return;
    }
    clientKeyOf(request, options.verifier).then(
      (client) => {
        const decision = limiter.take(client);
        next(decision.allowed ? undefined : new RateLimitedError(decision.retryAfterSeconds));
      },
      (error: unknown) => next(error),
    );
  };
}
