import { z } from 'zod';
import { observabilityEnvShape, withObservability } from './observability.config';

const schema = z.object({ SCHAKEL_ENV: z.string().default('development'), ...observabilityEnvShape }).transform(withObservability);

function problemsOf(env: Record<string, string>): string[] {
  const result = schema.safeParse(env);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('the logging and tracing variables', () => {
  it('logs text at info in development and JSON elsewhere, with tracing off, when nothing is set', () => {
    expect(schema.parse({}).observability).toEqual({ logging: { level: 'info', format: 'text' }, tracing: undefined });
    expect(schema.parse({ SCHAKEL_ENV: 'production' }).observability.logging).toEqual({ level: 'info', format: 'json' });
    expect(schema.parse({ SCHAKEL_ENV: 'test', LOG_LEVEL: '', LOG_FORMAT: '' }).observability.logging).toEqual({ level: 'info', format: 'json' });
  });

  it('traces to <endpoint>/v1/traces, or to the traces endpoint as given, with the collector headers decoded', () => {
    const base = schema.parse({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/', OTEL_EXPORTER_OTLP_HEADERS: 'X-Api-Key=s%3Dcret, tenant=schakel' });
    expect(base.observability.tracing).toEqual({ tracesUrl: 'http://collector:4318/v1/traces', headers: { 'x-api-key': 's=cret', tenant: 'schakel' }, exportDelayMs: 5_000 });
    const exact = schema.parse({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://ignored:4318', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://collector/otlp/traces', OTEL_BSP_SCHEDULE_DELAY: '200' });
    expect(exact.observability.tracing).toEqual({ tracesUrl: 'https://collector/otlp/traces', headers: {}, exportDelayMs: 200 });
  });

  it('keeps tracing off with OTEL_SDK_DISABLED=true, endpoint or not', () => {
    expect(schema.parse({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'true' }).observability.tracing).toBeUndefined();
  });

  it('names each bad variable, never echoing a header value (it is usually a secret)', () => {
    expect(problemsOf({ LOG_LEVEL: 'loud', LOG_FORMAT: 'xml', OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318', OTEL_BSP_SCHEDULE_DELAY: '-1' })).toEqual([
      'LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent',
      'LOG_FORMAT: must be one of json, text',
      'OTEL_EXPORTER_OTLP_ENDPOINT: must be an http(s) URL',
      'OTEL_BSP_SCHEDULE_DELAY: must be 0 to 60000 milliseconds',
    ]);
    const problems = problemsOf({ OTEL_EXPORTER_OTLP_HEADERS: 'super-secret-token' });
    expect(problems).toEqual(['OTEL_EXPORTER_OTLP_HEADERS: must be a comma-separated list of name=value']);
    expect(problems.join()).not.toContain('super-secret-token');
  });
});
