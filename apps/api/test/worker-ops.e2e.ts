import { randomBytes } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { arrangementBody, LOKET, REGISSEUR, SCHOOL, startReferralBody, toewijzingBody } from '@schakel/domain/testing';
import { freePort } from '../../../tools/src/free-port';
import { within } from '../../../tools/src/process-exit';
import { signalProcess } from '../../../tools/src/process-group.stopper';
import { ApiTestStack, eventually, secondsFromNow, type ReferralStateBody } from './api-e2e.test-helper';
import { expectReadModelMatchesWorkflows, retriedActivities, stepWithRetry, temporalClientFor, WorkerProcess } from './fault.test-helper';
import { holdReferralRow, type HeldRow } from './row-lock.test-helper';

const METRICS_TOKEN = `metrics-${randomBytes(16).toString('hex')}`;

interface ProbeBody {
  status: string;
  error?: Record<string, { status: string; [key: string]: unknown }>;
  details: Record<string, { status: string; [key: string]: unknown }>;
}

interface OpsAnswer<T> {
  status: number;
  body: T;
}

/** A built worker with its ops server on a port of its own (the test stacks' task queues keep workers apart). */
interface OpsWorker {
  process: WorkerProcess;
  ops: string;
}

async function startWorker(stack: ApiTestStack, env: NodeJS.ProcessEnv = {}): Promise<OpsWorker> {
  const port = await freePort();
  const process = await WorkerProcess.forStack(stack, { WORKER_OPS_PORT: String(port), WORKER_OPS_HOST: '127.0.0.1', METRICS_TOKEN, ...env });
  return { process, ops: `http://127.0.0.1:${port}` };
}

async function opsGet<T>(url: string, token?: string): Promise<OpsAnswer<T>> {
  const response = await fetch(url, { signal: AbortSignal.timeout(5_000), headers: token === undefined ? {} : { Authorization: `Bearer ${token}` } });
  const text = await response.text();
  return { status: response.status, body: (response.headers.get('content-type')?.startsWith('application/json') ? JSON.parse(text) : text) as T };
}

/** The value of one labelled series in a Prometheus text exposition; 0 when the series is absent. */
function sampleOf(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? 0 : Number(line.slice(series.length + 1));
}

