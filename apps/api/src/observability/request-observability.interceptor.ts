import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { context as otelContext } from '@opentelemetry/api';
import { Observable } from 'rxjs';
import { logContext } from '@schakel/observability';
import type { ApiRequest } from '../http/api-request';
import { requestObservability } from './request-observability.state';

/**
 * Runs each route handler inside its request's log context and HTTP span again, after the guard: the body
 * parsers resume requests from socket callbacks, where an async context set before them is not guaranteed to
 * survive, and only now is the actor known. The actor (role and sub) joins the log context here.
 */
@Injectable()
export class RequestObservabilityInterceptor implements NestInterceptor {
  intercept(execution: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (execution.getType() !== 'http') return next.handle();
    const request = execution.switchToHttp().getRequest<ApiRequest>();
    const state = requestObservability.get(request);
    if (state === undefined) return next.handle();
    if (request.actor !== undefined) state.fields.actor = { role: request.actor.role, sub: request.actor.sub };
    return new Observable((subscriber) => {
      const subscribe = () => next.handle().subscribe(subscriber);
      return logContext.run(state.fields, () => (state.traceContext === undefined ? subscribe() : otelContext.with(state.traceContext, subscribe)));
    });
  }
}
