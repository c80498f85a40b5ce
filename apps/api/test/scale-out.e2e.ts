import { randomBytes } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { Actor } from '@schakel/domain';
import { LOKET, SCHOOL, arrangementBody, startReferralBody, toewijzingBody } from '@schakel/domain/testing';
import { referralWorkflowId } from '@schakel/workflows/contracts';
import { freePort } from '../../../tools/src/free-port';
import { within } from '../../../tools/src/process-exit';
import { ApiTestStack, eventually, secondsFromNow, type ReferralStateBody } from './api-e2e.test-helper';
import { ApiProcess, WorkerProcess, expectReadModelMatchesWorkflows, temporalClientFor } from './fault.test-helper';

const CASES = 20;
/** The first worker is SIGKILLed once this many of the toewijzing steps were answered. */
const ANSWERED_BEFORE_KILL = 6;
/** How long one request may keep retrying across the kill (a lost activity is retried after its 10 s timeout). */
const RETRY_BUDGET_MS = 60_000;

/**
 * Issue 9 §3: Schakel scaled out on one machine. Two built worker processes and two built API processes share
 * the run's Temporal dev server, one task queue and one database, as replicas behind a load balancer would.
 * Cases started through both APIs are processed by both workers (each worker's identity, pid@host, is in the
 * histories' workflow-task-completed and activity-task-started events); one worker is SIGKILLed while steps are
 * in flight and every case still completes its step exactly once (one workflow per case, read model equal to
 * the workflows); and each API serves the cases the other created or stepped — neither holds state of its own.
 */
