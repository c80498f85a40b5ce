import { REFERRAL_TASK_QUEUE } from '@schakel/workflows/contracts';
import { DEVELOPMENT_JWT_SECRET, InvalidConfigError, loadApiConfig, loadAuthConfig } from './api.config';

const DATABASE_URL = 'postgres://schakel@127.0.0.1:5432/schakel';
const SECRET = 'a-production-secret-of-more-than-32-characters';

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
    expect(config.auth).toEqual({ jwtSecret: DEVELOPMENT_JWT_SECRET, usesDevelopmentSecret: true, tokenTtlSeconds: 8 * 3600 });
    expect(config.policy).toEqual({ file: undefined });
  });

  it('reads every variable', () => {
    const config = loadApiConfig({
      DATABASE_URL,
      PORT: '8080',
      TEMPORAL_ADDRESS: 'temporal:7233',
      TEMPORAL_NAMESPACE: 'schakel',
      TEMPORAL_TASK_QUEUE: 'q-1',
      SCHAKEL_ENV: 'production',
      AUTH_JWT_SECRET: SECRET,
      AUTH_TOKEN_TTL: '30m',
      SCHAKEL_POLICY_FILE: '/etc/schakel/policy.json',
    });
    expect(config.http.port).toBe(8080);
    expect(config.temporal).toEqual({ address: 'temporal:7233', namespace: 'schakel', taskQueue: 'q-1' });
    expect(config.auth).toEqual({ jwtSecret: SECRET, usesDevelopmentSecret: false, tokenTtlSeconds: 1800 });
    expect(config.policy).toEqual({ file: '/etc/schakel/policy.json' });
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

  it('refuses production without its own secret, or with the public development secret', () => {
    expect(problemsOf(() => loadApiConfig({ DATABASE_URL, SCHAKEL_ENV: 'production' }))).toEqual([expect.stringMatching(/^AUTH_JWT_SECRET: is required/)]);
    expect(problemsOf(() => loadApiConfig({ DATABASE_URL, SCHAKEL_ENV: 'production', AUTH_JWT_SECRET: DEVELOPMENT_JWT_SECRET }))).toEqual([
      expect.stringMatching(/^AUTH_JWT_SECRET: must not be the public development secret/),
    ]);
    expect(problemsOf(() => loadApiConfig({ DATABASE_URL, AUTH_JWT_SECRET: 'too-short' }))).toEqual([expect.stringMatching(/^AUTH_JWT_SECRET: must be at least 32/)]);
  });
});

describe('loadAuthConfig', () => {
  it('needs no database or Temporal settings (the token CLI)', () => {
    expect(loadAuthConfig({ AUTH_TOKEN_TTL: '90s' })).toEqual({ env: 'development', auth: expect.objectContaining({ tokenTtlSeconds: 90 }) });
  });
});
