import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, relative, resolve } from 'node:path';
import type { Actor } from '@schakel/domain';
import { DEVELOPMENT_JWT_SECRET, DevTokenSigner } from '@schakel/api';
import { findRepoRoot, killTrackedChildrenNow } from '@schakel/tools';
import { ApiClient } from './api.client';
import { BareTemporalClient } from './bare-temporal.client';
import { BenchStack } from './bench-stack.process';
import { parseBenchArgs, USAGE, type BenchCommand } from './bench.cli';
import { machineInfo } from './machine.info';
import { sleep } from './load.runner';
import { say } from './progress.bar';
import { ReportWriter, targetTable, type RunInfo } from './report.writer';
import type { Scenario, ScenarioContext, ScenarioName, ScenarioResult } from './scenario.types';
import { approveScenario } from './scenarios/approve.scenario';
import { escalationBurstScenario } from './scenarios/escalation-burst.scenario';
import { openCasesScenario } from './scenarios/open-cases.scenario';
import { readModelScenario } from './scenarios/read-model.scenario';
import { startScenario } from './scenarios/start.scenario';
import { wachtlijstScenario } from './scenarios/wachtlijst.scenario';

/**
 * `npm run bench` (issue 7): starts its own Temporal dev server, Postgres, worker and API exactly as `npm start`
 * does, runs the chosen scenarios, prints their figures and writes them to bench/results. Everything it starts
 * is stopped at the end, on an error and on Ctrl-C (a second Ctrl-C kills at once).
 */

const SCENARIOS: Record<ScenarioName, Scenario> = {
  start: startScenario,
  approve: approveScenario,
  'open-cases': openCasesScenario,
  'escalation-burst': escalationBurstScenario,
  wachtlijst: wachtlijstScenario,
  'read-model': readModelScenario,
};

let stack: BenchStack | undefined;
let interrupted = 0;

