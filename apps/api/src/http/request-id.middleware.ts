import { randomUUID } from 'node:crypto';
import type { NextFunction, Response } from 'express';
import { DomainError } from '@schakel/domain';
import { logContext } from '@schakel/observability';
import type { ApiRequest } from './api-request';

export const REQUEST_ID_HEADER = 'X-Request-Id';

/**
 * Request ids end up in logs, the timeline and the audit log (varchar 100), so a caller's id is taken
 * only when it is short and of a safe alphabet: no spaces, quotes or control characters to forge log lines.
 */
export const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,100}$/;

/**
 * Express-level middleware, so every response — also 401s, 404s for unknown routes and malformed
 * JSON — carries the id the error body names. A bad X-Request-Id is refused with 400 under a fresh id.
 * The id joins the request's log context at once (issue 6 §5): every line logged for the request names it,
 * and the Temporal client carries it into the workflows and activities the request causes.
 */
export function requestIdMiddleware(request: ApiRequest, response: Response, next: NextFunction): void {
  const given = request.get(REQUEST_ID_HEADER);
  const valid = given !== undefined && REQUEST_ID_PATTERN.test(given);
  request.requestId = valid ? given : randomUUID();
  response.setHeader(REQUEST_ID_HEADER, request.requestId);
  logContext.assign({ requestId: request.requestId });
  if (given !== undefined && !valid) {
    const issue = { field: REQUEST_ID_HEADER, message: 'must be 1-100 letters, digits, dots, dashes, underscores or colons' };
    next(new DomainError('VALIDATION_FAILED', `Invalid request: ${issue.field}: ${issue.message}`, [issue]));
    return;
  }
  next();
}
