import { hostname } from 'node:os';
import { context, isSpanContextValid, trace } from '@opentelemetry/api';
import pino from 'pino';
import { logContext } from './log.context';
import type { LoggingConfig } from './observability.config';

export type RootLogger = pino.Logger;
export type LogDestination = pino.DestinationStream;

/**
 * Removed from any line that carries them, should a log call ever be handed a request, a response, headers or
 * a body (the access log itself logs none of these): bearer tokens and cookies are credentials, bodies hold
 * the free text of cases (issue 6 §5). pino's redaction is path-based, so each spelling is listed.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["proxy-authorization"]',
  'req.body',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'headers["proxy-authorization"]',
  'headers["set-cookie"]',
  'authorization',
  'cookie',
  'body',
  'request.body',
  'response.body',
  '*.authorization',
  '*.cookie',
  '*.body',
];

export interface RootLoggerOptions {
  /** `service` on every line: schakel-api or schakel-worker. */
  service: string;
  /** Default: process.stdout, written through its `write` (synchronous for files and pipes on Linux). */
  destination?: LogDestination;
}

/**
 * The process's one logger: Nest, the Temporal SDK and the activities all write through it. Each line carries
 * the current log context (request id, actor, workflow and activity) and, when tracing is on, the trace and span
 * ids, so a line leads to its trace and the other way round.
 */
export function createRootLogger(config: LoggingConfig, options: RootLoggerOptions): RootLogger {
  const destination = options.destination ?? process.stdout;
  return pino(
    {
      level: config.level,
      base: { service: options.service, pid: process.pid, hostname: hostname() },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      mixin: contextFields,
    },
    config.format === 'text' ? textDestination(destination) : destination,
  );
}

function contextFields(): Record<string, unknown> {
  const fields: Record<string, unknown> = { ...logContext.current() };
  const span = trace.getSpan(context.active())?.spanContext();
  if (span !== undefined && isSpanContextValid(span)) {
    fields['traceId'] = span.traceId;
    fields['spanId'] = span.spanId;
  }
  return fields;
}

const LINE_FIELDS_SHOWN_FIRST = new Set(['time', 'level', 'context', 'msg', 'service', 'pid', 'hostname']);

/** `time LEVEL [context] message key=value …`: the same fields as the JSON line, for reading in a terminal. */
export function formatTextLine(jsonLine: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(jsonLine) as Record<string, unknown>;
  } catch {
    return jsonLine;
  }
  const rest = Object.entries(entry)
    .filter(([key, value]) => !LINE_FIELDS_SHOWN_FIRST.has(key) && value !== undefined)
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  const level = String(entry['level'] ?? '').toUpperCase().padEnd(5);
  const scope = entry['context'] === undefined ? '' : ` [${String(entry['context'])}]`;
  const message = entry['msg'] === undefined ? '' : ` ${String(entry['msg'])}`;
  return `${String(entry['time'] ?? '')} ${level}${scope}${message}${rest.length === 0 ? '' : ` ${rest.join(' ')}`}\n`;
}

function textDestination(destination: LogDestination): LogDestination {
  return { write: (line: string) => destination.write(formatTextLine(line)) };
}
