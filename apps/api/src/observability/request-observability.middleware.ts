import { context, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import type { NextFunction, Response } from 'express';
import { logContext, type LogContextFields, type RootLogger, type Tracing } from '@schakel/observability';
import type { ApiRequest } from '../http/api-request';
import { requestObservability } from './request-observability.state';

/**
 * The route as Express matched it (`/api/referrals/:id/toewijzing`), never the path as sent: a path can hold a
 * childRef (`/api/children/:ref/plan`) and a query a cursor or a childRef (`/api/audit?child=`). Unmatched
 * requests (404s, refusals before routing) are logged without one.
 */
function routeOf(request: ApiRequest): string | undefined {
  const path: unknown = (request.route as { path?: unknown } | undefined)?.path;
  return typeof path === 'string' ? `${request.baseUrl}${path}` : undefined;
}

/**
 * One access log line and one HTTP server span per request (issue 6 §5), with the request id (which
 * requestIdMiddleware, running next, puts into the log context this middleware opens) and, once authenticated,
 * the actor's role and sub — never a name, a header, a body or a query. It runs before the request id is checked,
 * so even a request refused for its X-Request-Id gets its line. Everything logged while the request is served
 * carries the same request id, and the Temporal client passes it on to the workflow. The API starts its own trace
 * per request: it is a public endpoint, so a caller's `traceparent` is not trusted to pick trace ids or sampling.
 */
export function requestObservabilityMiddleware(logger: RootLogger, tracing: Tracing) {
  const { tracer } = tracing;
  return (request: ApiRequest, response: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    const fields: LogContextFields = {};
    const span: Span | undefined = tracer?.startSpan(`${request.method}`, { kind: SpanKind.SERVER, attributes: { 'http.request.method': request.method } }, ROOT_CONTEXT);
    const traceContext = span === undefined ? undefined : trace.setSpan(ROOT_CONTEXT, span);
    requestObservability.set(request, { fields, traceContext });

    let done = false;
    const finish = (completed: boolean): void => {
      if (done) return;
      done = true;
      const route = routeOf(request);
      const { statusCode } = response;
      const actor = request.actor === undefined ? fields.actor : { role: request.actor.role, sub: request.actor.sub };
      const line = {
        ...fields,
        ...(request.requestId === undefined ? {} : { requestId: request.requestId }),
        ...(actor === undefined ? {} : { actor }),
        ...(span === undefined ? {} : { traceId: span.spanContext().traceId, spanId: span.spanContext().spanId }),
        context: 'HTTP',
        req: { method: request.method, ...(route === undefined ? {} : { route }) },
        res: { statusCode },
        responseTimeMs: Number((process.hrtime.bigint() - started) / 1_000n) / 1_000,
      };
      if (!completed) logger.warn(line, 'request aborted by the client');
      else if (statusCode >= 500) logger.error(line, 'request failed');
      else logger.info(line, 'request completed');
      if (span !== undefined) {
        if (route !== undefined) {
          span.updateName(`${request.method} ${route}`);
          span.setAttribute('http.route', route);
        }
        span.setAttribute('http.response.status_code', statusCode);
        if (request.requestId !== undefined) span.setAttribute('schakel.request_id', request.requestId);
        if (statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
        span.end();
      }
    };
    response.once('finish', () => finish(true));
    response.once('close', () => finish(response.writableFinished));

    const run = (): void => logContext.run(fields, next);
    if (traceContext === undefined) run();
    else context.with(traceContext, run);
  };
}