async function main(): Promise<number> {
  let command: BenchCommand;
  try {
    command = parseBenchArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (command.help) {
    say(USAGE);
    return 0;
  }
  const repoRoot = findRepoRoot(__dirname);
  const appsRoot = command.appsFrom === undefined ? repoRoot : resolve(command.appsFrom);
  for (const built of ['apps/api/dist/main.js', 'apps/worker/dist/main.js', 'apps/worker/dist/bundle-workflows.main.js', 'libs/persistence/dist/migrate.main.js']) {
    if (!existsSync(join(appsRoot, built))) throw new Error(`${join(appsRoot, built)} is missing: run npm run build first (npm run bench does)`);
  }
  const outDir = resolve(repoRoot, command.outDir ?? (command.settings.quick ? 'bench/results/quick' : command.settings.large ? 'bench/results/large' : 'bench/results'));
  if (command.settings.quick) {
    // Smoke runs never end up in a commit by accident: the folder ignores itself.
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, '.gitignore'), '*\n');
  }
  if (command.waitForLoadBelow !== undefined) await waitForQuietMachine(command.waitForLoadBelow);
  const load = loadavg()[0] ?? 0;
  say(`Schakel benchmark: ${command.scenarios.join(', ')}${command.settings.quick ? ' (quick)' : ''}${command.settings.large ? ' (large)' : ''}; 1-minute load ${load.toFixed(2)}`);
  if (load > 3) say(`  note: the machine is busy (load ${load.toFixed(2)}); figures will be lower than on a quiet machine (--wait-idle waits for a quiet one)`);

  say('Starting Temporal, Postgres, the worker and the API…');
  stack = new BenchStack({ repoRoot, appsRoot, log: say, workerCacheSize: 1000, ...(command.profile ? { profileDir: join(outDir, 'profiles') } : {}) });
  await stack.start();
  const api = new ApiClient(stack.apiUrl, Math.max(64, command.settings.concurrency * 2));
  const bare = await BareTemporalClient.connect({ address: stack.temporalAddress, namespace: stack.namespace, taskQueue: stack.taskQueue, keyring: stack.payloadKeyring });
  const signer = new DevTokenSigner({ jwtSecret: DEVELOPMENT_JWT_SECRET, tokenTtlSeconds: 8 * 3600 });
  const tokens = new Map<string, Promise<string>>();
  const context: ScenarioContext = {
    stack,
    api,
    bare,
    settings: command.settings,
    log: say,
    token: (actor: Actor) => {
      const key = JSON.stringify(actor);
      let token = tokens.get(key);
      if (token === undefined) {
        token = signer.sign(actor);
        tokens.set(key, token);
      }
      return token;
    },
  };

  const postgresVersion = ((await stack.pool?.query<{ v: string }>("SELECT current_setting('server_version') AS v"))?.rows[0]?.v ?? 'unknown').split(' ')[0] as string;
  const run: RunInfo = {
    command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
    startedAt: new Date().toISOString(),
    gitCommit: git(['rev-parse', '--short', 'HEAD'], repoRoot),
    gitDirtyFiles: git(['status', '--porcelain'], repoRoot).split('\n').filter((line) => line.trim() !== '').length,
    machine: machineInfo(stack.temporalCliPath || 'temporal', postgresVersion),
    temporal: `${stack.temporalKind}${stack.temporalCliPath ? `, ${stack.temporalCliPath}` : ''}`,
    postgres: `${postgresVersion}, ${stack.postgresKind}`,
    flags: { ...command.settings, ...(command.appsFrom === undefined ? {} : { appsFrom: appsRoot }) },
  };
  const writer = new ReportWriter(outDir);
  writer.writeRun(run);

  let failures = 0;
  try {
    for (const name of command.scenarios) {
      const scenario = SCENARIOS[name];
      say(`\n▶ ${scenario.title}  (1-minute load ${(loadavg()[0] ?? 0).toFixed(2)})`);
      const startedAt = new Date().toISOString();
      let result: ScenarioResult;
      try {
        result = { scenario: name, title: scenario.title, startedAt, finishedAt: '', ...(await scenario.run(context)) };
      } catch (error) {
        if (interrupted > 0) throw error;
        failures += 1;
        say(`  ✗ ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        continue;
      }
      result.finishedAt = new Date().toISOString();
      writer.writeScenario(result, run);
      say('');
      for (const line of targetTable(result.targets)) say(`  ${line}`);
      say(`  → ${relative(process.cwd(), join(outDir, `${name}.md`))}`);
    }
  } finally {
    run.finishedAt = new Date().toISOString();
    writer.writeRun(run);
    api.close();
    await bare.close().catch(() => undefined);
    // After Ctrl-C the signal handler is already stopping everything; its exit ends the process.
    if (interrupted === 0) {
      say('\nStopping the API, the worker, Postgres and Temporal…');
      await stack.stop(command.keepLogs ? { keepLogsIn: join(outDir, 'logs') } : {});
      say(`Done. Results in ${relative(process.cwd(), outDir) || '.'}/ (summary.md).`);
    }
  }
  return failures === 0 ? 0 : 1;
}

async function waitForQuietMachine(threshold: number): Promise<void> {
  const until = Date.now() + 15 * 60_000;
  for (;;) {
    const load = loadavg()[0] ?? 0;
    if (load < threshold) return;
    if (Date.now() > until) {
      say(`  the load stayed above ${threshold} for 15 minutes (now ${load.toFixed(2)}); measuring anyway`);
      return;
    }
    say(`  1-minute load ${load.toFixed(2)} ≥ ${threshold}: waiting a minute for a quieter machine…`);
    await sleep(60_000);
  }
}

function git(args: string[], cwd: string): string {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', timeout: 10_000 }).trim();
  } catch {
    return 'unknown';
  }
}

async function onSignal(signal: NodeJS.Signals): Promise<void> {
  interrupted += 1;
  if (interrupted > 1) {
    process.stderr.write(`\n${signal} again: killing everything now.\n`);
    killTrackedChildrenNow();
    process.exit(130);
  }
  process.stderr.write(`\n${signal}: stopping the API, the worker, Postgres and Temporal (Ctrl-C again to kill at once)…\n`);
  try {
    await stack?.stop();
  } finally {
    process.exit(130);
  }
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void onSignal(signal));
// The last line of defence for an exit nobody planned: no waiting is possible here, so kill outright.
process.on('exit', () => {
  killTrackedChildrenNow();
  stack?.discardWorkDirNow();
});

main().then(
  (code) => process.exit(code),
  async (error: unknown) => {
    // Interrupted: a scenario that fails because its servers are going away is no news; the handler exits.
    if (interrupted > 0) return;
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    await stack?.stop().catch(() => undefined);
    process.exit(1);
  },
);
