import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { REFERRAL_SEARCH_ATTRIBUTES } from '@schakel/workflows/contracts';
import { superviseChild } from './supervised-child';
import { freePort } from './free-port';
import { type ExitInfo, describeExit } from './process-exit';
import { killGroupNow, stopProcessGroup } from './process-group.stopper';
import { reapStaleProcess, removePidFile, writePidFile } from './stale-process.reaper';
import { waitForTemporal } from './temporal.probe';

/** Measured in DESIGN.md: WAL + synchronous=normal gives ~2.5× the starts/s of SQLite's defaults and survives process crashes. */
export const WAL_PRAGMAS: readonly string[] = ['journal_mode=wal', 'synchronous=normal'];
export const DEFAULT_TEMPORAL_PORT = 7233;
export const DEFAULT_TEMPORAL_UI_PORT = 8233;

export interface TemporalDevServerOptions {
  cliPath: string;
  ip?: string;
  /** Default: 7233 if preferDefaultPorts and it is free, else any free port. */
  port?: number;
  /** Ignored when headless. Default: 8233 if preferDefaultPorts and free, else any free port. */
  uiPort?: number;
  headless?: boolean;
  preferDefaultPorts?: boolean;
  namespace?: string;
  /** SQLite file for state that survives restarts; omitted = in memory. */
  dbFile?: string;
  /** Only used with dbFile. Default WAL_PRAGMAS. */
  sqlitePragmas?: readonly string[];
  extraArgs?: readonly string[];
  startTimeoutMs?: number;
  /** Every output line; the last ones are also kept for error messages. */
  onOutput?: (line: string) => void;
  /** Lets the next start stop a server orphaned by a launcher that was SIGKILLed. */
  pidFile?: string;
  log?: (line: string) => void;
}

export interface TemporalDevServer {
  /** host:port of the gRPC frontend, as TEMPORAL_ADDRESS wants it. */
  address: string;
  namespace: string;
  port: number;
  uiUrl?: string;
  pid: number;
  args: readonly string[];
  exited: Promise<ExitInfo>;
  outputTail(): string;
  /** SIGTERM, SIGKILL to the group after 10 s; resolves once it has exited. */
  stop(): Promise<void>;
  /** Synchronous last resort for process 'exit' handlers. */
  kill(): void;
}

export function temporalDevServerArgs(options: {
  ip: string;
  port: number;
  uiPort?: number;
  namespace: string;
  dbFile?: string;
  sqlitePragmas?: readonly string[];
  extraArgs?: readonly string[];
}): string[] {
  const args = ['server', 'start-dev', '--ip', options.ip, '--port', String(options.port)];
  if (options.uiPort === undefined) args.push('--headless');
  else args.push('--ui-port', String(options.uiPort));
  // "default" always exists; naming it anyway keeps the intent readable in `ps`.
  args.push('--namespace', 'default');
  if (options.namespace !== 'default') args.push('--namespace', options.namespace);
  // The workflows' search attributes exist in every namespace the dev server creates; an external
  // cluster registers them once with `temporal operator search-attribute create` (README).
  for (const [name, type] of Object.entries(REFERRAL_SEARCH_ATTRIBUTES)) args.push('--search-attribute', `${name}=${type}`);
  if (options.dbFile) {
    args.push('--db-filename', options.dbFile);
    for (const pragma of options.sqlitePragmas ?? WAL_PRAGMAS) args.push('--sqlite-pragma', pragma);
  }
  args.push(...(options.extraArgs ?? []));
  return args;
}

export async function startTemporalDevServer(options: TemporalDevServerOptions): Promise<TemporalDevServer> {
  const ip = options.ip ?? '127.0.0.1';
  const namespace = options.namespace ?? 'default';
  const prefer = options.preferDefaultPorts === true;
  if (options.dbFile) {
    mkdirSync(dirname(options.dbFile), { recursive: true });
    // Before choosing ports: an orphan from an earlier run still holds 7233/8233.
    if (options.pidFile) await reapStaleProcess(options.pidFile, ['start-dev', options.dbFile], { log: options.log });
  }
  const port = options.port ?? (await freePort({ host: ip, preferred: prefer ? [DEFAULT_TEMPORAL_PORT] : [] }));
  const uiPort = options.headless
    ? undefined
    : (options.uiPort ?? (await freePort({ host: ip, preferred: prefer ? [DEFAULT_TEMPORAL_UI_PORT] : [], exclude: [port] })));

  const args = temporalDevServerArgs({ ip, port, uiPort, namespace, dbFile: options.dbFile, sqlitePragmas: options.sqlitePragmas, extraArgs: options.extraArgs });
  // Own process group: Ctrl-C in the terminal reaches only the launcher, which stops things in order.
  const child = spawn(options.cliPath, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const supervised = superviseChild(child, { onLine: options.onOutput });
  const { exited, tail } = supervised;
  void exited.then(() => {
    if (options.pidFile) removePidFile(options.pidFile);
  });
  if (child.pid !== undefined && options.pidFile) writePidFile(options.pidFile, child.pid);

  const address = `${ip.includes(':') ? `[${ip}]` : ip}:${port}`;
  const startTimeoutMs = options.startTimeoutMs ?? 60_000;
  try {
    await waitForTemporal(address, namespace, {
      timeoutMs: startTimeoutMs,
      abortReason: () => {
        const exit = supervised.exit();
        return exit ? `the dev server exited (${describeExit(exit)})` : undefined;
      },
    });
  } catch (error) {
    await stopProcessGroup(child, exited, { signal: 'SIGKILL', graceMs: 5_000 });
    const output = tail.text();
    throw new Error(
      `The Temporal dev server did not start: ${(error as Error).message}\n` +
        `  command: ${options.cliPath} ${args.join(' ')}` +
        (output ? `\n  its output:\n${indent(output)}` : '\n  (it printed nothing)'),
    );
  }

  return {
    address,
    namespace,
    port,
    uiUrl: uiPort === undefined ? undefined : `http://${ip.includes(':') ? `[${ip}]` : ip}:${uiPort}`,
    pid: child.pid ?? -1,
    args,
    exited,
    outputTail: () => tail.text(),
    stop: async () => {
      await stopProcessGroup(child, exited, { signal: 'SIGTERM', graceMs: 10_000 });
    },
    kill: () => killGroupNow(child),
  };
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}
