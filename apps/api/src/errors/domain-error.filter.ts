import { Catch, HttpException, HttpStatus, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { DomainError, type DomainErrorCode } from '@schakel/domain';
import type { ApiRequest } from '../http/api-request';
import type { ApiErrorCode, ApiErrorResponseDto } from './api-error.response';
import { RateLimitedError } from './rate-limited.error';
import { describeDatabaseError, isReadModelUnavailable } from './read-model.error';
import { UpstreamUnavailableError } from './upstream-unavailable.error';

/** Exhaustive: adding a domain error code does not compile until it has a status here (CONVENTIONS.md, habit 4). */
export const DOMAIN_ERROR_STATUS: Record<DomainErrorCode, number> = {
  VALIDATION_FAILED: HttpStatus.BAD_REQUEST,
  UNAUTHENTICATED: HttpStatus.UNAUTHORIZED,
  FORBIDDEN: HttpStatus.FORBIDDEN,
  NOT_ASSIGNED_REGISSEUR: HttpStatus.FORBIDDEN,
  NOT_FOUND: HttpStatus.NOT_FOUND,
  STAGE_CONFLICT: HttpStatus.CONFLICT,
  REGISSEUR_CONFLICT: HttpStatus.CONFLICT,
  VERSION_CONFLICT: HttpStatus.PRECONDITION_FAILED,
  AANBOD_MISFIT: HttpStatus.CONFLICT,
  IDEMPOTENCY_KEY_REUSED: HttpStatus.UNPROCESSABLE_ENTITY,
  DEADLINE_RULE: HttpStatus.UNPROCESSABLE_ENTITY,
  CALENDAR_OUT_OF_RANGE: HttpStatus.UNPROCESSABLE_ENTITY,
};

/** Errors the framework raises before our code runs: unknown routes, body-parser failures. */
const FRAMEWORK_STATUS_CODES: Partial<Record<number, ApiErrorCode>> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
};

/** body-parser marks its errors with a `type` (and a `limit`); Nest wraps them in an HttpException whose cause they are. */
function bodyParserErrorOf(error: HttpException): { type: string; limit?: number } | undefined {
  const cause: unknown = error.cause;
  if (typeof cause !== 'object' || cause === null) return undefined;
  // A body that does not inflate per its Content-Encoding: zlib's error, passed on without a type.
  if ('code' in cause && typeof cause.code === 'string' && cause.code.startsWith('Z_')) return { type: 'encoding.invalid' };
  if (!('type' in cause) || typeof cause.type !== 'string') return undefined;
  return { type: cause.type, ...('limit' in cause && typeof cause.limit === 'number' && { limit: cause.limit }) };
}

/**
 * Our words for body-parser's refusals: its own messages quote the request's header values back (`unsupported
 * charset "X"`), and an error body says what to fix, not what a library saw (OWASP Error Handling Cheat Sheet).
 */
function bodyParserMessageOf(parserError: { type: string; limit?: number }): string | undefined {
  switch (parserError.type) {
    case 'entity.too.large':
      return `The request body is larger than the limit of ${parserError.limit ?? 'this API'} bytes`;
    case 'parameters.too.many':
      return 'The request body has too many parameters';
    case 'charset.unsupported':
      return 'Unsupported charset: send JSON as UTF-8';
    case 'encoding.unsupported':
      return 'Unsupported Content-Encoding: send identity, gzip, deflate or br';
    case 'encoding.invalid':
      return 'The request body is not valid for its Content-Encoding';
    case 'request.aborted':
    case 'request.size.invalid':
      return 'The request body did not arrive whole';
    default:
      return undefined;
  }
}

/**
 * The ONE place that turns failures into HTTP answers. Every body has the same shape (ApiError); the
 * request id ties it to the logs. Request bodies are never logged: they carry case content (AVG).
 */
@Catch()
export class DomainErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('DomainErrorFilter');

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<ApiRequest>();
    const response = http.getResponse<unknown>();
    const requestId = request.requestId ?? randomUUID();
    const body = this.bodyOf(error, request, requestId);
    const adapter = this.adapterHost.httpAdapter;
    if (body.code === 'UNAUTHENTICATED') {
      // RFC 6750 §3: a 401 for a bearer-protected resource names the scheme.
      adapter.setHeader(response, 'WWW-Authenticate', request.headers.authorization ? 'Bearer error="invalid_token"' : 'Bearer');
    }
    if (body.code === 'SERVICE_UNAVAILABLE') adapter.setHeader(response, 'Retry-After', '5');
    // RFC 6585 §4: a 429 may say how long to wait; well-behaved clients back off exactly that long.
    if (error instanceof RateLimitedError) adapter.setHeader(response, 'Retry-After', String(error.retryAfterSeconds));
    adapter.reply(response, body, body.statusCode);
  }

  private bodyOf(error: unknown, request: ApiRequest, requestId: string): ApiErrorResponseDto {
    if (error instanceof DomainError) {
      const issues = error.issues.length > 0 ? { issues: [...error.issues] } : {};
      return { statusCode: DOMAIN_ERROR_STATUS[error.code], code: error.code, message: error.message, ...issues, requestId };
    }
    if (error instanceof RateLimitedError) {
      return { statusCode: HttpStatus.TOO_MANY_REQUESTS, code: 'RATE_LIMITED', message: error.message, requestId };
    }
    if (error instanceof UpstreamUnavailableError) {
      this.logger.warn(`${request.method} ${request.path} [${requestId}]: ${error.dependency} unavailable: ${error.message}`);
      return { statusCode: HttpStatus.SERVICE_UNAVAILABLE, code: 'SERVICE_UNAVAILABLE', message: error.message, requestId };
    }
    if (error instanceof HttpException && error.getStatus() < 500) {
      const statusCode = error.getStatus();
      const parserError = bodyParserErrorOf(error);
      if (parserError?.type === 'entity.parse.failed') {
        const issues = [{ field: '(body)', message: 'is not valid JSON' }];
        return { statusCode: 400, code: 'VALIDATION_FAILED', message: 'Invalid request: (body): is not valid JSON', issues, requestId };
      }
      // Framework messages ("Cannot GET …", "Forbidden resource") hold no internals; body-parser's get ours.
      const parserMessage = parserError === undefined ? undefined : bodyParserMessageOf(parserError);
      const message = statusCode === 404 ? `No route ${request.method} ${request.path}` : (parserMessage ?? error.message);
      return { statusCode, code: FRAMEWORK_STATUS_CODES[statusCode] ?? 'BAD_REQUEST', message, requestId };
    }
    if (isReadModelUnavailable(error)) {
      this.logger.warn(`${request.method} ${request.path} [${requestId}]: postgres unavailable: ${describeDatabaseError(error) ?? (error instanceof Error ? error.message : 'unknown')}`);
      return { statusCode: HttpStatus.SERVICE_UNAVAILABLE, code: 'SERVICE_UNAVAILABLE', message: 'The database is not reachable', requestId };
    }
    // Name, message and stack only: never the request body or headers, which may hold case data or tokens.
    const detail = describeDatabaseError(error) ?? (error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error));
    this.logger.error(`${request.method} ${request.path} [${requestId}] failed: ${detail}`);
    return { statusCode: HttpStatus.INTERNAL_SERVER_ERROR, code: 'INTERNAL_ERROR', message: 'Internal server error', requestId };
  }
}
