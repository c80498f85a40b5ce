import { makeWorkflowExporter, OpenTelemetryActivityInboundInterceptor, OpenTelemetryActivityOutboundInterceptor } from '@temporalio/interceptors-opentelemetry/lib/worker';
import type { OpenTelemetrySinks } from '@temporalio/interceptors-opentelemetry/lib/workflow';
import type { ActivityInterceptorsFactory, InjectedSinks } from '@temporalio/worker';
import type { Tracing } from '@schakel/observability';
import { ActivityLogContextInterceptor } from './activity-log-context.interceptor';

/**
 * The activity side of logs and traces: always the log context (request id, workflow, activity); with tracing
 * on, a RunActivity span per attempt, child of the workflow's StartActivity span (from the `_tracer-data` header).
 */
export function activityInterceptors(tracing: Tracing | undefined): ActivityInterceptorsFactory[] {
  const tracer = tracing?.tracer;
  const logged: ActivityInterceptorsFactory = (context) => ({ inbound: new ActivityLogContextInterceptor(context) });
  if (tracer === undefined) return [logged];
  // Span first: the log context runs inside it, so the activity's lines carry its trace and span ids.
  const traced: ActivityInterceptorsFactory = (context) => ({
    inbound: new OpenTelemetryActivityInboundInterceptor(context, { tracer }),
    outbound: new OpenTelemetryActivityOutboundInterceptor(context),
  });
  return [traced, logged];
}

/**
 * The `exporter` sink the workflow interceptors hand their spans to. Always registered: a run started by a
 * tracing API makes spans even on a worker without tracing, and an unregistered sink is an error per
 * activation. Without tracing the spans are dropped here; with it they go through this process's scrubbing,
 * batching exporter, under the worker's service.name.
 */
export function workflowSinks(tracing: Tracing | undefined): InjectedSinks<OpenTelemetrySinks> {
  const processor = tracing?.spanProcessor;
  if (tracing === undefined || processor === undefined) return { exporter: { export: { fn: () => undefined } } };
  return { exporter: makeWorkflowExporter(processor, tracing.resource) };
}
