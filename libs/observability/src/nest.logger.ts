import type { LoggerService, LogLevel as NestLogLevel } from '@nestjs/common';
import type { LogLevel } from './observability.config';
import type { RootLogger } from './root.logger';

type WritableLevel = Exclude<LogLevel, 'silent'>;

/** Nest's levels, most verbose first, and the pino level each writes at. */
const NEST_LEVELS: ReadonlyArray<readonly [NestLogLevel, WritableLevel]> = [
  ['verbose', 'trace'],
  ['debug', 'debug'],
  ['log', 'info'],
  ['warn', 'warn'],
  ['error', 'error'],
  ['fatal', 'fatal'],
];

/**
 * Nest's LoggerService over the process's pino logger: Nest's own lines and every `new Logger(context)` in
 * the code become JSON lines with `context`, so the whole process writes one format.
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: RootLogger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params, true);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params, true);
  }

  /** `Logger.overrideLogger([...])` and Nest's `logger` option name levels; pino keeps the most verbose one named. */
  setLogLevels(levels: NestLogLevel[]): void {
    this.logger.level = pinoLevelFor(levels);
  }

  private write(level: WritableLevel, message: unknown, params: unknown[], mayHaveStack = false): void {
    if (!this.logger.isLevelEnabled(level)) return;
    const rest = [...params];
    // Nest appends the logger's context as the last parameter (undefined placeholders before it).
    const last = rest[rest.length - 1];
    const context = typeof last === 'string' && !isStack(last) ? (rest.pop() as string) : undefined;
    const fields: Record<string, unknown> = context === undefined ? {} : { context };
    const stack = mayHaveStack ? rest.find((param): param is string => typeof param === 'string' && isStack(param)) : undefined;
    if (stack !== undefined) fields['stack'] = stack;
    if (message instanceof Error) {
      fields['err'] = { type: message.name, message: message.message, stack: message.stack };
      this.logger[level](fields, message.message);
    } else if (typeof message === 'object' && message !== null) {
      this.logger[level]({ ...fields, ...message });
    } else {
      this.logger[level](fields, String(message));
    }
  }
}

function isStack(value: string): boolean {
  return value.includes('\n    at ');
}

/** The pino level for a set of Nest levels: the most verbose one listed; none: silent. */
export function pinoLevelFor(levels: readonly NestLogLevel[]): LogLevel {
  return NEST_LEVELS.find(([nest]) => levels.includes(nest))?.[1] ?? 'silent';
}
