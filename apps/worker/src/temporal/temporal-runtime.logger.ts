import { Logger as NestLogger } from '@nestjs/common';
import type { Logger, LogLevel, LogMetadata } from '@temporalio/worker';

// Meta the SDK attaches to every activity and workflow log line; ids and types only, no payloads.
const KEPT_META = ['sdkComponent', 'state', 'taskQueue', 'namespace', 'workflowType', 'workflowId', 'runId', 'activityType', 'activityId', 'attempt', 'durationMs'];

/**
 * Sends the Temporal SDK's log lines through Nest's logger, so the worker writes one format. Below
 * INFO is dropped, as the SDK's own default does. Payloads and arguments are never in SDK meta; an
 * error is reduced to its name and message (activities already strip case data from theirs).
 */
export class TemporalRuntimeLogger implements Logger {
  private readonly nest = new NestLogger('Temporal');

  log(level: LogLevel, message: string, meta?: LogMetadata): void {
    const line = `${message}${describeMeta(meta)}`;
    if (level === 'ERROR') this.nest.error(line);
    else if (level === 'WARN') this.nest.warn(line);
    else if (level === 'INFO') this.nest.log(line);
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

function describeMeta(meta: LogMetadata | undefined): string {
  if (meta === undefined) return '';
  const parts = KEPT_META.filter((key) => meta[key] !== undefined && meta[key] !== null).map((key) => `${key}=${String(meta[key])}`);
  const error: unknown = meta['error'] ?? meta['failure'];
  if (error instanceof Error) parts.push(`error=${error.name}: ${error.message}`);
  return parts.length === 0 ? '' : ` (${parts.join(' ')})`;
}
