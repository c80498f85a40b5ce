import type {
  Next,
  WorkflowClientInterceptor,
  WorkflowQueryInput,
  WorkflowSignalInput,
  WorkflowSignalWithStartInput,
  WorkflowStartInput,
  WorkflowStartOutput,
  WorkflowStartUpdateInput,
  WorkflowStartUpdateOutput,
  WorkflowStartUpdateWithStartInput,
  WorkflowStartUpdateWithStartOutput,
} from '@temporalio/client';
// The client module only: the package's index also loads its worker plugin, which the API must not pull in.
import { OpenTelemetryWorkflowClientInterceptor } from '@temporalio/interceptors-opentelemetry/lib/client';
import { withRequestIdHeader } from '@schakel/workflows/contracts';
import { logContext } from './log.context';
import type { Tracing } from './tracing';

/**
 * Puts the current request's id (the log context's) on every start, Update, Signal and Query a Client sends,
 * as the `schakel-request-id` header; the workflow's interceptors pass it on to the activities it schedules.
 * Outside a request (a boot-time Schedule, a timer-driven activity) there is no id and no header.
 */
export class RequestIdClientInterceptor implements WorkflowClientInterceptor {
  startWithDetails(input: WorkflowStartInput, next: Next<WorkflowClientInterceptor, 'startWithDetails'>): Promise<WorkflowStartOutput> {
    return next({ ...input, headers: withRequestIdHeader(input.headers, logContext.requestId()) });
  }

  signalWithStart(input: WorkflowSignalWithStartInput, next: Next<WorkflowClientInterceptor, 'signalWithStart'>): Promise<string> {
    return next({ ...input, headers: withRequestIdHeader(input.headers, logContext.requestId()) });
  }

  startUpdate(input: WorkflowStartUpdateInput, next: Next<WorkflowClientInterceptor, 'startUpdate'>): Promise<WorkflowStartUpdateOutput> {
    return next({ ...input, headers: withRequestIdHeader(input.headers, logContext.requestId()) });
  }

  startUpdateWithStart(
    input: WorkflowStartUpdateWithStartInput,
    next: Next<WorkflowClientInterceptor, 'startUpdateWithStart'>,
  ): Promise<WorkflowStartUpdateWithStartOutput> {
    const requestId = logContext.requestId();
    return next({ ...input, workflowStartHeaders: withRequestIdHeader(input.workflowStartHeaders, requestId), updateHeaders: withRequestIdHeader(input.updateHeaders, requestId) });
  }

  signal(input: WorkflowSignalInput, next: Next<WorkflowClientInterceptor, 'signal'>): Promise<void> {
    return next({ ...input, headers: withRequestIdHeader(input.headers, logContext.requestId()) });
  }

  /** Queries leave no history, so the workflow ignores the id; it is sent for a future query log all the same. */
  query(input: WorkflowQueryInput, next: Next<WorkflowClientInterceptor, 'query'>): Promise<unknown> {
    return next({ ...input, headers: withRequestIdHeader(input.headers, logContext.requestId()) });
  }
}

/**
 * The interceptors of every Temporal Client in Schakel (the API's gateway, the worker's client for child plans
 * and webhook deliveries): the request id always; with tracing on, a span per call whose context travels in the
 * `_tracer-data` header, so the workflow's and the activities' spans join the caller's trace.
 */
export function temporalClientInterceptors(tracing: Tracing): WorkflowClientInterceptor[] {
  const { tracer } = tracing;
  return tracer === undefined ? [new RequestIdClientInterceptor()] : [new RequestIdClientInterceptor(), new OpenTelemetryWorkflowClientInterceptor({ tracer })];
}
