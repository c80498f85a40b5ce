import { context as otelContext, type Context as OtelContext } from '@opentelemetry/api';
import type { Headers } from '@temporalio/common';
import type {
  ActivityInput,
  ContinueAsNewInput,
  DisposeInput,
  GetLogAttributesInput,
  LocalActivityInput,
  Next,
  QueryInput,
  SignalInput,
  SignalWorkflowInput,
  StartChildWorkflowExecutionInput,
  TimerInput,
  UpdateInput,
  WorkflowExecuteInput,
  WorkflowInboundCallsInterceptor,
  WorkflowInterceptors,
  WorkflowInterceptorsFactory,
  WorkflowInternalsInterceptor,
  WorkflowOutboundCallsInterceptor,
  ActivateInput,
} from '@temporalio/workflow';
import { extractContextFromHeaders, TRACE_HEADER } from '@temporalio/interceptors-opentelemetry/lib/instrumentation';
import {
  OpenTelemetryInboundInterceptor,
  OpenTelemetryInternalsInterceptor,
  OpenTelemetryOutboundInterceptor,
} from '@temporalio/interceptors-opentelemetry/lib/workflow';
import { requestIdFromHeaders, withRequestIdHeader } from './request-id.header';

// Schakel's workflow interceptors (issue 6 §5), bundled into the sandbox beside the workflows: the workers'
// bundles list this module in `workflowInterceptorModules`. They touch only headers and log attributes, never
// commands or workflow state, so adding them changes no running case (the replay spec runs them over every
// stored history). Every method returns `next(...)`'s own promise: no extra yield points.

/**
 * Which request the workflow is working for, per run. The API puts the request id on the start, Update or
 * Signal it sends; the workflow passes the id of the LATEST handled message on to what it schedules next.
 * That is right for these workflows, whose main loop, not the handler, schedules the projection an Update
 * causes. A fired timer means the work that follows (a reminder, an escalation, an evaluation coming due) is
 * caused by time, not by any request: from then on the activities carry no request id, until the next message.
 * Queries and Update validators leave no trace in history, so they never change it: replay must see the same id.
 * The trace context of the latest Update or Signal is kept the same way, so the activities a step causes join
 * that step's trace rather than the start's.
 */
class CauseTracker {
  requestId: string | undefined;
  /** Headers of the latest Update or Signal that carried a trace context; undefined after a start or a timer. */
  private traceHeaders: Headers | undefined;
  private activation = 0;
  private messageActivation = -1;

  /** One count per activation (its first job batch), so a message and a timer in one activation can be told apart. */
  activated(batchIndex: number): void {
    if (batchIndex === 0) this.activation += 1;
  }

  /** A start (`message` false: what it causes runs under the workflow's own span) or an Update or Signal. */
  handled(headers: Headers, message: boolean): void {
    this.requestId = requestIdFromHeaders(headers);
    this.traceHeaders = message && headers[TRACE_HEADER] !== undefined ? headers : undefined;
    this.messageActivation = this.activation;
  }

  /** A timer fired; a message handled in the same activation still owns what follows, so it keeps its id. */
  timerFired(): void {
    if (this.messageActivation === this.activation) return;
    this.requestId = undefined;
    this.traceHeaders = undefined;
  }

  /** The trace context of the message that causes what is scheduled now; undefined: the active (workflow) one. */
  causeContext(): OtelContext | undefined {
    return this.traceHeaders === undefined ? undefined : extractContextFromHeaders(this.traceHeaders);
  }
}

class RequestIdInboundInterceptor implements WorkflowInboundCallsInterceptor {
  constructor(private readonly tracker: CauseTracker) {}

  execute(input: WorkflowExecuteInput, next: Next<WorkflowInboundCallsInterceptor, 'execute'>): Promise<unknown> {
    this.tracker.handled(input.headers, false);
    return next(input);
  }

  handleUpdate(input: UpdateInput, next: Next<WorkflowInboundCallsInterceptor, 'handleUpdate'>): Promise<unknown> {
    this.tracker.handled(input.headers, true);
    return next(input);
  }

  handleSignal(input: SignalInput, next: Next<WorkflowInboundCallsInterceptor, 'handleSignal'>): Promise<void> {
    this.tracker.handled(input.headers, true);
    return next(input);
  }
}

class RequestIdOutboundInterceptor implements WorkflowOutboundCallsInterceptor {
  constructor(private readonly tracker: CauseTracker) {}

