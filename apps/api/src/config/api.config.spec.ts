import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REFERRAL_TASK_QUEUE } from '@schakel/workflows/contracts';
import { DEFAULT_OIDC_CLAIMS, DEVELOPMENT_JWT_SECRET, InvalidConfigError, loadApiConfig, loadAuthConfig, type EnvSource } from './api.config';

const DATABASE_URL = 'postgres://schakel@127.0.0.1:5432/schakel';
const SECRET = 'a-production-secret-of-more-than-32-characters';
const ISSUER = 'https://login.schakel.example/realms/schakel';
const OIDC = { OIDC_ISSUER: ISSUER, OIDC_AUDIENCE: 'schakel-api' };
// Production brings its own payload keys (issue 5 §3); a fixed test key here, random ones in a deployment.
const PAYLOAD_KEYS = { PAYLOAD_KEYS: `2026-01:${Buffer.alloc(32, 1).toString('base64')}`, PAYLOAD_KEY_ID: '2026-01' };
const PRODUCTION = { DATABASE_URL, SCHAKEL_ENV: 'production', ...OIDC, ...PAYLOAD_KEYS };

function problemsOf(load: () => unknown): readonly string[] {
  try {
    load();
  } catch (error) {
    if (error instanceof InvalidConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected an InvalidConfigError');
}

describe('loadApiConfig', () => {
  it('fills in the documented defaults when only DATABASE_URL is set', () => {
    const config = loadApiConfig({ DATABASE_URL });
    expect(config.env).toBe('development');
    expect(config.http.port).toBe(3000);
    expect(config.temporal).toEqual({ address: '127.0.0.1:7233', namespace: 'default', taskQueue: REFERRAL_TASK_QUEUE });
    expect(config.auth).toEqual({ mode: 'development', jwtSecret: DEVELOPMENT_JWT_SECRET, usesDevelopmentSecret: true, tokenTtlSeconds: 8 * 3600 });
    expect(config.policy).toEqual({ file: undefined, retentionSweepSeconds: 3600 });
  });

  it('reads every variable', () => {
    const config = loadApiConfig({
      DATABASE_URL,
      PORT: '8080',
      TEMPORAL_ADDRESS: 'temporal:7233',
      TEMPORAL_NAMESPACE: 'schakel',
      TEMPORAL_TASK_QUEUE: 'q-1',
      SCHAKEL_ENV: 'production',
      AUTH_MODE: 'oidc',
      AUTH_JWT_SECRET: SECRET,
      AUTH_TOKEN_TTL: '30m',
      OIDC_ISSUER: ISSUER,
      OIDC_AUDIENCE: 'schakel-api',
      OIDC_JWKS_URL: `${ISSUER}/protocol/openid-connect/certs`,
      OIDC_CLOCK_TOLERANCE: '1m',
      OIDC_ROLE_CLAIM: 'https://schakel.nl/role',
      OIDC_ORG_CLAIM: 'https://schakel.nl/org',
      OIDC_REGION_CLAIM: 'https://schakel.nl/region',
      SCHAKEL_POLICY_FILE: '/etc/schakel/policy.json',
      RETENTION_SWEEP_INTERVAL: '1d',
      ...PAYLOAD_KEYS,
    });
    expect(config.http.port).toBe(8080);
    expect(config.temporal).toEqual({ address: 'temporal:7233', namespace: 'schakel', taskQueue: 'q-1' });
    expect(config.auth).toEqual({
      mode: 'oidc',
      jwtSecret: SECRET,
      usesDevelopmentSecret: false,
      tokenTtlSeconds: 1800,
      oidc: {
        issuer: ISSUER,
        audience: 'schakel-api',
        jwksUrl: `${ISSUER}/protocol/openid-connect/certs`,
        clockToleranceSeconds: 60,
        claims: { role: 'https://schakel.nl/role', org: 'https://schakel.nl/org', region: 'https://schakel.nl/region', children: 'schakel_children' },
      },
    });
    expect(config.policy).toEqual({ file: '/etc/schakel/policy.json', retentionSweepSeconds: 86_400 });
  });

  it('treats an empty variable as unset', () => {
    expect(loadApiConfig({ DATABASE_URL, PORT: '' }).http.port).toBe(3000);
  });

  it('names every invalid variable at once', () => {
    expect(problemsOf(() => loadApiConfig({ DATABASE_URL: 'mysql://x', PORT: 'abc', SCHAKEL_ENV: 'staging', AUTH_TOKEN_TTL: '8 hours' })).map((p) => p.split(':')[0]).sort()).toEqual(
      ['AUTH_TOKEN_TTL', 'DATABASE_URL', 'PORT', 'SCHAKEL_ENV'],
    );
  });

  it('requires DATABASE_URL', () => {
    expect(problemsOf(() => loadApiConfig({}))).toEqual([expect.stringMatching(/^DATABASE_URL/)]);
  });

  it('refuses a development secret shorter than 32 characters', () => {
    expect(problemsOf(() => loadApiConfig({ DATABASE_URL, AUTH_JWT_SECRET: 'too-short' }))).toEqual([expect.stringMatching(/^AUTH_JWT_SECRET: must be at least 32/)]);
  });
});

// Issue 5 §1: which verifier each environment gets, and what production refuses to boot with.
describe('loadApiConfig: AUTH_MODE', () => {
  const oidcDefaults = { issuer: ISSUER, audience: 'schakel-api', jwksUrl: undefined, clockToleranceSeconds: 30, claims: DEFAULT_OIDC_CLAIMS };

  it.each<[string, EnvSource, object]>([
    ['development by default outside production', { DATABASE_URL }, { mode: 'development', usesDevelopmentSecret: true }],
    ['development by default in test', { DATABASE_URL, SCHAKEL_ENV: 'test' }, { mode: 'development' }],
    ['development with its own secret', { DATABASE_URL, AUTH_JWT_SECRET: SECRET }, { mode: 'development', jwtSecret: SECRET, usesDevelopmentSecret: false }],
    ['oidc by default in production, with the documented claim names and 30s tolerance', PRODUCTION, { mode: 'oidc', oidc: oidcDefaults }],
    ['oidc in production even when a development secret is set (it is never used there)', { ...PRODUCTION, AUTH_JWT_SECRET: DEVELOPMENT_JWT_SECRET }, { mode: 'oidc', usesDevelopmentSecret: false }],
    ['oidc on request outside production, with a local http issuer', { DATABASE_URL, AUTH_MODE: 'oidc', OIDC_ISSUER: 'http://127.0.0.1:8080', OIDC_AUDIENCE: 'a' }, { mode: 'oidc', usesDevelopmentSecret: false }],
    ['oidc with a clock tolerance of 0s', { ...PRODUCTION, OIDC_CLOCK_TOLERANCE: '0s' }, { oidc: { ...oidcDefaults, clockToleranceSeconds: 0 } }],
  ])('selects %s', (_case, env, expected) => {
    expect(loadApiConfig(env).auth).toEqual(expect.objectContaining(expected));
  });

  it.each<[string, EnvSource, unknown[]]>([
    ['AUTH_MODE=development in production', { ...PRODUCTION, AUTH_MODE: 'development' }, ['AUTH_MODE: must not be development when SCHAKEL_ENV=production: production accepts only OIDC tokens (AUTH_MODE=oidc)']],
    ['AUTH_MODE=development in production, naming only AUTH_MODE', { DATABASE_URL, SCHAKEL_ENV: 'production', AUTH_MODE: 'development', AUTH_JWT_SECRET: SECRET }, [expect.stringMatching(/^AUTH_MODE: must not be development/)]],
    ['production without issuer and audience', { DATABASE_URL, SCHAKEL_ENV: 'production' }, [
      'OIDC_ISSUER: is required when SCHAKEL_ENV=production (AUTH_MODE defaults to oidc)',
      'OIDC_AUDIENCE: is required when SCHAKEL_ENV=production (AUTH_MODE defaults to oidc)',
    ]],
    ['AUTH_MODE=oidc without an audience', { DATABASE_URL, AUTH_MODE: 'oidc', OIDC_ISSUER: ISSUER }, ['OIDC_AUDIENCE: is required when AUTH_MODE=oidc']],
    ['a plain http issuer in production', { ...PRODUCTION, OIDC_ISSUER: 'http://login.schakel.example' }, ['OIDC_ISSUER: must be an https URL when SCHAKEL_ENV=production']],
    ['a plain http JWKS URL in production', { ...PRODUCTION, OIDC_JWKS_URL: 'http://login.schakel.example/jwks' }, ['OIDC_JWKS_URL: must be an https URL when SCHAKEL_ENV=production']],
    ['an unknown mode', { DATABASE_URL, AUTH_MODE: 'saml' }, ['AUTH_MODE: must be one of oidc, development']],
    ['an issuer that is no URL', { ...PRODUCTION, OIDC_ISSUER: 'login.schakel.example' }, ['OIDC_ISSUER: must be an http(s) URL']],
    ['a clock tolerance above five minutes', { ...PRODUCTION, OIDC_CLOCK_TOLERANCE: '10m' }, ['OIDC_CLOCK_TOLERANCE: must be at most 300s']],
  ])('refuses %s', (_case, env, problems) => {
    expect(problemsOf(() => loadApiConfig(env))).toEqual(problems);
  });
});

// Issue 5 §6: the HTTP hardening settings, and the CORS origins production refuses.
describe('loadApiConfig: HTTP hardening', () => {
  it('limits bodies to 64kb and clients to 600 requests a minute, and allows no CORS origin, by default', () => {
    expect(loadApiConfig({ DATABASE_URL }).http).toEqual({ port: 3000, bodyLimitBytes: 64 * 1024, rateLimitPerMinute: 600, corsOrigins: [], trustProxyHops: 0 });
  });

  it('reads every variable', () => {
    const config = loadApiConfig({
      ...PRODUCTION,
      API_BODY_LIMIT: '1MB',
      RATE_LIMIT_PER_MINUTE: '120',
      CORS_ORIGINS: 'https://app.schakel.example, https://beheer.schakel.example:8443,',
      TRUST_PROXY_HOPS: '1',
    });
    expect(config.http).toEqual({
      port: 3000,
      bodyLimitBytes: 1024 * 1024,
      rateLimitPerMinute: 120,
      corsOrigins: ['https://app.schakel.example', 'https://beheer.schakel.example:8443'],
      trustProxyHops: 1,
    });
  });

  it('switches the rate limit off with 0, and accepts a plain http origin outside production', () => {
    expect(loadApiConfig({ DATABASE_URL, RATE_LIMIT_PER_MINUTE: '0', CORS_ORIGINS: 'http://localhost:5173' }).http).toEqual(
      expect.objectContaining({ rateLimitPerMinute: 0, corsOrigins: ['http://localhost:5173'] }),
    );
  });

  it.each<[string, EnvSource, unknown[]]>([
    ['a body limit without unit', { DATABASE_URL, API_BODY_LIMIT: '65536' }, ['API_BODY_LIMIT: must be a size such as 64kb or 1mb']],
    ['a body limit above 10mb', { DATABASE_URL, API_BODY_LIMIT: '20mb' }, ['API_BODY_LIMIT: must be between 1kb and 10mb']],
    ['a body limit below 1kb', { DATABASE_URL, API_BODY_LIMIT: '100b' }, ['API_BODY_LIMIT: must be between 1kb and 10mb']],
    ['a negative rate limit', { DATABASE_URL, RATE_LIMIT_PER_MINUTE: '-1' }, [expect.stringMatching(/^RATE_LIMIT_PER_MINUTE: /)]],
    ['a fractional rate limit', { DATABASE_URL, RATE_LIMIT_PER_MINUTE: '1.5' }, ['RATE_LIMIT_PER_MINUTE: must be a whole number']],
    ['a wildcard origin', { DATABASE_URL, CORS_ORIGINS: '*' }, [expect.stringMatching(/^CORS_ORIGINS\.0: must be an exact origin/)]],
    ['an origin with a path or a trailing slash', { DATABASE_URL, CORS_ORIGINS: 'https://a.example/app,https://b.example/' }, [
      expect.stringMatching(/^CORS_ORIGINS\.0: must be an exact origin/),
      expect.stringMatching(/^CORS_ORIGINS\.1: must be an exact origin/),
    ]],
    ['an origin with another scheme', { DATABASE_URL, CORS_ORIGINS: 'ftp://a.example' }, [expect.stringMatching(/^CORS_ORIGINS\.0: must be an exact origin/)]],
    ['a plain http origin in production', { ...PRODUCTION, CORS_ORIGINS: 'https://a.example,http://b.example' }, [
      'CORS_ORIGINS: must list https origins only when SCHAKEL_ENV=production (http://b.example)',
    ]],
    ['more than ten proxy hops', { DATABASE_URL, TRUST_PROXY_HOPS: '11' }, [expect.stringMatching(/^TRUST_PROXY_HOPS: /)]],
  ])('refuses %s', (_case, env, problems) => {
    expect(problemsOf(() => loadApiConfig(env))).toEqual(problems);
  });
});

describe('loadAuthConfig', () => {
  it('needs no database or Temporal settings (the token CLI)', () => {
    expect(loadAuthConfig({ AUTH_TOKEN_TTL: '90s' })).toEqual({ env: 'development', auth: expect.objectContaining({ mode: 'development', tokenTtlSeconds: 90 }) });
  });

  it('applies the same AUTH_MODE rules', () => {
    expect(problemsOf(() => loadAuthConfig({ SCHAKEL_ENV: 'production', AUTH_MODE: 'development', ...OIDC }))).toEqual([expect.stringMatching(/^AUTH_MODE: must not be development/)]);
  });
});

// Issue 5 §3: the keys of the Temporal payload codec (the rules themselves: payload-keys.parser.spec.ts).
describe('loadApiConfig: payload encryption', () => {
  it('encrypts with the public development key when no keys are set outside production, and says so', () => {
    expect(loadApiConfig({ DATABASE_URL }).payloadEncryption).toEqual(expect.objectContaining({ usesDevelopmentKey: true }));
  });

  it('takes the keys and the active key id', () => {
    const { keyring, usesDevelopmentKey } = loadApiConfig(PRODUCTION).payloadEncryption;
    expect([keyring.activeKeyId, keyring.keyIds, usesDevelopmentKey]).toEqual(['2026-01', ['2026-01'], false]);
  });

  it('refuses production without payload keys, naming the variable', () => {
    const { PAYLOAD_KEYS: _keys, PAYLOAD_KEY_ID: _id, ...withoutKeys } = PRODUCTION;
    expect(problemsOf(() => loadApiConfig(withoutKeys))).toEqual([expect.stringMatching(/^PAYLOAD_KEYS: is required when SCHAKEL_ENV=production/)]);
  });

  it('refuses a key of the wrong length without echoing it', () => {
    const short = Buffer.alloc(16, 9).toString('base64');
    const problems = problemsOf(() => loadApiConfig({ ...PRODUCTION, PAYLOAD_KEYS: `2026-01:${short}` }));
    expect(problems).toEqual(['PAYLOAD_KEYS: entry 1: key "2026-01" must be 32 bytes (AES-256), not 16']);
    expect(problems.join()).not.toContain(short);
  });
});

// Issue 6 §4, §5: the drain on SIGTERM and the protection of /metrics (ADR 0010).
describe('loadApiConfig: shutdown and metrics', () => {
  const TOKEN = 'a-metrics-token-of-more-than-32-characters';

  it('drains for 5 s and waits up to 30 s for requests by default, with /metrics open outside production', () => {
    expect(loadApiConfig({ DATABASE_URL }).ops).toEqual({ shutdownDelaySeconds: 5, shutdownTimeoutSeconds: 30, metricsToken: undefined, metricsEnabled: true });
  });

  it('switches /metrics off in production unless a token protects it', () => {
    expect(loadApiConfig(PRODUCTION).ops.metricsEnabled).toBe(false);
    expect(loadApiConfig({ ...PRODUCTION, METRICS_TOKEN: TOKEN }).ops).toEqual(expect.objectContaining({ metricsToken: TOKEN, metricsEnabled: true }));
  });

  it('takes the drain timings, 0s delay included', () => {
    expect(loadApiConfig({ DATABASE_URL, API_SHUTDOWN_DELAY: '0s', API_SHUTDOWN_TIMEOUT: '2m' }).ops).toEqual(expect.objectContaining({ shutdownDelaySeconds: 0, shutdownTimeoutSeconds: 120 }));
  });

  it('refuses a short token, a zero timeout and a delay beyond 5 minutes, without echoing the token', () => {
    const problems = problemsOf(() => loadApiConfig({ DATABASE_URL, METRICS_TOKEN: 'short-token', API_SHUTDOWN_TIMEOUT: '0s', API_SHUTDOWN_DELAY: '10m' }));
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['API_SHUTDOWN_DELAY', 'API_SHUTDOWN_TIMEOUT', 'METRICS_TOKEN']);
    expect(problems.join()).not.toContain('short-token');
  });
});

/**
 * Issue 9: a Temporal cluster with TLS or Temporal Cloud, through Temporal's standard environment configuration
 * (@temporalio/envconfig): the same variables and TOML profiles as the Temporal CLI.
 */
describe('loadApiConfig: the Temporal connection', () => {
  let directory: string;
  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'schakel-temporal-tls-'));
    writeFileSync(join(directory, 'client.pem'), 'CLIENT CERT');
    writeFileSync(join(directory, 'client.key'), 'CLIENT KEY');
    writeFileSync(join(directory, 'ca.pem'), 'PRIVATE CA');
    writeFileSync(
      join(directory, 'temporal.toml'),
      ['[profile.cloud]', 'address = "schakel-prod.a1b2c.tmprl.cloud:7233"', 'namespace = "schakel-prod.a1b2c"', '[profile.cloud.tls]', `client_cert_path = "${join(directory, 'client.pem')}"`, `client_key_path = "${join(directory, 'client.key')}"`, ''].join('\n'),
    );
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('connects in plain text to the local default when nothing is set', () => {
    expect(loadApiConfig({ DATABASE_URL }).temporal).toMatchObject({ address: '127.0.0.1:7233', namespace: 'default', apiKey: undefined, tls: undefined });
  });

  it('takes a Temporal Cloud API key, with TLS switched on by it', () => {
    const config = loadApiConfig({ DATABASE_URL, TEMPORAL_ADDRESS: 'eu-west-1.aws.api.temporal.io:7233', TEMPORAL_NAMESPACE: 'schakel-prod.a1b2c', TEMPORAL_API_KEY: 'cloud-api-key' });
    expect(config.temporal).toMatchObject({ address: 'eu-west-1.aws.api.temporal.io:7233', namespace: 'schakel-prod.a1b2c', apiKey: 'cloud-api-key', tls: true });
  });

  it('reads an mTLS client certificate, its key, a private CA and the server name from files', () => {
    const config = loadApiConfig({
      DATABASE_URL,
      TEMPORAL_ADDRESS: 'temporal.internal:7233',
      TEMPORAL_TLS_CLIENT_CERT_PATH: join(directory, 'client.pem'),
      TEMPORAL_TLS_CLIENT_KEY_PATH: join(directory, 'client.key'),
      TEMPORAL_TLS_SERVER_CA_CERT_PATH: join(directory, 'ca.pem'),
      TEMPORAL_TLS_SERVER_NAME: 'temporal.schakel.example',
    });
    const tls = config.temporal.tls as { clientCertPair: { crt: Uint8Array; key: Uint8Array }; serverRootCACertificate: Uint8Array; serverNameOverride: string };
    expect(Buffer.from(tls.clientCertPair.crt).toString()).toBe('CLIENT CERT');
    expect(Buffer.from(tls.clientCertPair.key).toString()).toBe('CLIENT KEY');
    expect(Buffer.from(tls.serverRootCACertificate).toString()).toBe('PRIVATE CA');
    expect(tls.serverNameOverride).toBe('temporal.schakel.example');
  });

  it('takes a TOML profile, with the environment overriding it', () => {
    const config = loadApiConfig({ DATABASE_URL, TEMPORAL_CONFIG_FILE: join(directory, 'temporal.toml'), TEMPORAL_PROFILE: 'cloud', TEMPORAL_NAMESPACE: 'schakel-acc.a1b2c' });
    expect(config.temporal).toMatchObject({ address: 'schakel-prod.a1b2c.tmprl.cloud:7233', namespace: 'schakel-acc.a1b2c' });
    expect(Buffer.from((config.temporal.tls as { clientCertPair: { crt: Uint8Array } }).clientCertPair.crt).toString()).toBe('CLIENT CERT');
  });

  it('refuses a client certificate without its key, a missing file and an unknown profile, naming the variable and never the API key', () => {
    expect(problemsOf(() => loadApiConfig({ DATABASE_URL, TEMPORAL_TLS_CLIENT_CERT_PATH: join(directory, 'client.pem'), TEMPORAL_API_KEY: 'secret-api-key' }))).toEqual([
      'TEMPORAL_TLS_CLIENT_KEY_PATH: is required with TEMPORAL_TLS_CLIENT_CERT_PATH (mTLS needs the key too)',
    ]);
    const missing = join(directory, 'nowhere.pem');
    expect(problemsOf(() => loadApiConfig({ DATABASE_URL, TEMPORAL_TLS_SERVER_CA_CERT_PATH: missing, TEMPORAL_API_KEY: 'secret-api-key' }))).toEqual([`TEMPORAL_TLS_SERVER_CA_CERT_PATH: no file at ${missing}`]);
    expect(problemsOf(() => loadApiConfig({ DATABASE_URL, TEMPORAL_CONFIG_FILE: join(directory, 'temporal.toml'), TEMPORAL_PROFILE: 'staging' }))).toEqual([
      "TEMPORAL_PROFILE: Profile 'staging' not found in config data",
    ]);
    expect(problemsOf(() => loadApiConfig({ DATABASE_URL, TEMPORAL_TLS: 'yes' })).join()).toMatch(/^TEMPORAL_TLS: must be true or false/);
  });
});
