import type { Context } from '@opentelemetry/api';
import type { Request } from 'express';
import type { LogContextFields } from '@schakel/observability';

/** What the request middleware set up for one request, for the Nest interceptor to enter again around the handler. */
export interface RequestObservability {
  /** The log context's fields: shared by reference, so the actor assigned later reaches the access log too. */
  fields: LogContextFields;
  /** The HTTP span's context; undefined when tracing is off. */
  traceContext: Context | undefined;
}

/** Keyed by the request object, so nothing is added to the request type the rest of the API sees. */
export const requestObservability = new WeakMap<Request, RequestObservability>();