  scheduleActivity(input: ActivityInput, next: Next<WorkflowOutboundCallsInterceptor, 'scheduleActivity'>): Promise<unknown> {
    return next({ ...input, headers: withRequestIdHeader(input.headers, this.tracker.requestId) });
  }

  scheduleLocalActivity(input: LocalActivityInput, next: Next<WorkflowOutboundCallsInterceptor, 'scheduleLocalActivity'>): Promise<unknown> {
    return next({ ...input, headers: withRequestIdHeader(input.headers, this.tracker.requestId) });
  }

  startChildWorkflowExecution(
    input: StartChildWorkflowExecutionInput,
    next: Next<WorkflowOutboundCallsInterceptor, 'startChildWorkflowExecution'>,
  ): Promise<[Promise<string>, Promise<unknown>]> {
    return next({ ...input, headers: withRequestIdHeader(input.headers, this.tracker.requestId) });
  }

  /** A child's plan signals a regisseur handover to the child's referrals: the handover's request follows it. */
  signalWorkflow(input: SignalWorkflowInput, next: Next<WorkflowOutboundCallsInterceptor, 'signalWorkflow'>): Promise<void> {
    return next({ ...input, headers: withRequestIdHeader(input.headers, this.tracker.requestId) });
  }

  continueAsNew(input: ContinueAsNewInput, next: Next<WorkflowOutboundCallsInterceptor, 'continueAsNew'>): Promise<never> {
    return next({ ...input, headers: withRequestIdHeader(input.headers, this.tracker.requestId) });
  }

  startTimer(input: TimerInput, next: Next<WorkflowOutboundCallsInterceptor, 'startTimer'>): Promise<void> {
    const fired = next(input);
    // Registered before the caller's own continuation, so the workflow resumes with the id already cleared.
    // A cancelled timer (a condition met before its timeout) rejects and changes nothing.
    fired.then(
      () => this.tracker.timerFired(),
      () => undefined,
    );
    return fired;
  }

  /** Workflow log lines (`log` from @temporalio/workflow, through the worker's logger) name the request too. */
  getLogAttributes(input: GetLogAttributesInput, next: Next<WorkflowOutboundCallsInterceptor, 'getLogAttributes'>): Record<string, unknown> {
    const { requestId } = this.tracker;
    return next(requestId === undefined ? input : { ...input, requestId });
  }
}

class RequestIdInternalsInterceptor implements WorkflowInternalsInterceptor {
  constructor(private readonly tracker: CauseTracker) {}

  activate(input: ActivateInput, next: Next<WorkflowInternalsInterceptor, 'activate'>): void {
    this.tracker.activated(input.batchIndex);
    next(input);
  }
}

/**
 * OpenTelemetry's workflow interceptors (@temporalio/interceptors-opentelemetry), switched on per run: only a
 * run whose start carried a trace context (from a client with tracing on) makes spans. An untraced run, and
 * every history recorded before tracing existed, goes straight to `next`, exactly as without interceptors; a
 * worker without tracing makes no spans and no sink calls for untraced runs. Decided from the start headers,
 * which are in history, so a replay takes the same branch. The spans leave the sandbox through the worker's
 * `exporter` sink.
 */
class TracingSwitch {
  private tracing: { inbound: OpenTelemetryInboundInterceptor; outbound: OpenTelemetryOutboundInterceptor; internals: OpenTelemetryInternalsInterceptor } | undefined;

  start(input: WorkflowExecuteInput): void {
    if (this.tracing === undefined && input.headers[TRACE_HEADER] !== undefined) {
      this.tracing = { inbound: new OpenTelemetryInboundInterceptor(), outbound: new OpenTelemetryOutboundInterceptor(), internals: new OpenTelemetryInternalsInterceptor() };
    }
  }

  get inbound(): OpenTelemetryInboundInterceptor | undefined {
    return this.tracing?.inbound;
  }

  get outbound(): OpenTelemetryOutboundInterceptor | undefined {
    return this.tracing?.outbound;
  }

  get internals(): OpenTelemetryInternalsInterceptor | undefined {
    return this.tracing?.internals;
  }
}

class TracingInboundInterceptor implements WorkflowInboundCallsInterceptor {
  constructor(private readonly tracing: TracingSwitch) {}

  execute(input: WorkflowExecuteInput, next: Next<WorkflowInboundCallsInterceptor, 'execute'>): Promise<unknown> {
    this.tracing.start(input);
    return this.tracing.inbound?.execute(input, next) ?? next(input);
  }

