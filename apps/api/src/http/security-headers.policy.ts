import type { NextFunction, RequestHandler, Response } from 'express';
import type { SecurityHeadersOptions } from '@nestjs/common';
import type { SchakelEnv } from '../config/api.config';
import { OPENAPI_PATH } from '../openapi/openapi.setup';
import type { ApiRequest } from './api-request';

/**
 * Response headers for a JSON API (issue 5 §6; OWASP REST Security and HTTP Headers Cheat Sheets), through Nest's
 * own `app.useSecurityHeaders()` (helmet 8's headers and defaults, built into Nest 12, so no extra package).
 * A JSON answer loads nothing, so its CSP allows nothing and no page may frame it. HSTS only in production:
 * sent from a developer's http://localhost it would pin that host to https in their browser.
 */
export function securityHeadersFor(env: SchakelEnv): SecurityHeadersOptions {
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] },
    },
    strictTransportSecurity: env === 'production' ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    xFrameOptions: { action: 'deny' },
  };
}

/**
 * The Swagger UI at /api/docs is a page: its own scripts, its inline styles and data: images (the swagger-ui
 * bundle's icons), and fetches of the OpenAPI document and "Try it out" calls to this origin only.
 */
const DOCS_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const DOCS_PATH = new RegExp(`^/${OPENAPI_PATH}([-/]|$)`);

/**
 * The web interface under / (issue 8) is a page too, stricter than the docs: its own bundled script and
 * stylesheet only (no inline script or style), fetches to this origin (the API) and, with OIDC, to the issuer
 * (discovery and the PKCE code exchange happen in the browser). Everything under /api and /metrics is JSON
 * and keeps the policy that allows nothing.
 */
export function webPageContentSecurityPolicy(connectSources: readonly string[] = []): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    ['connect-src', "'self'", ...connectSources].join(' '),
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

const JSON_PATH = /^\/(api|metrics)(\/|$)/;

/**
 * Runs after the security headers hook: the docs get the page policy above; every other answer may hold case
 * data, so no browser or proxy may keep a copy (Cache-Control: no-store, OWASP REST Security Cheat Sheet).
 */
export function responsePolicyMiddleware(options: { webConnectSources?: readonly string[] } = {}): RequestHandler {
  const webPolicy = webPageContentSecurityPolicy(options.webConnectSources);
  return (request: ApiRequest, response: Response, next: NextFunction): void => {
    if (DOCS_PATH.test(request.path)) response.setHeader('Content-Security-Policy', DOCS_CONTENT_SECURITY_POLICY);
    else {
      response.setHeader('Cache-Control', 'no-store');
      if (!JSON_PATH.test(request.path)) response.setHeader('Content-Security-Policy', webPolicy);
    }
    next();
  };
}
