import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { UNROUTED, type ApiMetrics } from './api.metrics';

/**
 * Times every request until its answer is sent, refusals before routing included (it runs first), and labels
 * it with the route *template* Express matched (`/api/referrals/:id`), never the path a client sent.
 */
export function httpMetricsMiddleware(metrics: ApiMetrics): RequestHandler {
  return (request: Request, response: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    // 'finish': the answer was handed to the OS; 'close' without it: the client went away first (not counted).
    response.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics.httpAnswered(request.method, routeTemplateOf(request), response.statusCode, seconds);
    });
    next();
  };
}

function routeTemplateOf(request: Request): string {
  const path: unknown = (request.route as { path?: unknown } | undefined)?.path;
  // Nest answers unknown paths under the prefix through a catch-all (`/api*path`): no route of ours either.
  return typeof path === 'string' && !path.includes('*') ? `${request.baseUrl}${path}` : UNROUTED;
}
