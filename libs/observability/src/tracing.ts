import { context, propagation, type Tracer } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { CompositePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { CompressionAlgorithm } from '@opentelemetry/otlp-exporter-base';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { Resource } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { TracingConfig } from './observability.config';
import { SpanPrivacyProcessor } from './span-privacy.processor';

export const API_SERVICE_NAME = 'schakel-api';
export const WORKER_SERVICE_NAME = 'schakel-worker';

let globalsRegistered = false;

/**
 * The async context manager and the W3C trace-context propagator are process-wide in OpenTelemetry's API:
 * Temporal's interceptors find the active span and write the `_tracer-data` header through them. Registered
 * once, and only when tracing is on, so a process without tracing keeps the API's no-op defaults.
 */
function registerGlobals(): void {
  if (globalsRegistered) return;
  globalsRegistered = true;
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new CompositePropagator({ propagators: [new W3CTraceContextPropagator()] }));
}

/**
 * One process's tracing (issue 6 §5): with an endpoint configured, a tracer provider that batches spans and
 * sends them by OTLP/HTTP (JSON) after scrubbing them (SpanPrivacyProcessor); without one, nothing — no
 * provider, no exporter, and callers skip their interceptors. The provider is not registered globally: the API
 * and the worker each pass their own tracer, so both can run in one process with their own service.name.
 */
export class Tracing {
  private constructor(
    readonly serviceName: string,
    private readonly provider: BasicTracerProvider | undefined,
    /** The processor workflow spans from Temporal's sandbox are handed to (through the worker's sink). */
    readonly spanProcessor: SpanProcessor | undefined,
    readonly resource: Resource,
  ) {}

  static start(config: TracingConfig | undefined, serviceName: string): Tracing {
    const resource = new Resource({ 'service.name': serviceName });
    if (config === undefined) return new Tracing(serviceName, undefined, undefined, resource);
    registerGlobals();
    const exporter = new OTLPTraceExporter({ url: config.tracesUrl, headers: { ...config.headers }, compression: CompressionAlgorithm.NONE, timeoutMillis: 10_000 });
    const spanProcessor = new SpanPrivacyProcessor(
      new BatchSpanProcessor(exporter, { scheduledDelayMillis: config.exportDelayMs, maxQueueSize: 2_048, maxExportBatchSize: 512, exportTimeoutMillis: 30_000 }),
    );
    const provider = new BasicTracerProvider({ resource, spanProcessors: [spanProcessor] });
    return new Tracing(serviceName, provider, spanProcessor, resource);
  }

  get enabled(): boolean {
    return this.provider !== undefined;
  }

  /** This process's tracer; undefined when tracing is off. */
  get tracer(): Tracer | undefined {
    return this.provider?.getTracer(this.serviceName);
  }

  /** Sends what is still batched; at shutdown, after the last span has ended. */
  async shutdown(): Promise<void> {
    await this.provider?.shutdown();
  }

  /** Nest calls this when Tracing is a provider: after the worker drained and the API stopped serving. */
  onApplicationShutdown(): Promise<void> {
    return this.shutdown();
  }
}
