import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { fakeExecutable, fakeRepo, scratchDir } from './fake-executable.test-helper';
import { TemporalCliUnavailableError, findExistingTemporalCli, locateTemporalCli, temporalCliCachePaths } from './temporal-cli.locator';
import type { TemporalCliAcquirer } from './temporal-cli.types';

describe('temporal-cli.locator', () => {
  let scratch: ReturnType<typeof scratchDir>;
  let repoRoot: string;
  let env: NodeJS.ProcessEnv;
  let paths: { explicit: string; onPath: string; repo: string; user: string };
  const silent = (): void => undefined;
  const failing =
    (reason: string): TemporalCliAcquirer =>
    () =>
      Promise.reject(new Error(reason));

  beforeEach(() => {
    scratch = scratchDir('locator');
    repoRoot = fakeRepo(scratch.dir);
    env = { PATH: join(scratch.dir, 'path-bin'), XDG_CACHE_HOME: join(scratch.dir, 'xdg-cache'), HOME: scratch.dir };
    const caches = temporalCliCachePaths(repoRoot, env);
    paths = { explicit: join(scratch.dir, 'explicit', 'temporal'), onPath: join(scratch.dir, 'path-bin', 'temporal'), repo: caches.repo, user: caches.user };
  });
  afterEach(() => scratch.cleanup());

  it('puts the caches in <repo>/.tools/bin and ${XDG_CACHE_HOME:-~/.cache}/schakel/bin', () => {
    expect(temporalCliCachePaths('/r', { XDG_CACHE_HOME: '/x' })).toMatchObject({ repo: '/r/.tools/bin/temporal', user: '/x/schakel/bin/temporal' });
    expect(temporalCliCachePaths('/r', { HOME: '/home/u' }).user).toBe('/home/u/.cache/schakel/bin/temporal');
  });

  it('prefers TEMPORAL_CLI_PATH, then PATH, then the repository cache, then the user cache', async () => {
    for (const path of Object.values(paths)) fakeExecutable(path);
    const build = jest.fn(failing('must not build'));
    const locate = (): ReturnType<typeof locateTemporalCli> => locateTemporalCli({ env, repoRoot, log: silent, build, download: build });

    await expect(locate()).resolves.toEqual({ path: paths.onPath, source: 'PATH' });
    env.TEMPORAL_CLI_PATH = paths.explicit;
    await expect(locate()).resolves.toEqual({ path: paths.explicit, source: 'TEMPORAL_CLI_PATH' });
    delete env.TEMPORAL_CLI_PATH;
    env.PATH = join(scratch.dir, 'empty');
    await expect(locate()).resolves.toEqual({ path: paths.repo, source: 'repository cache' });
    env.PATH = '';
    rmSync(paths.repo);
    await expect(locate()).resolves.toEqual({ path: paths.user, source: 'user cache' });
    expect(build).not.toHaveBeenCalled();
  });

  it('copies a repository-cache build into the empty user cache, for other clones', async () => {
    fakeExecutable(paths.repo);
    await expect(locateTemporalCli({ env, repoRoot, log: silent, acquire: false })).resolves.toEqual({ path: paths.repo, source: 'repository cache' });
    expect(existsSync(paths.user)).toBe(true);
  });

  it('treats a TEMPORAL_CLI_PATH that is not executable as an error, not as a reason to build', async () => {
    env.TEMPORAL_CLI_PATH = join(scratch.dir, 'nowhere', 'temporal');
    const build = jest.fn(failing('must not build'));
    await expect(locateTemporalCli({ env, repoRoot, log: silent, build })).rejects.toThrow(/TEMPORAL_CLI_PATH=.*not an executable file/);
    expect(build).not.toHaveBeenCalled();
  });

  it('builds when nothing is found, and shares the build with the user cache', async () => {
    const build: TemporalCliAcquirer = async (context) => fakeExecutable(context.target, 'echo built');
    const download = jest.fn(failing('must not download'));
    await expect(locateTemporalCli({ env, repoRoot, log: silent, build, download })).resolves.toEqual({ path: paths.repo, source: 'Go build' });
    expect(existsSync(paths.user)).toBe(true);
    expect(download).not.toHaveBeenCalled();
    expect(existsSync(temporalCliCachePaths(repoRoot, env).lock)).toBe(false);
  });

  it('downloads through the SDK when the build fails', async () => {
    const download: TemporalCliAcquirer = async (context) => fakeExecutable(context.target, 'echo downloaded');
    await expect(locateTemporalCli({ env, repoRoot, log: silent, build: failing('no Go'), download })).resolves.toEqual({ path: paths.repo, source: 'SDK download' });
  });

  it('names all three ways and why each failed when nothing works', async () => {
    const attempt = locateTemporalCli({ env, repoRoot, log: silent, build: failing('Go was not found on PATH'), download: failing('getaddrinfo ENOTFOUND temporal.download') });
    await expect(attempt).rejects.toBeInstanceOf(TemporalCliUnavailableError);
    const message = await attempt.catch((error: Error) => error.message);
    expect(message).toContain('TEMPORAL_CLI_PATH');
    expect(message).toContain('`temporal` on PATH');
    expect(message).toContain('Go ≥ 1.25');
    expect(message).toContain('internet');
    expect(message).toContain('Go was not found on PATH');
    expect(message).toContain('getaddrinfo ENOTFOUND temporal.download');
    expect(message).toContain(paths.repo);
  });

  it('only looks, never acquires, when acquire is false', async () => {
    const build = jest.fn(failing('must not build'));
    await expect(locateTemporalCli({ env, repoRoot, log: silent, acquire: false, build, download: build })).rejects.toBeInstanceOf(TemporalCliUnavailableError);
    expect(build).not.toHaveBeenCalled();
    expect(findExistingTemporalCli({ env, repoRoot })).toBeUndefined();
  });

  it('builds once when two callers race, the second using what the first built', async () => {
    let builds = 0;
    const build: TemporalCliAcquirer = async (context) => {
      builds += 1;
      await new Promise((resolve) => setTimeout(resolve, 300));
      return fakeExecutable(context.target);
    };
    const results = await Promise.all([
      locateTemporalCli({ env, repoRoot, log: silent, build, download: failing('unused') }),
      locateTemporalCli({ env, repoRoot, log: silent, build, download: failing('unused') }),
    ]);
    expect(builds).toBe(1);
    expect(results.map((result) => result.source).sort()).toEqual(['Go build', 'repository cache']);
  });

  it('takes over a lock left by a process that died', async () => {
    const { lock } = temporalCliCachePaths(repoRoot, env);
    mkdirSync(join(lock, '..'), { recursive: true });
    writeFileSync(lock, JSON.stringify({ pid: 2 ** 22 + 17, host: hostname(), since: 'long ago' }));
    const build: TemporalCliAcquirer = async (context) => fakeExecutable(context.target);
    await expect(locateTemporalCli({ env, repoRoot, log: silent, build })).resolves.toMatchObject({ source: 'Go build' });
  });
});
