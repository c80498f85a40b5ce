import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { optionalTsToMs } from '@temporalio/common/lib/time';
import { temporal } from '@temporalio/proto';
import type { Actor, ReferralEvent } from '@schakel/domain';
import { referralEventsQuery, referralStateQuery, referralWorkflowId } from '@schakel/workflows/contracts';
import { trackChild } from '../../../tools/src/child.registry';
import { type EmbeddedPostgres, startEmbeddedPostgres } from '../../../tools/src/embedded-postgres.process';
import { killChildrenOnExit } from '../../../tools/src/exit-cleanup';
import { httpStatus } from '../../../tools/src/http-health.probe';
import { OutputTail, forEachLine } from '../../../tools/src/output-lines';
import { type ExitInfo, describeExit, exitOf, within } from '../../../tools/src/process-exit';
import { killGroupNow, signalProcess } from '../../../tools/src/process-group.stopper';
import { locateTemporalCli } from '../../../tools/src/temporal-cli.locator';
import { type TemporalDevServer, startTemporalDevServer } from '../../../tools/src/temporal-dev-server.process';
import { ensureSearchAttributes } from '../../../tools/src/temporal-search-attributes';
import { eventually, type ApiTestStack, type ReferralStateBody } from './api-e2e.test-helper';

/**
 * Helpers of the fault tests (issue 6 §1): the built worker and API as separate processes that a test
 * can SIGKILL, a private Temporal dev server that a test can crash and restart, and the checks that a
 * read model holds every case exactly once.
 */

const WORKER_MAIN = join(__dirname, '../../worker/dist/main.js');
const API_MAIN = join(__dirname, '../dist/main.js');

export interface TemporalTarget {
  address: string;
  namespace: string;
  taskQueue: string;
}

/** A built app (`dist/main.js`) in its own process group, as `npm start` runs it; its output kept for failures. */
class BuiltProcess {
  private readonly tail = new OutputTail(80);
  readonly exited: Promise<ExitInfo>;
  private exit: ExitInfo | undefined;
  readonly spawnedAt = Date.now();
  readonly pid: number;
  private readonly kill: () => void;

