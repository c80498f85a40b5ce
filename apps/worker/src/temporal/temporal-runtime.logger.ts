import type { Logger, LogLevel, LogMetadata } from '@temporalio/worker';
import type { RootLogger } from '@schakel/observability';
import { loggableWorkflowId } from '@schakel/workflows/contracts';

// Meta the SDK attaches to its worker, workflow and activity lines; ids and types only, never payloads. The
// request id comes from our workflow interceptors' log attributes, trace ids from OpenTelemetry's.
const KEPT_META = [
  'sdkComponent',
  'state',
  'taskQueue',
  'namespace',
  'workflowType',
  'workflowId',
  'runId',
  'activityType',
  'activityId',
  'attempt',
  'durationMs',
  'size',
  'requestId',
  'trace_id',
  'span_id',
] as const;

/** Named as the API's and the activities' lines name them. */
const RENAMED: Partial<Record<(typeof KEPT_META)[number], string>> = { trace_id: 'traceId', span_id: 'spanId' };

const LEVELS = { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' } as const;

/**
 * The Temporal SDK's logger (Runtime.install): the worker's own lines, the activity context's logger and the
 * workflows' `log` (which leaves the sandbox through the SDK's logger sink) all become pino lines with
 * `context: "Temporal"`, at the process's LOG_LEVEL. A child plan's workflow id is redacted (it holds the
 * childRef); an error is reduced to its name and message (activities already strip case data from theirs).
 */
export class TemporalRuntimeLogger implements Logger {
  constructor(private readonly logger: RootLogger) {}

  log(level: LogLevel, message: string, meta?: LogMetadata): void {
    // The workflow bundler reports webpack's multi-line statistics at INFO: build detail, not operations.
    const writeAt = level === 'INFO' && message.includes('\n') ? 'debug' : LEVELS[level];
    if (!this.logger.isLevelEnabled(writeAt)) return;
    this.logger[writeAt]({ context: 'Temporal', ...keptMeta(meta) }, message);
  }

  trace(message: string, meta?: LogMetadata): void {
    this.log('TRACE', message, meta);
  }

  debug(message: string, meta?: LogMetadata): void {
    this.log('DEBUG', message, meta);
  }

  info(message: string, meta?: LogMetadata): void {
    this.log('INFO', message, meta);
  }

  warn(message: string, meta?: LogMetadata): void {
    this.log('WARN', message, meta);
  }

  error(message: string, meta?: LogMetadata): void {
    this.log('ERROR', message, meta);
  }
}

function keptMeta(meta: LogMetadata | undefined): Record<string, unknown> {
  if (meta === undefined) return {};
  const kept: Record<string, unknown> = {};
  for (const key of KEPT_META) {
    const value = meta[key];
    if (value === undefined || value === null) continue;
    kept[RENAMED[key] ?? key] = key === 'workflowId' && typeof value === 'string' ? loggableWorkflowId(value) : value;
  }
  const error: unknown = meta['error'] ?? meta['failure'];
  if (error instanceof Error) kept['error'] = `${error.name}: ${error.message}`;
  return kept;
}