  handleUpdate(input: UpdateInput, next: Next<WorkflowInboundCallsInterceptor, 'handleUpdate'>): Promise<unknown> {
    return this.tracing.inbound?.handleUpdate(input, next) ?? next(input);
  }

  validateUpdate(input: UpdateInput, next: Next<WorkflowInboundCallsInterceptor, 'validateUpdate'>): void {
    const inbound = this.tracing.inbound;
    if (inbound === undefined) next(input);
    else inbound.validateUpdate(input, next);
  }

  handleSignal(input: SignalInput, next: Next<WorkflowInboundCallsInterceptor, 'handleSignal'>): Promise<void> {
    return this.tracing.inbound?.handleSignal(input, next) ?? next(input);
  }

  handleQuery(input: QueryInput, next: Next<WorkflowInboundCallsInterceptor, 'handleQuery'>): Promise<unknown> {
    return this.tracing.inbound?.handleQuery(input, next) ?? next(input);
  }
}

/**
 * The outbound calls are traced under the message that causes them (CauseTracker): an Update's projection
 * becomes part of the Update's trace. After a start or a timer they run under the workflow's RunWorkflow span.
 */
class TracingOutboundInterceptor implements WorkflowOutboundCallsInterceptor {
  constructor(
    private readonly tracing: TracingSwitch,
    private readonly tracker: CauseTracker,
  ) {}

  scheduleActivity(input: ActivityInput, next: Next<WorkflowOutboundCallsInterceptor, 'scheduleActivity'>): Promise<unknown> {
    const outbound = this.tracing.outbound;
    return outbound === undefined ? next(input) : this.underCause(() => outbound.scheduleActivity(input, next));
  }

  scheduleLocalActivity(input: LocalActivityInput, next: Next<WorkflowOutboundCallsInterceptor, 'scheduleLocalActivity'>): Promise<unknown> {
    const outbound = this.tracing.outbound;
    return outbound === undefined ? next(input) : this.underCause(() => outbound.scheduleLocalActivity(input, next));
  }

  startChildWorkflowExecution(
    input: StartChildWorkflowExecutionInput,
    next: Next<WorkflowOutboundCallsInterceptor, 'startChildWorkflowExecution'>,
  ): Promise<[Promise<string>, Promise<unknown>]> {
    const outbound = this.tracing.outbound;
    return outbound === undefined ? next(input) : this.underCause(() => outbound.startChildWorkflowExecution(input, next));
  }

  signalWorkflow(input: SignalWorkflowInput, next: Next<WorkflowOutboundCallsInterceptor, 'signalWorkflow'>): Promise<void> {
    const outbound = this.tracing.outbound;
    return outbound === undefined ? next(input) : this.underCause(() => outbound.signalWorkflow(input, next));
  }

  private underCause<T>(call: () => T): T {
    const cause = this.tracker.causeContext();
    return cause === undefined ? call() : otelContext.with(cause, call);
  }

  continueAsNew(input: ContinueAsNewInput, next: Next<WorkflowOutboundCallsInterceptor, 'continueAsNew'>): Promise<never> {
    return this.tracing.outbound?.continueAsNew(input, next) ?? next(input);
  }

  getLogAttributes(input: GetLogAttributesInput, next: Next<WorkflowOutboundCallsInterceptor, 'getLogAttributes'>): Record<string, unknown> {
    return this.tracing.outbound?.getLogAttributes(input, next) ?? next(input);
  }
}

class TracingInternalsInterceptor implements WorkflowInternalsInterceptor {
  constructor(private readonly tracing: TracingSwitch) {}

  dispose(input: DisposeInput, next: Next<WorkflowInternalsInterceptor, 'dispose'>): void {
    const internals = this.tracing.internals;
    if (internals === undefined) next(input);
    else void internals.dispose(input, next);
  }
}

/** Called by the SDK once per workflow run: each run gets its own tracker and tracing switch. */
export const interceptors: WorkflowInterceptorsFactory = (): WorkflowInterceptors => {
  const tracker = new CauseTracker();
  const tracing = new TracingSwitch();
  return {
    inbound: [new RequestIdInboundInterceptor(tracker), new TracingInboundInterceptor(tracing)],
    outbound: [new RequestIdOutboundInterceptor(tracker), new TracingOutboundInterceptor(tracing, tracker)],
    internals: [new RequestIdInternalsInterceptor(tracker), new TracingInternalsInterceptor(tracing)],
  };
};
