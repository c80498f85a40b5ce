import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { killTrackedChildrenNow } from './child.registry';
import { startEmbeddedPostgres } from './embedded-postgres.process';
import { isPortFree } from './free-port';
import { waitForHttpOk } from './http-health.probe';
import { startNodeApp } from './node-app.process';
import { prefixed } from './output-lines';
import { type ExitInfo, describeExit } from './process-exit';
import { findRepoRoot } from './repo-root';
import { type PostgresSummary, type TemporalSummary, formatBanner } from './start.banner';
import { type StartConfig, readStartConfig } from './start.config';
import { reapStaleProcess } from './stale-process.reaper';
import { locateTemporalCli } from './temporal-cli.locator';
import { startTemporalDevServer } from './temporal-dev-server.process';
import { ensureSearchAttributes } from './temporal-search-attributes';
import { waitForTemporal } from './temporal.probe';

/**
 * `npm start`: Temporal and Postgres (ours or the ones named in the environment), migrations,
 * then the worker and the api, until Ctrl-C. Everything it starts, it stops, in reverse order.
 */

interface Part {
  name: string;
  exited: Promise<ExitInfo>;
  stop(): Promise<unknown>;
}

const HEALTH_TIMEOUT_MS = 120_000;
const EMBEDDED_POSTGRES_PORT = 54_329;

/** Started and not yet stopped, in start order; stopped in reverse. */
const parts: Part[] = [];
let stopping = false;

const say = (line: string): void => void process.stdout.write(`[schakel] ${line}\n`);
/** Servers' own output; dropped once we are stopping them, when it is only shutdown chatter. */
const serverOutput = (prefix: string): ((line: string) => void) =>
  prefixed(prefix, (text) => {
    if (!stopping) process.stdout.write(text);
  });
const shout = (line: string): void => void process.stderr.write(`[schakel] ${line}\n`);

class StopRequested extends Error {}

function checkNotStopping(): void {
  if (stopping) throw new StopRequested();
}

function keep(part: Part): void {
  parts.push(part);
  void part.exited.then((exit) => {
    if (!stopping) void fail(`The ${part.name} exited unexpectedly (${describeExit(exit)}); stopping everything.`);
  });
}

async function stopAll(): Promise<void> {
  for (const part of parts.splice(0).reverse()) {
    say(`Stopping the ${part.name}…`);
    try {
      await part.stop();
    } catch (error) {
      shout(`Could not stop the ${part.name} cleanly: ${(error as Error).message}`);
    }
  }
  // Whatever was still starting when we were asked to stop.
  killTrackedChildrenNow();
}

async function fail(message: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  shout(`ERROR: ${message}`);
  await stopAll();
  process.exit(1);
}

let signalCount = 0;
async function onSignal(signal: NodeJS.Signals): Promise<void> {
  signalCount += 1;
  if (signalCount > 1) {
    shout(`${signal} again: killing everything now.`);
    killTrackedChildrenNow();
    process.exit(130);
  }
  if (stopping) return;
  stopping = true;
  say(`${signal} received; stopping (press Ctrl-C again to kill at once)…`);
  await stopAll();
  say('Stopped; nothing left running.');
  process.exit(0);
}

async function startTemporal(config: StartConfig): Promise<TemporalSummary> {
  if (config.temporalAddress) {
    const address = config.temporalAddress;
    say(`Using Temporal at ${address} (TEMPORAL_ADDRESS).`);
    try {
      await waitForTemporal(address, config.namespace, { timeoutMs: 15_000 });
    } catch (error) {
      throw new Error(
        `TEMPORAL_ADDRESS=${address} does not answer as a Temporal frontend with namespace "${config.namespace}": ` +
          `${(error as Error).message}\n  Start that server, fix the address, or unset TEMPORAL_ADDRESS to let npm start run its own dev server.`,
      );
    }
    return { kind: 'external', address };
  }
  const cli = await locateTemporalCli({ repoRoot: config.repoRoot, log: say });
  checkNotStopping();
  say(`Starting the Temporal dev server (${cli.path}, found via ${cli.source})…`);
  const server = await startTemporalDevServer({
    cliPath: cli.path,
    preferDefaultPorts: true,
    namespace: config.namespace,
    dbFile: config.paths.temporalDb,
    pidFile: join(config.paths.runDir, 'temporal.pid'),
    onOutput: serverOutput('[temporal]'),
    log: say,
  });
  keep({ name: 'Temporal dev server', exited: server.exited, stop: () => server.stop() });
  return { kind: 'dev-server', address: server.address, uiUrl: server.uiUrl, dbFile: relative(config.repoRoot, config.paths.temporalDb) };
}

async function startPostgres(config: StartConfig): Promise<PostgresSummary & { url: string }> {
  if (config.databaseUrl) {
    say('Using the Postgres in DATABASE_URL.');
    return { kind: 'external', url: config.databaseUrl };
  }
  say(`Starting embedded Postgres (data in ${relative(config.repoRoot, config.paths.postgresData)})…`);
  const postgres = await startEmbeddedPostgres({
    dataDir: config.paths.postgresData,
    preferredPorts: [EMBEDDED_POSTGRES_PORT],
    onOutput: serverOutput('[postgres]'),
    log: say,
  });
  keep({ name: 'embedded Postgres', exited: postgres.exited, stop: () => postgres.stop() });
  return { kind: 'embedded', port: postgres.port, url: postgres.url, dataDir: relative(config.repoRoot, postgres.dataDir) };
}

