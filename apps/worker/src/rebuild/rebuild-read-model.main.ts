import 'reflect-metadata';
import { Client, Connection, ScheduleNotFoundError } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { retentionPolicySchema, type RetentionPolicy } from '@schakel/domain';
import { createReadModelDataSource, ReferralProjectionWriter, RetentionSweeper, WachtlijstProjectionWriter } from '@schakel/persistence';
import { encryptingDataConverter } from '@schakel/payload-crypto';
import { retentionScheduleId } from '@schakel/workflows/contracts';
import { parseWorkerConfig, type WorkerConfig } from '../config/worker.config';
import { ReadModelRebuilder, type RebuildReport } from './read-model.rebuilder';

/**
 * `npm run rebuild-read-model [-- --concurrency=<n>]`: re-projects every referral of the worker's task queue,
 * open and closed, and every running wachtlijst, from its workflow into the read model (issue 6 §2, ADR 0012). The worker's own environment
 * (DATABASE_URL, TEMPORAL_*, PAYLOAD_KEYS): it reads what the worker wrote. Safe while the service runs. Exit
 * 0 when every case was rebuilt, 1 when one failed (listed by workflow id) or the set-up was wrong, 2 for bad
 * arguments.
 */
const USAGE = 'usage: npm run rebuild-read-model [-- --concurrency=<1-32>]';
const POLLER_SEEN_MS = 70_000;

const say = (line: string): void => void process.stdout.write(`[rebuild-read-model] ${line}\n`);

function parseConcurrency(argv: readonly string[]): number | undefined {
  let concurrency = 4;
  for (const arg of argv) {
    const match = /^--concurrency=(\d+)$/.exec(arg);
    if (match === null) return undefined;
    concurrency = Number(match[1]);
  }
  return concurrency >= 1 && concurrency <= 32 ? concurrency : undefined;
}

/** A Query of a closed case is answered by a worker replaying it: without one polling, every case would time out. */
async function requireWorker(client: Client, config: WorkerConfig): Promise<void> {
  const response = await client.workflowService.describeTaskQueue({
    namespace: config.temporal.namespace,
    taskQueue: { name: config.temporal.taskQueue, kind: temporal.api.enums.v1.TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
    taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
  });
  const seenSince = Date.now() - POLLER_SEEN_MS;
  const live = (response.pollers ?? []).filter((poller) => Number(poller.lastAccessTime?.seconds ?? 0) * 1000 >= seenSince);
  if (live.length === 0) throw new Error(`no worker polls task queue ${config.temporal.taskQueue}: start the worker (of this release) first; it answers the cases' Queries`);
}

/**
 * The bewaartermijnen the retention Schedule sweeps with (the API keeps it in line with the policy file), so a
 * rebuild brings back no case the sweep already removed or anonymised.
 */
async function scheduledRetention(client: Client, taskQueue: string): Promise<RetentionPolicy | undefined> {
  try {
    const description = await client.schedule.getHandle(retentionScheduleId(taskQueue)).describe();
    const input = description.action.args?.[0] as { retention?: unknown } | undefined;
    return retentionPolicySchema.parse(input?.retention);
  } catch (error) {
    if (error instanceof ScheduleNotFoundError) return undefined;
    throw error;
  }
}

function describe(report: RebuildReport): string {
  return (
    `${report.listed} case(s) listed, ${report.projected} projected: ${report.rowsWritten} row(s) written, ${report.eventsWritten} timeline entr${report.eventsWritten === 1 ? 'y' : 'ies'} restored, ` +
    `${report.auditEntriesWritten} audit entr${report.auditEntriesWritten === 1 ? 'y' : 'ies'} added; ${report.skippedRemovedByRetention} past their bewaartermijn left out, ` +
    `${report.anonymisedByRetention} anonymised again, ${report.skippedNeverOpened} never opened; ${report.wachtlijstenListed} wachtlijst(en) listed, ` +
    `${report.wachtlijstRowsWritten} wachtlijst row(s) written; ${report.failed.length} failed; ${(report.durationMs / 1000).toFixed(1)} s`
  );
}

async function main(): Promise<number> {
  const concurrency = parseConcurrency(process.argv.slice(2));
  if (concurrency === undefined) {
    console.error(USAGE);
    return 2;
  }
  const parsed = parseWorkerConfig(process.env);
  if (!parsed.ok) {
    console.error(`rebuild-read-model: invalid configuration\n${parsed.problems.map((problem) => `  - ${problem}`).join('\n')}`);
    return 1;
  }
  const { config } = parsed;
  const { address, tls, apiKey, metadata } = config.temporal;
  const connection = await Connection.connect({ address, tls, apiKey, metadata });
  const dataSource = createReadModelDataSource({ url: config.database.url, applicationName: 'schakel-rebuild-read-model', poolSize: concurrency + 1 });
  try {
    const client = new Client({ connection, namespace: config.temporal.namespace, dataConverter: encryptingDataConverter(config.payloadEncryption.keyring) });
    await requireWorker(client, config);
    const retention = await scheduledRetention(client, config.temporal.taskQueue);
    say(
      retention === undefined
        ? `no retention schedule for ${config.temporal.taskQueue}: every case Temporal holds is projected`
        : `retention from the schedule: ${retention.action} (onderwijs ${retention.closedCases.onderwijs.amount} ${retention.closedCases.onderwijs.unit})`,
    );
    await dataSource.initialize();
    say(`rebuilding the read model of task queue ${config.temporal.taskQueue} (namespace ${config.temporal.namespace}), ${concurrency} at a time`);
    const report = await new ReadModelRebuilder(client, new ReferralProjectionWriter(dataSource), new RetentionSweeper(dataSource), new WachtlijstProjectionWriter(dataSource)).rebuild({
      taskQueue: config.temporal.taskQueue,
      ...(retention === undefined ? {} : { retention }),
      concurrency,
      onProgress: ({ expected, done, failed }) => say(`${done}/${expected} case(s)${failed > 0 ? `, ${failed} failed` : ''}`),
    });
    say(describe(report));
    for (const failure of report.failed) say(`failed: ${failure.workflowId}: ${failure.error}`);
    // One machine-readable line for scripts (and the end-to-end test).
    process.stdout.write(`${JSON.stringify({ rebuildReport: report })}\n`);
    return report.failed.length === 0 ? 0 : 1;
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await connection.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`rebuild-read-model failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
    process.exit(1);
  },
);
