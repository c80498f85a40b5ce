import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { developmentPayloadKeyring, PayloadKeyring } from '@schakel/payload-crypto';
import { parseWorkerConfig, WorkerConfig } from './worker.config';

const DATABASE_URL = 'postgres://schakel:secret-password@db.internal:5432/schakel';
const PAYLOAD_KEY = Buffer.alloc(32, 7);
const METRICS_TOKEN = 'metrics-token-of-at-least-32-characters';

function problemsOf(env: Record<string, string | undefined>): string[] {
  const result = parseWorkerConfig(env);
  if (result.ok) throw new Error('expected the configuration to be refused');
  return result.problems;
}

describe('parseWorkerConfig', () => {
  it('fills in the defaults when only DATABASE_URL is set', () => {
    const result = parseWorkerConfig({ DATABASE_URL });
    expect(result).toEqual({
      ok: true,
      config: new WorkerConfig(
        'development',
        { url: DATABASE_URL },
        { address: '127.0.0.1:7233', namespace: 'default', taskQueue: 'schakel-referrals', workflowBundlePath: undefined, maxCachedWorkflows: 1000, childPlanHistoryLimit: undefined },
        { keyring: developmentPayloadKeyring(), usesDevelopmentKey: true },
        { port: 9464, host: undefined, metricsToken: undefined },
        { graceTimeMs: 10_000, forceTimeMs: 25_000 },
        { logging: { level: 'info', format: 'text' }, tracing: undefined },
      ),
    });
  });

  it('takes every variable that is set', () => {
    const result = parseWorkerConfig({
      DATABASE_URL,
      TEMPORAL_ADDRESS: 'temporal:7233',
      TEMPORAL_NAMESPACE: 'schakel',
      TEMPORAL_TASK_QUEUE: 'schakel-referrals-test',
      WORKFLOW_BUNDLE_PATH: __filename,
      WORKER_MAX_CACHED_WORKFLOWS: '250',
      CHILD_PLAN_HISTORY_LIMIT: '500',
      SCHAKEL_ENV: 'production',
      PAYLOAD_KEYS: `2026-01:${PAYLOAD_KEY.toString('base64')}`,
      PAYLOAD_KEY_ID: '2026-01',
      WORKER_OPS_PORT: '9100',
      WORKER_OPS_HOST: '127.0.0.1',
      METRICS_TOKEN: METRICS_TOKEN,
      WORKER_SHUTDOWN_GRACE_TIME: '1500ms',
      WORKER_SHUTDOWN_FORCE_TIME: '1m',
      LOG_LEVEL: 'debug',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'https://collector.internal:4318/',
      OTEL_EXPORTER_OTLP_HEADERS: 'x-api-key=abc%3D1, x-tenant = schakel',
      OTEL_BSP_SCHEDULE_DELAY: '1000',
    });
    expect(result.ok && result.config).toEqual(
      new WorkerConfig(
        'production',
        { url: DATABASE_URL },
        { address: 'temporal:7233', namespace: 'schakel', taskQueue: 'schakel-referrals-test', workflowBundlePath: __filename, maxCachedWorkflows: 250, childPlanHistoryLimit: 500 },
        { keyring: PayloadKeyring.of('2026-01', [['2026-01', PAYLOAD_KEY]]), usesDevelopmentKey: false },
        { port: 9100, host: '127.0.0.1', metricsToken: METRICS_TOKEN },
        { graceTimeMs: 1_500, forceTimeMs: 60_000 },
        {
          logging: { level: 'debug', format: 'json' },
          tracing: { tracesUrl: 'https://collector.internal:4318/v1/traces', headers: { 'x-api-key': 'abc=1', 'x-tenant': 'schakel' }, exportDelayMs: 1_000 },
        },
      ),
    );
    expect(result.ok && result.config.payloadEncryption.keyring.keyIds).toEqual(['2026-01']);
  });

  it('refuses production without payload keys of its own, naming the variable (issue 5 §3)', () => {
    expect(problemsOf({ DATABASE_URL, SCHAKEL_ENV: 'production', WORKFLOW_BUNDLE_PATH: __filename })).toEqual([expect.stringMatching(/^PAYLOAD_KEYS: is required when SCHAKEL_ENV=production/)]);
    expect(problemsOf({ DATABASE_URL, PAYLOAD_KEYS: `2026-01:${PAYLOAD_KEY.toString('base64')}`, PAYLOAD_KEY_ID: '2025-07' })).toEqual([
      'PAYLOAD_KEY_ID: "2025-07" is not one of the key ids in PAYLOAD_KEYS (2026-01)',
    ]);
  });

  it('refuses a child plan history limit too small to hold one overstap', () => {
    const result = parseWorkerConfig({ DATABASE_URL, CHILD_PLAN_HISTORY_LIMIT: '5' });
    expect(result.ok ? [] : result.problems).toEqual(['CHILD_PLAN_HISTORY_LIMIT: must be at least 10']);
  });

  it('refuses a drain whose force time does not come after its grace time (issue 6 §4)', () => {
    expect(problemsOf({ DATABASE_URL, WORKER_SHUTDOWN_GRACE_TIME: '30s' })).toEqual(['WORKER_SHUTDOWN_FORCE_TIME: must be longer than WORKER_SHUTDOWN_GRACE_TIME']);
    expect(problemsOf({ DATABASE_URL, WORKER_SHUTDOWN_GRACE_TIME: '10 seconds', WORKER_OPS_PORT: '70000', METRICS_TOKEN: 'short' }).map((p) => p.split(':')[0])).toEqual([
      'WORKER_OPS_PORT',
      'METRICS_TOKEN',
      'WORKER_SHUTDOWN_GRACE_TIME',
    ]);
  });

  it('switches the ops server off with port 0', () => {
    const result = parseWorkerConfig({ DATABASE_URL, WORKER_OPS_PORT: '0' });
    expect(result.ok && result.config.ops.port).toBe(0);
  });

  it('treats an empty variable as unset', () => {
    const result = parseWorkerConfig({ DATABASE_URL, TEMPORAL_NAMESPACE: '', WORKFLOW_BUNDLE_PATH: '' });
    expect(result.ok && [result.config.temporal.namespace, result.config.temporal.workflowBundlePath]).toEqual(['default', undefined]);
  });

  it('names every bad variable at once', () => {
    const problems = problemsOf({
      TEMPORAL_ADDRESS: 'no-port',
      WORKFLOW_BUNDLE_PATH: '/nowhere/workflow-bundle.js',
      WORKER_MAX_CACHED_WORKFLOWS: 'many',
      SCHAKEL_ENV: 'staging',
    });
    expect(problems.map((problem) => problem.split(':')[0])).toEqual([
      'DATABASE_URL',
      'TEMPORAL_ADDRESS',
      'WORKFLOW_BUNDLE_PATH',
      'WORKER_MAX_CACHED_WORKFLOWS',
      'SCHAKEL_ENV',
    ]);
  });

  it('refuses a database URL that is not postgres without echoing it', () => {
    const problems = problemsOf({ DATABASE_URL: 'mysql://root:hunter2@db/schakel' });
    expect(problems).toEqual(['DATABASE_URL: must be a postgres:// URL']);
    expect(problems.join()).not.toContain('hunter2');
  });

  it('refuses a negative or fractional workflow cache size', () => {
    expect(problemsOf({ DATABASE_URL, WORKER_MAX_CACHED_WORKFLOWS: '-1' })).toEqual(['WORKER_MAX_CACHED_WORKFLOWS: must not be negative']);
    expect(problemsOf({ DATABASE_URL, WORKER_MAX_CACHED_WORKFLOWS: '1.5' })).toEqual(['WORKER_MAX_CACHED_WORKFLOWS: must be a whole number']);
  });
});

