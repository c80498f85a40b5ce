import { databaseTargetFromEnv } from './data-source.factory';

describe('databaseTargetFromEnv', () => {
  it('describes DATABASE_URL without user or password', () => {
    expect(databaseTargetFromEnv({ DATABASE_URL: ' postgres://schakel:geheim@db.example:6432/schakel ' })).toEqual({
      ok: true,
      url: 'postgres://schakel:geheim@db.example:6432/schakel',
      description: 'db.example:6432/schakel',
      fromFallback: false,
    });
  });

  it('uses the fallback only when DATABASE_URL is unset or blank', () => {
    const fallback = 'postgres://postgres:postgres@127.0.0.1:54329/schakel';
    expect(databaseTargetFromEnv({ DATABASE_URL: '  ' }, fallback)).toMatchObject({ ok: true, url: fallback, description: '127.0.0.1:54329/schakel', fromFallback: true });
    expect(databaseTargetFromEnv({}, fallback)).toMatchObject({ ok: true, fromFallback: true });
  });

  it('names the problem: unset without a fallback, or not a URL', () => {
    expect(databaseTargetFromEnv({})).toEqual({ ok: false, problem: 'DATABASE_URL is not set (expected postgres://user@host:port/database)' });
    expect(databaseTargetFromEnv({ DATABASE_URL: 'db.example/schakel' }, 'postgres://x@y/z')).toEqual({ ok: false, problem: 'DATABASE_URL is not a valid URL (expected postgres://user@host:port/database)' });
  });
});
