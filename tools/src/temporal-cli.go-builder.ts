import { execFile, spawn } from 'node:child_process';
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { superviseChild } from './supervised-child';
import { EXE_SUFFIX, findOnPath, isExecutableFile } from './executable-file';
import { describeExit } from './process-exit';
import type { TemporalCliAcquireContext } from './temporal-cli.types';

export const TEMPORAL_CLI_VERSION = 'v1.5.1';
export const TEMPORAL_CLI_MODULE = `github.com/temporalio/cli/cmd/temporal@${TEMPORAL_CLI_VERSION}`;
/** The v1.5.1 go.mod asks for this; older toolchains refuse or try to download a newer one. */
export const MINIMUM_GO: readonly [number, number] = [1, 25];
const FALLBACK_GO = '/usr/local/go/bin/go';
const HEARTBEAT_MS = 15_000;

/** Every go we could use, PATH first; the usual install location also counts, as it is often not on PATH. */
export function findGoCandidates(env: NodeJS.ProcessEnv, fallbacks: readonly string[] = [FALLBACK_GO]): string[] {
  const candidates = [findOnPath('go', env.PATH), ...fallbacks.filter(isExecutableFile)];
  return [...new Set(candidates.filter((candidate): candidate is string => candidate !== undefined))];
}

export function findGo(env: NodeJS.ProcessEnv, fallbacks: readonly string[] = [FALLBACK_GO]): string | undefined {
  return findGoCandidates(env, fallbacks)[0];
}

export interface GoBuildOptions {
  /** Where to look for go besides PATH; tests pass [] to keep the machine's own Go out. */
  fallbackGo?: readonly string[];
}

/** "go1.26.8" → [1, 26, 8]; undefined for anything else (devel builds). */
export function parseGoVersion(text: string): number[] | undefined {
  const match = /^go(\d+)\.(\d+)(?:\.(\d+))?/.exec(text.trim());
  return match ? [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)] : undefined;
}

export function isGoRecentEnough(version: readonly number[]): boolean {
  const [major = 0, minor = 0] = version;
  return major > MINIMUM_GO[0] || (major === MINIMUM_GO[0] && minor >= MINIMUM_GO[1]);
}

/**
 * Builds the CLI with `go install` into a staging directory and renames it into place, so an
 * interrupted build never leaves a half-written binary where the locator would trust it.
 */
export async function buildTemporalCliWithGo(context: TemporalCliAcquireContext, options: GoBuildOptions = {}): Promise<string> {
  const { go, goVersionText } = await pickGo(context.env, options.fallbackGo ?? [FALLBACK_GO]);

  // We hold the build lock, so anything under .tools/build is left over from an interrupted build.
  const buildRoot = join(context.repoRoot, '.tools', 'build');
  rmSync(buildRoot, { recursive: true, force: true });
  const staging = join(buildRoot, String(process.pid));
  mkdirSync(staging, { recursive: true });
  context.log(`Building the Temporal CLI ${TEMPORAL_CLI_VERSION} with ${go} (${goVersionText}).`);
  context.log('The first build takes several minutes (about 5 on 2 cores); later runs reuse the cached binary at');
  context.log(`  ${context.target}`);

  const started = Date.now();
  const child = spawn(go, ['install', TEMPORAL_CLI_MODULE], {
    // CGO off gives a static binary and needs no C compiler; Temporal's own releases are built so.
    env: { ...context.env, GOBIN: staging, CGO_ENABLED: context.env.CGO_ENABLED ?? '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Own group, tracked: whoever stops us (Ctrl-C handler, exit hook) also stops go and its compilers.
    detached: true,
  });
  const { exited, tail } = superviseChild(child, { tailLines: 40, onLine: (line) => context.log(`  [go] ${line}`) });
  // Compiling prints nothing for minutes; without a heartbeat it looks hung.
  const heartbeat = setInterval(() => context.log(`  … still building the Temporal CLI (${elapsed(started)} so far)`), HEARTBEAT_MS);
  try {
    const exit = await exited;
    if (exit.code !== 0) {
      throw new Error(`go install ${TEMPORAL_CLI_MODULE} failed (${describeExit(exit)})${tail.text() ? `:\n${tail.text()}` : ''}`);
    }
    const built = join(staging, 'temporal' + EXE_SUFFIX);
    if (!isExecutableFile(built)) throw new Error(`go install reported success but ${built} is missing`);
    mkdirSync(join(context.target, '..'), { recursive: true });
    renameSync(built, context.target);
    context.log(`Built the Temporal CLI in ${elapsed(started)}.`);
    return context.target;
  } finally {
    clearInterval(heartbeat);
    rmSync(buildRoot, { recursive: true, force: true });
  }
}

async function pickGo(env: NodeJS.ProcessEnv, fallbacks: readonly string[]): Promise<{ go: string; goVersionText: string }> {
  const candidates = findGoCandidates(env, fallbacks);
  if (candidates.length === 0) throw new Error(`Go was not found on PATH nor at ${FALLBACK_GO}`);
  const rejected: string[] = [];
  for (const go of candidates) {
    try {
      const goVersionText = await goVersion(go, env);
      const version = parseGoVersion(goVersionText);
      if (!version || isGoRecentEnough(version)) return { go, goVersionText };
      rejected.push(`${go} is ${goVersionText}`);
    } catch (error) {
      rejected.push((error as Error).message);
    }
  }
  throw new Error(`${rejected.join('; ')}; building ${TEMPORAL_CLI_MODULE} needs Go ≥ ${MINIMUM_GO.join('.')}`);
}

async function goVersion(go: string, env: NodeJS.ProcessEnv): Promise<string> {
  try {
    const { stdout } = await promisify(execFile)(go, ['env', 'GOVERSION'], { env, timeout: 60_000 });
    return stdout.trim();
  } catch (error) {
    throw new Error(`${go} did not run: ${(error as Error).message}`);
  }
}

function elapsed(since: number): string {
  const seconds = Math.round((Date.now() - since) / 1000);
  return seconds < 60 ? `${seconds}s` : `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`;
}