  protected constructor(
    readonly name: string,
    script: string,
    env: NodeJS.ProcessEnv,
  ) {
    killChildrenOnExit();
    const child = spawn(process.execPath, [script], { env: { PATH: process.env['PATH'], ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    trackChild(child);
    this.exited = exitOf(child);
    void this.exited.then((exit) => (this.exit = exit));
    forEachLine(child.stdout, (line) => this.tail.push(line));
    forEachLine(child.stderr, (line) => this.tail.push(line));
    this.pid = child.pid ?? -1;
    this.kill = () => killGroupNow(child);
  }

  get running(): boolean {
    return this.exit === undefined;
  }

  output(): string {
    return this.tail.text();
  }

  /** Why it is not running, for a readiness wait to fail at once. */
  protected failure(): string | undefined {
    return this.exit === undefined ? undefined : `${this.name} exited (${describeExit(this.exit)}):\n${this.output()}`;
  }

  /** SIGKILL: no shutdown hook runs, in-flight work is lost (a crash, an OOM kill, a pulled plug). */
  async crash(): Promise<void> {
    this.kill();
    await this.exited;
  }

  /** SIGTERM, then SIGKILL after `graceMs`. */
  async stop(graceMs = 15_000): Promise<void> {
    if (!this.running) return;
    signalProcess(this.pid, 'SIGTERM');
    if ((await within(this.exited, graceMs)) === undefined) await this.crash();
  }
}

/** The built worker (`apps/worker/dist/main.js`) against a stack's database and task queue. */
export class WorkerProcess extends BuiltProcess {
  private constructor(env: NodeJS.ProcessEnv) {
    super('worker', WORKER_MAIN, env);
  }

  /** Resolves once this process polls the task queue for workflow and activity tasks. */
  static async start(settings: { databaseUrl: string; temporal: TemporalTarget; env?: NodeJS.ProcessEnv }): Promise<WorkerProcess> {
    const bundle = process.env['SCHAKEL_TEST_WORKFLOW_BUNDLE'];
    const worker = new WorkerProcess({
      DATABASE_URL: settings.databaseUrl,
      TEMPORAL_ADDRESS: settings.temporal.address,
      TEMPORAL_NAMESPACE: settings.temporal.namespace,
      TEMPORAL_TASK_QUEUE: settings.temporal.taskQueue,
      SCHAKEL_ENV: 'test',
      // No ops server unless a test asks for one on a port of its own: workers of parallel runs would
      // otherwise all bind the default 9464 (issue 6 §4).
      WORKER_OPS_PORT: '0',
      ...(bundle === undefined ? {} : { WORKFLOW_BUNDLE_PATH: bundle }),
      ...settings.env,
    });
    try {
      await waitForPollers(settings.temporal, worker.spawnedAt, () => worker.failure());
    } catch (error) {
      await worker.crash();
      throw error;
    }
    return worker;
  }

  static forStack(stack: ApiTestStack, env?: NodeJS.ProcessEnv): Promise<WorkerProcess> {
    return WorkerProcess.start({ databaseUrl: stack.database.url, temporal: stack.config.temporal, ...(env === undefined ? {} : { env }) });
  }
}

/**
 * Waits until a poller that started after `since` is listed for both kinds of task on the queue. The
 * server keeps listing a dead worker's pollers for minutes, so "any poller" (as /api/health counts)
 * would not tell whether the new process is there.
 */
async function waitForPollers(target: TemporalTarget, since: number, failure: () => string | undefined, timeoutMs = 60_000): Promise<void> {
  const connection = await Connection.connect({ address: target.address });
  try {
    const { TASK_QUEUE_TYPE_WORKFLOW, TASK_QUEUE_TYPE_ACTIVITY } = temporal.api.enums.v1.TaskQueueType;
    const polling = async (taskQueueType: temporal.api.enums.v1.TaskQueueType): Promise<boolean> => {
      const { pollers } = await connection.workflowService.describeTaskQueue({ namespace: target.namespace, taskQueue: { name: target.taskQueue }, taskQueueType });
      // Server and test share the machine's clock; a second of slack for the rounding of lastAccessTime.
      return (pollers ?? []).some((poller) => (optionalTsToMs(poller.lastAccessTime) ?? 0) >= since - 1_000);
    };
    await eventually(
      async () => failure() ?? ((await polling(TASK_QUEUE_TYPE_WORKFLOW)) && (await polling(TASK_QUEUE_TYPE_ACTIVITY))),
      (state) => state === true || typeof state === 'string',
      timeoutMs,
      'the new worker polling its task queue',
    ).then((state) => {
      if (typeof state === 'string') throw new Error(state);
    });
  } finally {
    await connection.close();
  }
}

/** The built API (`apps/api/dist/main.js`) on `port`, configured through its environment as in production. */
export class ApiProcess extends BuiltProcess {
  private constructor(
    readonly port: number,
    env: NodeJS.ProcessEnv,
  ) {
    super('api', API_MAIN, env);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Resolves once the API answers HTTP (any status: health may report the worker down). */
  static async start(settings: { port: number; databaseUrl: string; temporal: TemporalTarget; env?: NodeJS.ProcessEnv }): Promise<ApiProcess> {
    const api = new ApiProcess(settings.port, {
      PORT: String(settings.port),
      DATABASE_URL: settings.databaseUrl,
      TEMPORAL_ADDRESS: settings.temporal.address,
      TEMPORAL_NAMESPACE: settings.temporal.namespace,
      TEMPORAL_TASK_QUEUE: settings.temporal.taskQueue,
      SCHAKEL_ENV: 'test',
      ...settings.env,
    });
    try {
      await eventually(
        async () => api.failure() ?? (await httpStatus(`${api.url}/api/health`, 2_000).catch(() => 0)),
        (state) => typeof state === 'string' || state > 0,
        60_000,
        'the API answering HTTP',
      ).then((state) => {
        if (typeof state === 'string') throw new Error(state);
      });
    } catch (error) {
      await api.crash();
      throw error;
    }
    return api;
  }
}

/**
 * A Temporal dev server of the test's own, persisted in `dbFile` (WAL, as `npm start` runs it), so the
 * test can crash and restart it without touching the run's shared server. On a restart pass the port it
 * had: the API's and the worker's connections reconnect to the same address. The search attributes are
 * made sure of on every start, as the launcher does (the --search-attribute flags act on a new file only).
 */
export async function startPrivateTemporal(dbFile: string, port?: number): Promise<TemporalDevServer> {
  killChildrenOnExit();
  const cli = await locateTemporalCli({ log: () => undefined });
  const server = await startTemporalDevServer({ cliPath: cli.path, headless: true, dbFile, ...(port === undefined ? {} : { port }) });
  await ensureSearchAttributes(server.address, server.namespace);
  return server;
}

/**
 * A step as a careful client sends it: with an Idempotency-Key, and retried with the same key while the
 * API answers 503 (it could not confirm the step in time, e.g. while no worker runs or the read model is
 * down). Bounded: at most `attempts` tries.
 */
export async function stepWithRetry(stack: ApiTestStack, path: string, actor: Actor, referralId: string, body: unknown, attempts = 5): Promise<ReferralStateBody> {
  const key = `${path}-${referralId}`;
  for (let attempt = 1; ; attempt += 1) {
    const response = await stack.as(actor).post<ReferralStateBody>(`/api/referrals/${referralId}/${path}`, body, { 'Idempotency-Key': key });
    if (response.status === 200) return response.body;
    if (response.status !== 503 || attempt === attempts) throw new Error(`${path} answered ${response.status}: ${JSON.stringify(response.body)}`);
  }
}

/** A Temporal client with the stack's payload codec, for the test's own look at the workflows. */
export async function temporalClientFor(stack: ApiTestStack): Promise<{ client: Client; close: () => Promise<void> }> {
  const connection = await Connection.connect({ address: stack.config.temporal.address });
  const client = new Client({ connection, namespace: stack.config.temporal.namespace, dataConverter: stack.dataConverter });
  return { client, close: () => connection.close() };
}

export interface WorkflowTimer {
  timerId: string;
  /** The timer's duration as the workflow asked for it. */
  ms: number;
  state: 'pending' | 'fired' | 'canceled';
}

/** A referral workflow's durable timers from its history: the server fires them with or without a worker. */
export async function timersOf(client: Client, referralId: string): Promise<WorkflowTimer[]> {
  const { EventType } = temporal.api.enums.v1;
  const history = await client.workflow.getHandle(referralWorkflowId(referralId)).fetchHistory();
  const timers = new Map<string, WorkflowTimer>();
  for (const event of history.events ?? []) {
    if (event.eventType === EventType.EVENT_TYPE_TIMER_STARTED) {
      const started = event.timerStartedEventAttributes;
      timers.set(started?.timerId ?? '', { timerId: started?.timerId ?? '', ms: optionalTsToMs(started?.startToFireTimeout) ?? 0, state: 'pending' });
    }
    const ended = event.eventType === EventType.EVENT_TYPE_TIMER_FIRED ? event.timerFiredEventAttributes : event.eventType === EventType.EVENT_TYPE_TIMER_CANCELED ? event.timerCanceledEventAttributes : undefined;
    const timer = ended?.timerId === undefined || ended.timerId === null ? undefined : timers.get(ended.timerId);
    if (timer !== undefined) timer.state = event.eventType === EventType.EVENT_TYPE_TIMER_FIRED ? 'fired' : 'canceled';
  }
  return [...timers.values()];
}

/**
 * The activities of a workflow that completed on a later attempt than the first: the history records
 * only the attempt that finished, so a retry after a lost worker or a failed write shows here.
 */
export async function retriedActivities(client: Client, referralId: string): Promise<string[]> {
  const { EventType } = temporal.api.enums.v1;
  const history = await client.workflow.getHandle(referralWorkflowId(referralId)).fetchHistory();
  const scheduled = new Map<string, string>();
  const retried: string[] = [];
  for (const event of history.events ?? []) {
    if (event.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED) {
      scheduled.set(String(event.eventId), event.activityTaskScheduledEventAttributes?.activityType?.name ?? '');
    }
    const started = event.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED ? event.activityTaskStartedEventAttributes : undefined;
    if (started && (started.attempt ?? 1) > 1) retried.push(scheduled.get(String(started.scheduledEventId)) ?? '?');
  }
  return retried;
}

/**
 * An embedded Postgres of the test's own in a fresh temporary directory, so the test can stop it, restart
 * it on the same data and port, or change its server settings without touching the run's shared cluster.
 */
export async function startPrivatePostgres(): Promise<{ postgres: EmbeddedPostgres; restart: () => Promise<EmbeddedPostgres>; remove: () => Promise<void> }> {
  killChildrenOnExit();
  const directory = mkdtempSync(join(tmpdir(), 'schakel-fault-pg-'));
  // mkdtemp gives 0700; postgres, running as its own user when we are root, must get through.
  chmodSync(directory, 0o755);
  const settings = { dataDir: join(directory, 'postgres'), password: randomBytes(12).toString('hex') };
  let postgres = await startEmbeddedPostgres(settings);
  return {
    postgres,
    restart: async () => {
      postgres = await startEmbeddedPostgres({ ...settings, port: postgres.port });
      return postgres;
    },
    remove: async () => {
      await postgres.stop();
      rmSync(directory, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}

/** The kinds of notification the referral workflow sends for its deadlines, one per recipient. */
const DEADLINE_NOTICE_EVENTS = new Set(['deadline.reminder', 'deadline.escalated']);

/**
 * Asserts that the read model holds each case exactly as its workflow does, nothing missing and nothing
 * twice: the referral row at the workflow's version and stage; one timeline row and one audit entry per
 * workflow event (same seq, type and stage); and one notification per recipient of each reminder and
 * escalation on the timeline — a notice recorded twice under two ids would show as one too many.
 */
export async function expectReadModelMatchesWorkflows(stack: ApiTestStack, client: Client, referralIds: readonly string[]): Promise<void> {
  for (const referralId of referralIds) {
    const handle = client.workflow.getHandle(referralWorkflowId(referralId));
    const [state, events] = await Promise.all([handle.query(referralStateQuery), handle.query(referralEventsQuery)]);
    const rows = await stack.readModel.query<Array<{ stage: string; version: number }>>('SELECT stage, version FROM referral WHERE id = $1', [referralId]);
    expect({ referralId, rows }).toEqual({ referralId, rows: [{ stage: state.stage, version: state.version }] });

    const timeline = await stack.readModel.query<Array<{ seq: number; type: string; stage: string }>>(
      'SELECT seq, type, stage FROM case_event WHERE referral_id = $1 ORDER BY seq, id',
      [referralId],
    );
    expect({ referralId, timeline }).toEqual({ referralId, timeline: events.map(({ seq, type, stage }: ReferralEvent) => ({ seq, type, stage })) });

    const audited = await stack.readModel.query<Array<{ event_seq: number }>>(
      'SELECT event_seq FROM audit_log WHERE referral_id = $1 AND event_seq IS NOT NULL ORDER BY event_seq',
      [referralId],
    );
    expect({ referralId, audited: audited.map((row) => Number(row.event_seq)) }).toEqual({ referralId, audited: events.map((event) => event.seq) });

    const notified = events.filter((event) => DEADLINE_NOTICE_EVENTS.has(event.type)).reduce((sum, event) => sum + ((event.data['notified'] as unknown[] | undefined)?.length ?? 0), 0);
    const [notifications] = await stack.readModel.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM notification WHERE referral_id = $1 AND kind IN ('reminder', 'escalation')`,
      [referralId],
    );
    expect({ referralId, notifications: notifications?.n }).toEqual({ referralId, notifications: notified });
  }
}