/** The sum over every series of a metric whose labels include `labels` (e.g. `task_queue="q"`). */
function sumOf(text: string, metric: string, labels: string): number {
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${metric}{`) && line.includes(labels))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

const newChildRef = (): string => `lln-ops-${randomBytes(4).toString('hex')}`;

/**
 * Issue 6 §4 and §5 for the worker: the built worker (`apps/worker/dist/main.js`) as production runs it, with
 * its ops HTTP server — liveness, readiness, metrics (its own and the Temporal SDK's) — and its drain on SIGTERM,
 * where an activity in flight is held there by a row lock on the referral until the test lets it finish.
 */
describe('the built worker: health, metrics and drain', () => {
  let stack: ApiTestStack;
  let client: Client;
  let closeClient: () => Promise<void> = async () => undefined;
  const workers: WorkerProcess[] = [];
  let held: HeldRow | undefined;

  beforeAll(async () => {
    stack = await ApiTestStack.start({ withWorker: false });
    ({ client, close: closeClient } = await temporalClientFor(stack));
  }, 120_000);

  // Each test's workers stop with it: a worker left polling would take the next test's activities.
  afterEach(async () => {
    await held?.release();
    for (const worker of workers.splice(0)) await worker.stop(30_000);
  }, 60_000);

  afterAll(async () => {
    await held?.release();
    for (const worker of workers) if (worker.running) await worker.crash();
    await closeClient();
    await stack?.stop();
  }, 60_000);

  async function launch(env?: NodeJS.ProcessEnv): Promise<OpsWorker> {
    const worker = await startWorker(stack, env);
    workers.push(worker.process);
    return worker;
  }

  async function startCase(): Promise<{ referralId: string; childRef: string }> {
    const childRef = newChildRef();
    const started = await stack.as(SCHOOL).post<{ referralId: string }>('/api/referrals', startReferralBody({ childRef }));
    expect(started.status).toBe(201);
    const { referralId } = started.body;
    await eventually(() => stack.readModel.query('SELECT 1 FROM referral WHERE id = $1', [referralId]), (rows: unknown[]) => rows.length === 1, 20_000, 'the referral projected');
    return { referralId, childRef };
  }

  /**
   * Sends the toewijzing step and resolves once its projection waits for the row the test holds. The step's
   * answer comes wrapped: an async function returning a bare promise would wait for it.
   */
  async function stepHeldInFlight(referralId: string): Promise<{ answer: Promise<ReferralStateBody> }> {
    held = await holdReferralRow(stack.readModel, referralId);
    const answer = stepWithRetry(stack, 'toewijzing', LOKET, referralId, toewijzingBody());
    // Awaited by the test; this only keeps a failure before that point from being an unhandled rejection.
    answer.catch(() => undefined);
    await held.waitForWaiter(20_000);
    return { answer };
  }

  /** The rest of the happy path, through a short evaluation timer, to a closed case. */
  async function closeCase(referralId: string): Promise<void> {
    await stepWithRetry(stack, 'arrangement', SCHOOL, referralId, arrangementBody(secondsFromNow(3)));
    expect((await stepWithRetry(stack, 'arrangement/approve', REGISSEUR, referralId, {})).stage).toBe('uitvoering');
    await eventually(async () => (await stack.as(REGISSEUR).get<ReferralStateBody>(`/api/referrals/${referralId}`)).body.stage, (stage) => stage === 'evaluatie', 30_000, 'stage evaluatie');
    expect((await stepWithRetry(stack, 'evaluation', REGISSEUR, referralId, { outcome: 'afsluiten', summary: 'Doelen behaald.' })).stage).toBe('afgesloten');
  }

  it('serves liveness, readiness and token-protected metrics (its own and the SDK’s) without case data', async () => {
    const { process, ops } = await launch();
    const live = await opsGet<ProbeBody>(`${ops}/health/live`);
    expect(live.status).toBe(200);
    expect(live.body.details['eventLoop']?.status).toBe('up');
    const ready = await opsGet<ProbeBody>(`${ops}/health/ready`);
    expect(ready.status).toBe(200);
    expect(ready.body.details).toEqual({
      postgres: expect.objectContaining({ status: 'up' }),
      temporal: expect.objectContaining({ status: 'up' }),
      worker: { status: 'up', state: 'RUNNING' },
    });
    expect((await opsGet(`${ops}/metrics`)).status).toBe(401);
    expect((await opsGet(`${ops}/metrics`, `${METRICS_TOKEN}x`)).status).toBe(401);
    expect((await opsGet(`${ops}/no-such-path`)).status).toBe(404);

    const { referralId, childRef } = await startCase();
    expect((await stepWithRetry(stack, 'toewijzing', LOKET, referralId, toewijzingBody())).stage).toBe('arrangement');

    const queue = `task_queue="${stack.config.temporal.taskQueue}"`;
    const metrics = await eventually(
      async () => (await opsGet<string>(`${ops}/metrics`, METRICS_TOKEN)).body,
      (text) => sampleOf(text, 'schakel_activity_executions_total{activity_type="projectReferral",outcome="completed"}') >= 3,
      10_000,
      'three projections counted',
    );
    // The worker's own metrics: activities by type and outcome, the read model's lag behind the workflow.
    expect(sampleOf(metrics, 'schakel_activity_duration_seconds_count{activity_type="projectReferral",outcome="completed"}')).toBeGreaterThanOrEqual(3);
    expect(sampleOf(metrics, 'schakel_read_model_projection_lag_seconds_count')).toBeGreaterThanOrEqual(3);
    expect(metrics).toMatch(/^process_resident_memory_bytes \d/m);
    // The Temporal SDK's, from its exporter on the loopback interface, for this worker's task queue.
    expect(sumOf(metrics, 'temporal_workflow_task_schedule_to_start_latency_seconds_count', queue)).toBeGreaterThan(0);
    expect(sumOf(metrics, 'temporal_workflow_task_execution_latency_seconds_count', queue)).toBeGreaterThan(0);
    expect(sumOf(metrics, 'temporal_activity_schedule_to_start_latency_seconds_count', queue)).toBeGreaterThan(0);
    expect(metrics).toMatch(new RegExp(`^temporal_sticky_cache_size\\{[^}]*${queue}[^}]*\\} \\d`, 'm'));
    expect(sampleOf(metrics, 'schakel_temporal_sdk_metrics_scrape_failures_total')).toBe(0);
    // No case data: neither the referral's id (the workflow id's part) nor the child's reference.
    expect(metrics).not.toContain(referralId);
    expect(metrics).not.toContain(childRef);

    signalProcess(process.pid, 'SIGTERM');
    expect(await within(process.exited, 20_000)).toEqual({ code: 0, signal: null });
  }, 120_000);

  it('finishes the activity in flight on SIGTERM, reports not ready while draining, exits 0, and the case completes once', async () => {
    const { process, ops } = await launch({ WORKER_SHUTDOWN_GRACE_TIME: '20s', WORKER_SHUTDOWN_FORCE_TIME: '30s' });
    const { referralId } = await startCase();
    const step = await stepHeldInFlight(referralId);

    signalProcess(process.pid, 'SIGTERM');
    const draining = await eventually(() => opsGet<ProbeBody>(`${ops}/health/ready`), (answer) => answer.status === 503, 5_000, 'readiness 503 while draining');
    // The worker check names the drain; terminus's own `shutting_down` follows once the drain is over.
    expect(draining.body.error?.['worker']).toEqual({ status: 'down', state: expect.stringMatching(/^(STOPPING|DRAINING)$/) });
    // Alive while draining: liveness must not get a draining worker killed.
    expect((await opsGet(`${ops}/health/live`)).status).toBe(200);
    expect(process.running).toBe(true);

    await held?.release();
    const exit = await within(process.exited, 20_000);
    expect({ exit, output: process.output() }).toEqual({ exit: { code: 0, signal: null }, output: expect.stringContaining('worker stopped') });

    // The projection finished in the drained worker; the next worker completes the step's workflow task.
    await launch();
    expect((await step.answer).stage).toBe('arrangement');
    await closeCase(referralId);
    expect(await retriedActivities(client, referralId)).toEqual([]);
    await expectReadModelMatchesWorkflows(stack, client, [referralId]);
  }, 180_000);

  it('gives up at the force time when an activity outlives the drain, exits 1, and the case still completes once', async () => {
    const { process } = await launch({ WORKER_SHUTDOWN_GRACE_TIME: '1s', WORKER_SHUTDOWN_FORCE_TIME: '2s' });
    const { referralId } = await startCase();
    const step = await stepHeldInFlight(referralId);

    const signalled = Date.now();
    signalProcess(process.pid, 'SIGTERM');
    const exit = await within(process.exited, 15_000);
    // With the output, so a failure shows what the worker did instead.
    expect({ exit, output: process.output() }).toEqual({ exit: { code: 1, signal: null }, output: expect.stringContaining('drain not finished within 2000 ms') });
    expect(Date.now() - signalled).toBeLessThan(10_000);
    await held?.release();

    // Handed back: the abandoned attempt times out at the server (start-to-close 10 s) and runs again here.
    await launch();
    expect((await step.answer).stage).toBe('arrangement');
    expect(await retriedActivities(client, referralId)).toContain('projectReferral');
    await expectReadModelMatchesWorkflows(stack, client, [referralId]);
  }, 180_000);
});