/**
 * An empty provider catalogue gets the fictitious demo one (issue 11 §1), without asking: `npm start` also runs
 * unattended. The seed prints a line saying what it did; a catalogue with any aanbod is left alone, and so is
 * production, whose catalogue is the regions' own. A failed load is reported, and the service starts without it.
 */
async function loadDemoCatalogue(config: StartConfig, env: NodeJS.ProcessEnv): Promise<void> {
  if (config.schakelEnv === 'production') {
    say('SCHAKEL_ENV=production: the demo provider catalogue is not loaded.');
    return;
  }
  const seed = startNodeApp({ name: 'seed', script: config.paths.seedDemo, args: ['--if-empty'], env, cwd: config.repoRoot });
  const part: Part = { name: 'demo data load', exited: seed.exited, stop: () => seed.stop() };
  parts.push(part);
  const loaded = await seed.exited;
  parts.splice(parts.indexOf(part), 1);
  checkNotStopping();
  if (loaded.code !== 0) shout(`Loading the demo provider catalogue failed (${describeExit(loaded)}); see the [seed] lines above. Starting without it.`);
}

function requireBuilt(path: string, config: StartConfig): void {
  if (!existsSync(path)) {
    throw new Error(`${relative(config.repoRoot, path)} does not exist. Did \`npm run build\` succeed?`);
  }
}

async function main(): Promise<void> {
  const repoRoot = findRepoRoot(__dirname);
  const config = readStartConfig(process.env, repoRoot);
  for (const path of [config.paths.migrate, config.paths.seedDemo, config.paths.worker, config.paths.api]) requireBuilt(path, config);

  // A launcher that was SIGKILLed leaves its api and worker behind; they would hold PORT.
  const pidFileOf = (name: string): string => join(config.paths.runDir, `${name}.pid`);
  await reapStaleProcess(pidFileOf('api'), [config.paths.api], { log: say });
  await reapStaleProcess(pidFileOf('worker'), [config.paths.worker], { log: say });
  if (!(await isPortFree(config.apiPort))) {
    throw new Error(`PORT ${config.apiPort} is already in use. Stop whatever uses it, or run with PORT=<another port> npm start.`);
  }

  const temporal = await startTemporal(config);
  checkNotStopping();
  const added = await ensureSearchAttributes(temporal.address, config.namespace);
  if (added.length > 0) say(`Registered search attributes ${added.join(', ')} in namespace ${config.namespace}.`);
  const postgres = await startPostgres(config);
  checkNotStopping();

  const appEnv: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: postgres.url,
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_NAMESPACE: config.namespace,
    PORT: String(config.apiPort),
    SCHAKEL_ENV: config.schakelEnv,
    // No load balancer in front of a local run to wait for: Ctrl-C stops the API at once (ADR 0010).
    API_SHUTDOWN_DELAY: process.env['API_SHUTDOWN_DELAY'] ?? '0s',
  };

  say('Running migrations…');
  const migrate = startNodeApp({ name: 'migrate', script: config.paths.migrate, env: appEnv, cwd: repoRoot });
  const migrationPart: Part = { name: 'migrations', exited: migrate.exited, stop: () => migrate.stop() };
  parts.push(migrationPart);
  const migrated = await migrate.exited;
  parts.splice(parts.indexOf(migrationPart), 1);
  checkNotStopping();
  if (migrated.code !== 0) throw new Error(`Migrations failed (${describeExit(migrated)}); see the [migrate] lines above.`);
  await loadDemoCatalogue(config, appEnv);

  say('Starting the worker and the api…');
  const worker = startNodeApp({ name: 'worker', script: config.paths.worker, env: appEnv, cwd: repoRoot, pidFile: pidFileOf('worker') });
  keep({ name: 'worker', exited: worker.exited, stop: () => worker.stop() });
  const api = startNodeApp({ name: 'api', script: config.paths.api, env: appEnv, cwd: repoRoot, pidFile: pidFileOf('api') });
  keep({ name: 'api', exited: api.exited, stop: () => api.stop() });

  await waitForHttpOk(`http://127.0.0.1:${config.apiPort}/api/health`, {
    timeoutMs: HEALTH_TIMEOUT_MS,
    abortReason: () => (stopping ? 'stopping' : undefined),
  });
  checkNotStopping();
  process.stdout.write(`\n${formatBanner({ apiPort: config.apiPort, namespace: config.namespace, schakelEnv: config.schakelEnv, temporal, postgres })}\n\n`);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => void onSignal(signal));
}
// Last line of defence for exits we did not plan (an exception inside a handler, process.exit
// elsewhere): no waiting is possible here, so whatever still runs is killed outright.
process.on('exit', () => killTrackedChildrenNow());
process.on('uncaughtException', (error) => void fail(`Launcher error: ${error.stack ?? error.message}`));
process.on('unhandledRejection', (reason) => void fail(`Launcher error: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`));

main().catch((error: unknown) => {
  if (error instanceof StopRequested) return;
  void fail(error instanceof Error ? error.message : String(error));
});
