import { chmodSync, copyFileSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { EXE_SUFFIX, findOnPath, isExecutableFile } from './executable-file';
import { acquireFileLock } from './file-lock';
import { findRepoRoot } from './repo-root';
import { TEMPORAL_CLI_MODULE, buildTemporalCliWithGo } from './temporal-cli.go-builder';
import { downloadTemporalCliWithSdk } from './temporal-cli.sdk-downloader';
import type { TemporalCli, TemporalCliAcquirer } from './temporal-cli.types';

export interface LocateTemporalCliOptions {
  env?: NodeJS.ProcessEnv;
  repoRoot?: string;
  log?: (line: string) => void;
  /** false: only look for an existing CLI, never build or download one. */
  acquire?: boolean;
  /** Injectable so tests can make the slow ways fail (or succeed) instantly. */
  build?: TemporalCliAcquirer;
  download?: TemporalCliAcquirer;
}

export interface TemporalCliCachePaths {
  /** <repo>/.tools/bin/temporal — git-ignored, next to the checkout. */
  repo: string;
  /** ${XDG_CACHE_HOME:-~/.cache}/schakel/bin/temporal — shared by every clone on this machine. */
  user: string;
  lock: string;
}

export interface TemporalCliFailure {
  way: 'existing CLI' | 'Go build' | 'SDK download';
  reason: string;
}

export class TemporalCliUnavailableError extends Error {
  constructor(readonly failures: readonly TemporalCliFailure[]) {
    super(formatFailures(failures));
    this.name = 'TemporalCliUnavailableError';
  }
}

export function temporalCliCachePaths(repoRoot: string, env: NodeJS.ProcessEnv = process.env): TemporalCliCachePaths {
  const cacheHome = env.XDG_CACHE_HOME || join(env.HOME || homedir(), '.cache');
  return {
    repo: join(repoRoot, '.tools', 'bin', 'temporal' + EXE_SUFFIX),
    user: join(cacheHome, 'schakel', 'bin', 'temporal' + EXE_SUFFIX),
    lock: join(repoRoot, '.tools', 'temporal-cli.lock'),
  };
}

/**
 * Looks without side effects, in order: TEMPORAL_CLI_PATH, `temporal` on PATH, the repository
 * cache, the per-user cache. An explicit TEMPORAL_CLI_PATH that is not executable is an error
 * rather than a reason to fall through: whoever set it meant that binary.
 */
export function findExistingTemporalCli(options: { env?: NodeJS.ProcessEnv; repoRoot?: string } = {}): TemporalCli | undefined {
  const env = options.env ?? process.env;
  const explicit = env.TEMPORAL_CLI_PATH;
  if (explicit) {
    if (!isExecutableFile(explicit)) throw new Error(`TEMPORAL_CLI_PATH=${explicit} is not an executable file.`);
    return { path: explicit, source: 'TEMPORAL_CLI_PATH' };
  }
  const onPath = findOnPath('temporal', env.PATH);
  if (onPath) return { path: onPath, source: 'PATH' };
  const caches = temporalCliCachePaths(options.repoRoot ?? findRepoRoot(), env);
  if (isExecutableFile(caches.repo)) return { path: caches.repo, source: 'repository cache' };
  if (isExecutableFile(caches.user)) return { path: caches.user, source: 'user cache' };
  return undefined;
}

/**
 * Finds a Temporal CLI, or builds it with Go, or downloads it through @temporalio/testing.
 * Building and downloading happen under a lock, so two launchers or test runs started together
 * do not both spend five minutes compiling the same thing.
 */
export async function locateTemporalCli(options: LocateTemporalCliOptions = {}): Promise<TemporalCli> {
  const env = options.env ?? process.env;
  const repoRoot = options.repoRoot ?? findRepoRoot();
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const caches = temporalCliCachePaths(repoRoot, env);
  const found = findExistingTemporalCli({ env, repoRoot });
  if (found) {
    // A build that predates the user cache (or came from elsewhere) is shared once, for other clones.
    if (found.source === 'repository cache' && !isExecutableFile(caches.user)) shareWithUserCache(found.path, caches.user, log);
    return found;
  }

  const notFound: TemporalCliFailure = {
    way: 'existing CLI',
    reason: `TEMPORAL_CLI_PATH is not set, \`temporal\` is not on PATH, and there is no cached build at ${caches.repo} or ${caches.user}`,
  };
  if (options.acquire === false) throw new TemporalCliUnavailableError([notFound]);

  const lock = await acquireFileLock(caches.lock, {
    onWait: (holder) => log(`Another Temporal CLI build is running (${holder}); waiting for it to finish…`),
  });
  try {
    // Whoever held the lock before us may have just produced it.
    const builtMeanwhile = findExistingTemporalCli({ env, repoRoot });
    if (builtMeanwhile) return builtMeanwhile;

    const failures: TemporalCliFailure[] = [notFound];
    const context = { repoRoot, target: caches.repo, env, log };
    const ways: [TemporalCliFailure['way'], TemporalCli['source'], TemporalCliAcquirer][] = [
      ['Go build', 'Go build', options.build ?? buildTemporalCliWithGo],
      ['SDK download', 'SDK download', options.download ?? downloadTemporalCliWithSdk],
    ];
    for (const [way, source, acquirer] of ways) {
      try {
        const path = await acquirer(context);
        if (!isExecutableFile(path)) throw new Error(`it finished but ${path} is not an executable file`);
        shareWithUserCache(path, caches.user, log);
        return { path, source };
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        failures.push({ way, reason });
        log(`Could not get the Temporal CLI by ${way}: ${reason}`);
      }
    }
    throw new TemporalCliUnavailableError(failures);
  } finally {
    lock.release();
  }
}

/** A fresh clone on the same machine (CI runs one per job) then skips the build. Best effort. */
function shareWithUserCache(built: string, userPath: string, log: (line: string) => void): void {
  if (built === userPath) return;
  const partial = `${userPath}.partial-${process.pid}`;
  try {
    mkdirSync(dirname(userPath), { recursive: true });
    copyFileSync(built, partial);
    chmodSync(partial, 0o755);
    renameSync(partial, userPath);
  } catch (error) {
    rmSync(partial, { force: true });
    log(`Note: could not copy the Temporal CLI to ${userPath}: ${(error as Error).message}`);
  }
}

function formatFailures(failures: readonly TemporalCliFailure[]): string {
  const reasonOf = (way: TemporalCliFailure['way']): string =>
    failures.find((failure) => failure.way === way)?.reason ?? 'not tried';
  return [
    'No Temporal CLI is available. Tried three ways:',
    `  1. Use an existing CLI — ${reasonOf('existing CLI')}.`,
    '     Fix: set TEMPORAL_CLI_PATH=/path/to/temporal, or put `temporal` on PATH.',
    `  2. Build it with Go (go install ${TEMPORAL_CLI_MODULE}) — ${reasonOf('Go build')}.`,
    '     Fix: install Go ≥ 1.25 (https://go.dev/dl/) so it can be built; the first build takes several minutes.',
    `  3. Download it through @temporalio/testing — ${reasonOf('SDK download')}.`,
    '     Fix: allow internet access to https://temporal.download.',
  ].join('\n');
}
