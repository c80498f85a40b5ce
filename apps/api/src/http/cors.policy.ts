import type { NextFunction, RequestHandler, Response } from 'express';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DomainError } from '@schakel/domain';
import { IDEMPOTENCY_KEY_HEADER } from './idempotency-key.decorator';
import { IF_MATCH_HEADER } from './if-match.decorator';
import type { ApiRequest } from './api-request';
import { REQUEST_ID_HEADER } from './request-id.middleware';

type CorsOptions = Exclude<Parameters<NestExpressApplication['enableCors']>[0], undefined | ((...args: never[]) => unknown)>;

/**
 * The methods and headers the API's operations use; a new method or request header must be listed here. PUT and
 * PATCH with If-Match are the versioned writes (personal details, the provider catalogue): a browser client must
 * be able to send If-Match and read the ETag it answers, or it could never write without a 412.
 */
const ALLOWED_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];
const ALLOWED_HEADERS = ['Authorization', 'Content-Type', IDEMPOTENCY_KEY_HEADER, IF_MATCH_HEADER, REQUEST_ID_HEADER];
const EXPOSED_HEADERS = [REQUEST_ID_HEADER, 'ETag', 'Retry-After', 'WWW-Authenticate'];

/**
 * CORS for exactly the configured origins (issue 5 §6): no wildcard and no reflection of whatever Origin arrives,
 * which would let any site's script read case data with a user's token (OWASP HTML5 Security Cheat Sheet, CORS).
 * No credentials: the API authenticates with bearer tokens, never cookies.
 */
export function corsOptionsFor(origins: readonly string[]): CorsOptions {
  return {
    origin: [...origins],
    methods: ALLOWED_METHODS,
    allowedHeaders: ALLOWED_HEADERS,
    exposedHeaders: EXPOSED_HEADERS,
    credentials: false,
    maxAge: 600,
  };
}

/**
 * A preflight from an origin that is not listed is refused outright (403), rather than answered 204 without
 * CORS headers as the cors package does: the answer then says plainly that this origin may not call the API.
 * Requests without Origin (servers, curl) and same-origin requests are not CORS and pass untouched.
 */
export function foreignPreflightMiddleware(origins: readonly string[]): RequestHandler {
  const allowed = new Set(origins);
  return (request: ApiRequest, response: Response, next: NextFunction): void => {
    const origin = request.headers.origin;
    if (origin === undefined) {
      next();
      return;
    }
    // Whether CORS headers are sent depends on Origin, so caches must not hand one origin's answer to another.
    response.vary('Origin');
    const preflight = request.method === 'OPTIONS' && request.headers['access-control-request-method'] !== undefined;
    if (preflight && !allowed.has(origin)) {
      next(new DomainError('FORBIDDEN', 'This origin may not call the API (CORS_ORIGINS)'));
      return;
    }
    next();
  };
}
