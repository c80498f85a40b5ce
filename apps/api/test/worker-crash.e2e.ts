import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { arrangementBody, HAPPY_PATH_EVENT_TYPES, LOKET, REGISSEUR, SCHOOL, startReferralBody, toewijzingBody } from '@schakel/domain/testing';
import { ApiTestStack, eventually, secondsFromNow, type ReferralStateBody, type TimelineBody } from './api-e2e.test-helper';

const WORKER_MAIN = join(__dirname, '../../worker/dist/main.js');

/**
 * Durability (issue 2 §6): the worker runs as its own process, built as `npm start` runs it, and is
 * killed with SIGKILL in the middle of a case — no graceful shutdown, in-flight tasks lost. A new
 * worker process must pick the case up from Temporal's history and finish it, writing nothing twice.
 */
describe('a worker killed in the middle of a case', () => {
  let stack: ApiTestStack;
  let worker: ChildProcess | undefined;
  let workerOutput = '';

  beforeAll(async () => {
    stack = await ApiTestStack.start({ withWorker: false });
  }, 120_000);

  afterAll(async () => {
    if (worker?.exitCode === null) worker.kill('SIGKILL');
    await stack?.stop();
  }, 60_000);

  async function startWorkerProcess(): Promise<void> {
    const bundle = process.env['SCHAKEL_TEST_WORKFLOW_BUNDLE'];
    worker = spawn(process.execPath, [WORKER_MAIN], {
      env: {
        PATH: process.env['PATH'],
        DATABASE_URL: stack.database.url,
        TEMPORAL_ADDRESS: stack.config.temporal.address,
        TEMPORAL_NAMESPACE: stack.config.temporal.namespace,
        TEMPORAL_TASK_QUEUE: stack.config.temporal.taskQueue,
        SCHAKEL_ENV: 'test',
        ...(bundle === undefined ? {} : { WORKFLOW_BUNDLE_PATH: bundle }),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    worker.stdout?.on('data', (chunk: Buffer) => (workerOutput += chunk.toString()));
    worker.stderr?.on('data', (chunk: Buffer) => (workerOutput += chunk.toString()));
    // Health reports the worker only once it polls this stack's task queue.
    await eventually(
      async () => (await stack.as(null).get<{ checks: { worker: string } }>('/api/health')).body.checks?.worker,
      (status) => status === 'up' || worker?.exitCode !== null,
      60_000,
      'worker polling',
    );
    if (worker.exitCode !== null) throw new Error(`worker exited with ${worker.exitCode}:\n${workerOutput}`);
  }

  async function killWorker(): Promise<void> {
    const exited = once(worker as ChildProcess, 'exit');
    worker?.kill('SIGKILL');
    await exited;
    // The server only notices the dead poller later; health must stop counting it before the restart.
  }

  /**
   * A step as a careful client sends it: with an Idempotency-Key, retried with the same key when the
   * API answers 503 (it could not confirm the step in time, e.g. while no worker runs).
   */
  async function step(path: string, actor: typeof SCHOOL, referralId: string, body: unknown): Promise<ReferralStateBody> {
    const key = `${path}-${referralId}`;
    for (let attempt = 1; ; attempt += 1) {
      const response = await stack.as(actor).post<ReferralStateBody>(`/api/referrals/${referralId}/${path}`, body, { 'Idempotency-Key': key });
      if (response.status === 200) return response.body;
      if (response.status !== 503 || attempt === 5) throw new Error(`${path} answered ${response.status}: ${JSON.stringify(response.body)}`);
    }
  }

  it('completes the case after a restart, with every step on the timeline exactly once', async () => {
    await startWorkerProcess();
    const started = await stack.as(SCHOOL).post<{ referralId: string }>('/api/referrals', startReferralBody());
    expect(started.status).toBe(201);
    const { referralId } = started.body;

    // Kill while a step is in flight: the caller's request waits and is answered by the next worker.
    const toewijzing = step('toewijzing', LOKET, referralId, toewijzingBody());
    await new Promise((resolve) => setTimeout(resolve, 50));
    await killWorker();
    await startWorkerProcess();
    expect((await toewijzing).stage).toBe('arrangement');

    await step('arrangement', SCHOOL, referralId, arrangementBody(secondsFromNow(4)));
    const approved = await step('arrangement/approve', REGISSEUR, referralId, {});
    expect(approved.stage).toBe('uitvoering');

    // Kill while the evaluation timer is pending; it fires at the server while no worker runs.
    await killWorker();
    await new Promise((resolve) => setTimeout(resolve, 4_500));
    await startWorkerProcess();

    const due = await eventually(
      async () => (await stack.as(REGISSEUR).get<ReferralStateBody>(`/api/referrals/${referralId}`)).body,
      (s) => s.stage === 'evaluatie',
      30_000,
      'stage evaluatie',
    );
    expect(due.stage).toBe('evaluatie');
    const closed = await step('evaluation', REGISSEUR, referralId, { outcome: 'afsluiten', summary: 'Afgerond na herstart.' });
    expect(closed.stage).toBe('afgesloten');

    const timeline = await stack.as(SCHOOL).get<TimelineBody>(`/api/referrals/${referralId}/events`);
    expect(timeline.body.items.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(timeline.body.items.map((e) => e.type)).toEqual(HAPPY_PATH_EVENT_TYPES);
    const [row] = await stack.readModel.query('SELECT stage, version FROM referral WHERE id = $1', [referralId]);
    expect(row).toEqual({ stage: 'afgesloten', version: 8 });
    // Changes only: the reads this test makes are on record too (issue 5 §4), without an event_seq.
    const [audit] = await stack.readModel.query('SELECT count(*)::int AS n, count(DISTINCT event_seq)::int AS distinct_seqs FROM audit_log WHERE referral_id = $1 AND event_seq IS NOT NULL', [referralId]);
    expect(audit).toEqual({ n: 8, distinct_seqs: 8 });
  }, 180_000);
});
