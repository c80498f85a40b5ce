import { z } from 'zod';

/** pino's levels; `silent` writes nothing. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** `json`: one JSON object per line, for log shippers and tests; `text`: one readable line, for a developer's terminal. */
export const LOG_FORMATS = ['json', 'text'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

export interface LoggingConfig {
  level: LogLevel;
  format: LogFormat;
}

/** Where and how spans are exported (OTLP over HTTP, JSON encoding). */
export interface TracingConfig {
  /** The full traces URL: OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, or OTEL_EXPORTER_OTLP_ENDPOINT + `/v1/traces`. */
  tracesUrl: string;
  /** Extra request headers for the collector (e.g. its API key), from OTEL_EXPORTER_OTLP_HEADERS. */
  headers: Readonly<Record<string, string>>;
  /** How long finished spans wait before they are sent in one batch. */
  exportDelayMs: number;
}

export interface ObservabilityConfig {
  logging: LoggingConfig;
  /** undefined: tracing is off — no tracer provider, no exporter, no spans. */
  tracing: TracingConfig | undefined;
}

// An exported but empty variable (`LOG_LEVEL=`) counts as unset, as elsewhere in both apps' schemas.
const unsetIfEmpty = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === '' ? undefined : value), schema);

const HTTP_URL = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

/** `key=value,key2=value2` with URL-encoded values (the OpenTelemetry specification's format for this variable). */
const HEADER_LIST = z.string().transform((value, ctx) => {
  const headers: Record<string, string> = {};
  for (const item of value.split(',').map((part) => part.trim()).filter((part) => part !== '')) {
    const separator = item.indexOf('=');
    const name = separator > 0 ? item.slice(0, separator).trim() : '';
    if (!/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(name)) {
      // The value is never echoed: it is usually a secret.
      ctx.addIssue({ code: 'custom', message: 'must be a comma-separated list of name=value' });
      return z.NEVER;
    }
    try {
      headers[name.toLowerCase()] = decodeURIComponent(item.slice(separator + 1).trim());
    } catch {
      ctx.addIssue({ code: 'custom', message: `has a badly encoded value for ${name}` });
      return z.NEVER;
    }
  }
  return headers;
});

/**
 * The logging and tracing variables, the same in the API's and the worker's schema. The OTEL_* names are
 * OpenTelemetry's standard ones, read here once: the SDK itself gets every setting passed in.
 */
export const observabilityEnvShape = {
  LOG_LEVEL: unsetIfEmpty(z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info')),
  // Unset: `text` when SCHAKEL_ENV=development, else `json`.
  LOG_FORMAT: unsetIfEmpty(z.enum(LOG_FORMATS, { error: `must be one of ${LOG_FORMATS.join(', ')}` }).optional()),
  // Unset (and no traces endpoint): tracing is off.
  OTEL_EXPORTER_OTLP_ENDPOINT: unsetIfEmpty(HTTP_URL.optional()),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: unsetIfEmpty(HTTP_URL.optional()),
  OTEL_EXPORTER_OTLP_HEADERS: unsetIfEmpty(HEADER_LIST.optional()),
  // `true` switches tracing off even with an endpoint configured.
  OTEL_SDK_DISABLED: unsetIfEmpty(z.enum(['true', 'false'], { error: 'must be true or false' }).default('false')),
  OTEL_BSP_SCHEDULE_DELAY: unsetIfEmpty(
    z.coerce.number({ error: 'must be a whole number of milliseconds' }).int('must be a whole number of milliseconds').min(0, 'must be 0 to 60000 milliseconds').max(60_000, 'must be 0 to 60000 milliseconds').default(5_000),
  ),
};

export interface ObservabilityEnv {
  SCHAKEL_ENV: string;
  LOG_LEVEL: LogLevel;
  LOG_FORMAT?: LogFormat | undefined;
  OTEL_EXPORTER_OTLP_ENDPOINT?: string | undefined;
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?: string | undefined;
  OTEL_EXPORTER_OTLP_HEADERS?: Record<string, string> | undefined;
  OTEL_SDK_DISABLED: 'true' | 'false';
  OTEL_BSP_SCHEDULE_DELAY: number;
}

/** A transform for an app's environment schema: adds the grouped ObservabilityConfig. */
export function withObservability<T extends ObservabilityEnv>(values: T): T & { observability: ObservabilityConfig } {
  return { ...values, observability: observabilityConfigOf(values) };
}

export function observabilityConfigOf(values: ObservabilityEnv): ObservabilityConfig {
  const logging: LoggingConfig = { level: values.LOG_LEVEL, format: values.LOG_FORMAT ?? (values.SCHAKEL_ENV === 'development' ? 'text' : 'json') };
  const tracesUrl =
    values.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ??
    (values.OTEL_EXPORTER_OTLP_ENDPOINT === undefined ? undefined : `${values.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, '')}/v1/traces`);
  const tracing =
    tracesUrl === undefined || values.OTEL_SDK_DISABLED === 'true'
      ? undefined
      : { tracesUrl, headers: values.OTEL_EXPORTER_OTLP_HEADERS ?? {}, exportDelayMs: values.OTEL_BSP_SCHEDULE_DELAY };
  return { logging, tracing };
}