describe('two workers and two APIs on one task queue', () => {
  jest.setTimeout(90_000);
  let stack: ApiTestStack;
  let client: { client: Client; close: () => Promise<void> };
  const workers: WorkerProcess[] = [];
  const apis: ApiProcess[] = [];
  const run = randomBytes(4).toString('hex');
  const referralIds: string[] = [];

  beforeAll(async () => {
    // The stack brings the database, the task queue and the token signer; its in-process worker stays off.
    stack = await ApiTestStack.start({ withWorker: false });
    client = await temporalClientFor(stack);
    // One after the other: WorkerProcess.start waits for its own pollers (those seen after its spawn).
    workers.push(await WorkerProcess.forStack(stack));
    workers.push(await WorkerProcess.forStack(stack));
    const [portA, portB] = [await freePort(), await freePort()];
    const settings = { databaseUrl: stack.database.url, temporal: stack.config.temporal, env: { RATE_LIMIT_PER_MINUTE: '0' } };
    apis.push(...(await Promise.all([ApiProcess.start({ ...settings, port: portA }), ApiProcess.start({ ...settings, port: portB === portA ? await freePort() : portB })])));
  }, 90_000);

  afterAll(async () => {
    await Promise.all([...apis, ...workers].map((process) => process.crash()));
    await client?.close();
    await stack?.stop();
  }, 60_000);

  /** One HTTP call to an API process; status 0 when the connection failed. */
  async function call<T>(api: ApiProcess, actor: Actor, method: 'GET' | 'POST', path: string, body?: unknown, key?: string): Promise<{ status: number; body: T }> {
    try {
      const response = await fetch(`${api.url}${path}`, {
        method,
        headers: { Authorization: `Bearer ${await stack.token(actor)}`, 'Content-Type': 'application/json', ...(key === undefined ? {} : { 'Idempotency-Key': key }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(40_000),
      });
      return { status: response.status, body: (await response.json().catch(() => ({}))) as T };
    } catch {
      return { status: 0, body: {} as T };
    }
  }

  /** As a careful client: the same Idempotency-Key on every retry of a 503 or a failed connection, bounded. */
  async function send<T>(api: ApiProcess, actor: Actor, path: string, body: unknown, key: string): Promise<T> {
    const deadline = Date.now() + RETRY_BUDGET_MS;
    for (;;) {
      const response = await call<T>(api, actor, 'POST', path, body, key);
      if (response.status >= 200 && response.status < 300) return response.body;
      if ((response.status !== 0 && response.status !== 503) || Date.now() > deadline) throw new Error(`${path} answered ${response.status}: ${JSON.stringify(response.body)}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  /** Worker identities in a case's history: who completed its workflow tasks and who started its activities. */
  async function identitiesOf(referralId: string): Promise<Set<string>> {
    const { EventType } = temporal.api.enums.v1;
    const history = await client.client.workflow.getHandle(referralWorkflowId(referralId)).fetchHistory();
    const identities = new Set<string>();
    for (const event of history.events ?? []) {
      if (event.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED) identities.add(event.workflowTaskCompletedEventAttributes?.identity ?? '');
      if (event.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED) identities.add(event.activityTaskStartedEventAttributes?.identity ?? '');
    }
    return identities;
  }

  it('spreads cases started through both APIs over both workers', async () => {
    const started = await Promise.all(
      Array.from({ length: CASES }, (_, index) =>
        send<{ referralId: string; stage: string }>(apis[index % 2] as ApiProcess, SCHOOL, '/api/referrals', startReferralBody({ childRef: `lln-scale-${run}-${index}` }), `scale-${run}-${index}`),
      ),
    );
    referralIds.push(...started.map((answer) => answer.referralId));
    // Each 201 waits up to 5 s for its intake in the read model and otherwise answers `gesignaleerd` (still
    // processing); on a loaded machine some do. What counts is that every case gets there, on either worker.
    expect(started.every((answer) => answer.stage === 'toewijzing' || answer.stage === 'gesignaleerd')).toBe(true);
    await eventually(
      async () => (await stack.readModel.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM referral WHERE stage = 'toewijzing' AND id = ANY($1)`, [referralIds]))[0]?.n,
      (n) => n === CASES,
      30_000,
      'every intake on record',
    );

    // The SDK's default identity is pid@host, so two processes on one host are told apart by their pids.
    const identityOf = (worker: WorkerProcess) => new RegExp(`^${worker.pid}@`);
    const seen = new Set<string>();
    for (const referralId of referralIds) for (const identity of await identitiesOf(referralId)) seen.add(identity);
    const byWorker = workers.map((worker) => [...seen].filter((identity) => identityOf(worker).test(identity)));
    expect(byWorker.map((identities) => identities.length)).toEqual([1, 1]);
    expect(new Set(byWorker.flat()).size).toBe(2);
    expect([...seen].filter((identity) => !workers.some((worker) => identityOf(worker).test(identity)))).toEqual([]);
  });

  it('completes every step exactly once when one worker is SIGKILLed mid-run', async () => {
    const [doomed, survivor] = workers as [WorkerProcess, WorkerProcess];
    const answered = new Set<string>();
    const steps = Promise.all(
      referralIds.map(async (referralId, index) => {
        const state = await send<ReferralStateBody>(apis[(index + 1) % 2] as ApiProcess, LOKET, `/api/referrals/${referralId}/toewijzing`, toewijzingBody(), `toewijzing-${referralId}`);
        answered.add(referralId);
        return state;
      }),
    );
    steps.catch(() => undefined);
    await eventually(
      async () => answered.size,
      (count) => count >= ANSWERED_BEFORE_KILL,
      30_000,
      `${ANSWERED_BEFORE_KILL} toewijzing steps answered`,
    );
    const inFlightAtKill = CASES - answered.size;
    await doomed.crash();
    const states = await steps;
    expect(inFlightAtKill).toBeGreaterThan(0);
    expect(states.map((state) => state.stage)).toEqual(Array.from({ length: CASES }, () => 'arrangement'));
    expect(survivor.running).toBe(true);

    // Exactly once: one referral workflow per case (no retried start made a second), each at the version of
    // two steps, and the read model equal to the workflows — row, timeline and audit entry once per event.
    const { count } = await client.client.workflow.count(`TaskQueue = '${stack.config.temporal.taskQueue}' AND WorkflowType = 'referralWorkflow'`);
    expect(count).toBe(CASES);
    await eventually(
      async () => (await stack.readModel.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM referral WHERE stage = 'arrangement'`))[0]?.n,
      (n) => n === CASES,
      20_000,
      'every case projected at arrangement',
    );
    await expectReadModelMatchesWorkflows(stack, client.client, referralIds);
  });

  it('serves through each API the cases created and stepped through the other', async () => {
    const [apiA, apiB] = apis as [ApiProcess, ApiProcess];
    // Case 1 was started through API B (odd index); read it through API A.
    const referralId = referralIds[1] as string;
    const throughA = await call<ReferralStateBody>(apiA, SCHOOL, 'GET', `/api/referrals/${referralId}`);
    const throughB = await call<ReferralStateBody>(apiB, SCHOOL, 'GET', `/api/referrals/${referralId}`);
    expect(throughA).toEqual({ status: 200, body: expect.objectContaining({ referralId, stage: 'arrangement' }) });
    expect(throughA.body).toEqual(throughB.body);

    // A step through API B is read back through API A at once: both read the same workflow and read model.
    const drafted = await send<ReferralStateBody>(apiB, SCHOOL, `/api/referrals/${referralId}/arrangement`, arrangementBody(secondsFromNow(3_600)), `arrangement-${referralId}`);
    const readBack = await call<ReferralStateBody>(apiA, SCHOOL, 'GET', `/api/referrals/${referralId}`);
    expect(readBack.status).toBe(200);
    expect(readBack.body.version).toBe(drafted.version);
    expect(readBack.body.arrangements).toEqual(drafted.arrangements);
  });

  /**
   * Issue 9 §2: the standard Temporal variables reach the worker's connection, not just its config object.
   * The run's dev server speaks plain gRPC, so a worker told TEMPORAL_TLS=true cannot reach it and exits at start
   * (its NativeConnection fails). Without the wiring it would connect in plain text and poll. (The API's Connection
   * gets them in TemporalGateway, checked without a server by src/temporal/temporal-gateway.connection.spec.ts: a
   * TLS-configured API process never comes up against this server, observable here only after a minute.)
   */
  it('passes the TLS setting to the NativeConnection of the worker', async () => {
    // Other workers poll this queue, so WorkerProcess.start may return at once; the process must exit by itself.
    const tlsWorker = await WorkerProcess.forStack(stack, { TEMPORAL_TLS: 'true' }).catch((error: unknown) => error);
    if (tlsWorker instanceof WorkerProcess) {
      const exit = await within(tlsWorker.exited, 30_000);
      await tlsWorker.crash();
      expect({ exited: exit !== undefined, output: tlsWorker.output() }).toEqual({ exited: true, output: expect.stringMatching(/connect|TLS|tls|transport/i) });
    } else {
      expect(String(tlsWorker)).toMatch(/worker exited/);
    }
  });
});
