import { formatBanner, redactUrl } from './start.banner';
import { readStartConfig } from './start.config';

describe('readStartConfig', () => {
  it('defaults to port 3000, namespace default and SCHAKEL_ENV development, running its own servers', () => {
    const config = readStartConfig({}, '/repo');
    expect(config).toMatchObject({ apiPort: 3000, namespace: 'default', schakelEnv: 'development', temporalAddress: undefined, databaseUrl: undefined });
    expect(config.paths).toMatchObject({
      temporalDb: '/repo/.data/temporal/schakel.db',
      postgresData: '/repo/.data/postgres',
      migrate: '/repo/libs/persistence/dist/migrate.main.js',
      seedDemo: '/repo/libs/persistence/dist/seed-demo.main.js',
      worker: '/repo/apps/worker/dist/main.js',
      api: '/repo/apps/api/dist/main.js',
    });
  });

  it('takes external servers and settings from the environment', () => {
    const config = readStartConfig({ PORT: '4000', TEMPORAL_ADDRESS: 'temporal:7233', DATABASE_URL: 'postgres://x', TEMPORAL_NAMESPACE: 'ns', SCHAKEL_ENV: 'test' }, '/repo');
    expect(config).toMatchObject({ apiPort: 4000, temporalAddress: 'temporal:7233', databaseUrl: 'postgres://x', namespace: 'ns', schakelEnv: 'test' });
  });

  it('rejects a PORT that is not a port', () => {
    expect(() => readStartConfig({ PORT: 'abc' }, '/repo')).toThrow(/PORT=abc/);
    expect(() => readStartConfig({ PORT: '70000' }, '/repo')).toThrow(/PORT=70000/);
  });
});

describe('banner', () => {
  it('hides the password of an external DATABASE_URL', () => {
    expect(redactUrl('postgres://app:s3cret@db:5432/schakel')).toBe('postgres://app:***@db:5432/schakel');
  });

  it('shows where everything is and how to get a token', () => {
    const banner = formatBanner({
      apiPort: 3000,
      namespace: 'default',
      schakelEnv: 'development',
      temporal: { kind: 'dev-server', address: '127.0.0.1:7233', uiUrl: 'http://127.0.0.1:8233', dbFile: '.data/temporal/schakel.db' },
      postgres: { kind: 'embedded', port: 54329, url: 'postgres://postgres:postgres@127.0.0.1:54329/schakel', dataDir: '.data/postgres' },
    });
    for (const expected of ['http://localhost:3000/api/docs', 'http://127.0.0.1:8233', 'embedded at port 54329', 'npm run token -- --role school --sub s-1 --org 12AB --region midden']) {
      expect(banner).toContain(expected);
    }
    const external = formatBanner({
      apiPort: 3000,
      namespace: 'default',
      schakelEnv: 'development',
      temporal: { kind: 'external', address: 'temporal:7233' },
      postgres: { kind: 'external', url: 'postgres://a:b@db/x' },
    });
    expect(external).toContain('external Temporal at temporal:7233');
    expect(external).not.toContain(':b@');
  });
});