describe('parseWorkerConfig: the Temporal connection and the workflow bundle (issue 9)', () => {
  const PRODUCTION = { DATABASE_URL, SCHAKEL_ENV: 'production', PAYLOAD_KEYS: `2026-01:${PAYLOAD_KEY.toString('base64')}`, PAYLOAD_KEY_ID: '2026-01' };
  let directory: string;
  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'schakel-worker-tls-'));
    writeFileSync(join(directory, 'client.pem'), 'CLIENT CERT');
    writeFileSync(join(directory, 'client.key'), 'CLIENT KEY');
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('refuses production without a prebuilt workflow bundle', () => {
    expect(problemsOf(PRODUCTION)).toEqual([expect.stringMatching(/^WORKFLOW_BUNDLE_PATH: is required when SCHAKEL_ENV=production/)]);
    expect(parseWorkerConfig({ ...PRODUCTION, WORKFLOW_BUNDLE_PATH: __filename }).ok).toBe(true);
  });

  it('takes a Temporal Cloud API key (TLS on) or an mTLS certificate pair for its NativeConnection', () => {
    const cloud = parseWorkerConfig({ DATABASE_URL, TEMPORAL_ADDRESS: 'schakel-prod.a1b2c.tmprl.cloud:7233', TEMPORAL_NAMESPACE: 'schakel-prod.a1b2c', TEMPORAL_API_KEY: 'cloud-api-key' });
    expect(cloud.ok && cloud.config.temporal).toMatchObject({ address: 'schakel-prod.a1b2c.tmprl.cloud:7233', namespace: 'schakel-prod.a1b2c', apiKey: 'cloud-api-key', tls: true });
    const mtls = parseWorkerConfig({ DATABASE_URL, TEMPORAL_TLS_CLIENT_CERT_PATH: join(directory, 'client.pem'), TEMPORAL_TLS_CLIENT_KEY_PATH: join(directory, 'client.key') });
    const tls = mtls.ok ? (mtls.config.temporal.tls as { clientCertPair: { crt: Uint8Array; key: Uint8Array } }) : undefined;
    expect([Buffer.from(tls?.clientCertPair.crt ?? []).toString(), Buffer.from(tls?.clientCertPair.key ?? []).toString()]).toEqual(['CLIENT CERT', 'CLIENT KEY']);
  });

  it('refuses a key without its certificate, naming the variable and never the API key', () => {
    const problems = problemsOf({ DATABASE_URL, TEMPORAL_TLS_CLIENT_KEY_PATH: join(directory, 'client.key'), TEMPORAL_API_KEY: 'secret-api-key' });
    expect(problems).toEqual(['TEMPORAL_TLS_CLIENT_CERT_PATH: is required with TEMPORAL_TLS_CLIENT_KEY_PATH (mTLS needs the certificate too)']);
    expect(problems.join()).not.toContain('secret-api-key');
  });
});
