// What the API and the worker share around their processes and Temporal connections: pino with a
// request-scoped log context and Nest's logger over it, OpenTelemetry exported by OTLP/HTTP when configured,
// event-loop liveness (issue 6 §4, §5), and Temporal's standard connection configuration (issue 9 §2).
// Node-only: never in the workflow sandbox.
export { logContext, type LogContextFields } from './log.context';
export {
  LOG_FORMATS,
  LOG_LEVELS,
  observabilityConfigOf,
  observabilityEnvShape,
  withObservability,
  type LogFormat,
  type LoggingConfig,
  type LogLevel,
  type ObservabilityConfig,
  type ObservabilityEnv,
  type TracingConfig,
} from './observability.config';
export { PinoNestLogger, pinoLevelFor } from './nest.logger';
export { createRootLogger, formatTextLine, REDACTED_PATHS, type LogDestination, type RootLogger, type RootLoggerOptions } from './root.logger';
export { ALLOWED_SPAN_ATTRIBUTES, scrubSpan, SpanPrivacyProcessor } from './span-privacy.processor';
export { RequestIdClientInterceptor, temporalClientInterceptors } from './temporal-client.interceptors';
export { API_SERVICE_NAME, Tracing, WORKER_SERVICE_NAME } from './tracing';
export { EventLoopMonitor, MAX_EVENT_LOOP_DELAY_MS } from './event-loop.monitor';
export {
  DEFAULT_TEMPORAL_ADDRESS,
  DEFAULT_TEMPORAL_NAMESPACE,
  resolveTemporalConnection,
  TEMPORAL_ENVCONFIG_SHAPE,
  type TemporalConnectionSettings,
} from './temporal-connection.config';
export { eventLoopLiveness, reachable } from './health.probe';
