import type { Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { loggableWorkflowId } from '@schakel/workflows/contracts';

/**
 * The span attributes that may leave the process: ids, types, codes and HTTP route templates. Everything else
 * is dropped, in particular what the Temporal workflow exporter copies from WorkflowInfo (memo, search
 * attributes, parent and root executions, last results and failures). A workflow id of a child's plan holds the
 * childRef and is shown redacted, as in the logs (issue 6 §5).
 */
export const ALLOWED_SPAN_ATTRIBUTES = new Set([
  // Ours (HTTP server spans).
  'http.request.method',
  'http.route',
  'http.response.status_code',
  'schakel.request_id',
  // @temporalio/interceptors-opentelemetry.
  'temporalWorkflowId',
  'run_id',
  'temporalActivityId',
  'temporalUpdateId',
  // Added by the worker's workflow span exporter.
  'workflowId',
  'runId',
  'workflowType',
  'taskQueue',
  'namespace',
  'attempt',
]);

/** Exception events keep their type; their message and stack may quote input, so they stay in the logs. */
const ALLOWED_EVENT_ATTRIBUTES = new Set(['exception.type']);

/**
 * Scrubs every finished span before it is handed to the exporting processor: Temporal's interceptors and the
 * workflow exporter set attributes we do not choose, and a trace backend is read by more people than the logs.
 */
export class SpanPrivacyProcessor implements SpanProcessor {
  constructor(private readonly next: SpanProcessor) {}

  onStart(span: Span, parentContext: Context): void {
    this.next.onStart(span, parentContext);
  }

  onEnd(span: ReadableSpan): void {
    scrubSpan(span);
    this.next.onEnd(span);
  }

  forceFlush(): Promise<void> {
    return this.next.forceFlush();
  }

  shutdown(): Promise<void> {
    return this.next.shutdown();
  }
}

/** Scrubs in place: the SDK's spans and the workflow exporter's copies both hold plain, mutable objects. */
export function scrubSpan(span: ReadableSpan): void {
  scrubAttributes(span.attributes as Record<string, unknown>, ALLOWED_SPAN_ATTRIBUTES);
  for (const event of span.events) {
    if (event.attributes !== undefined) scrubAttributes(event.attributes as Record<string, unknown>, ALLOWED_EVENT_ATTRIBUTES);
  }
  const status = span.status as { message?: string };
  if (status.message !== undefined) delete status.message;
}

function scrubAttributes(attributes: Record<string, unknown>, allowed: ReadonlySet<string>): void {
  for (const [key, value] of Object.entries(attributes)) {
    if (!allowed.has(key) || (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')) delete attributes[key];
    else if (typeof value === 'string') attributes[key] = loggableWorkflowId(value);
  }
}
