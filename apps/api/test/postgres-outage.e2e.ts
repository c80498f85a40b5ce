import { randomBytes } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { arrangementBody, LOKET, REGISSEUR, SCHOOL, startReferralBody, toewijzingBody } from '@schakel/domain/testing';
import { referralWorkflowId } from '@schakel/workflows/contracts';
import { ApiTestStack, eventually, type ReferralStateBody } from './api-e2e.test-helper';
import { expectReadModelMatchesWorkflows, retriedActivities, startPrivatePostgres, stepWithRetry, temporalClientFor, WorkerProcess } from './fault.test-helper';

const CASES = 6;

/**
 * Issue 6 §1: Postgres stops (a fast shutdown, as a restart or failover does) while cases are being
 * stepped, and comes back on the same data. The worker's projections fail against the stopped database
 * and Temporal retries them with backoff; the steps the API is waiting on are answered once the database
 * is back; and the read model ends equal to the workflows, every case and event exactly once.
 *
 * The database is a private cluster and the worker the built process: the run's shared cluster never
 * stops, and the worker's own connection pool has to live through the outage.
 */
describe('a Postgres outage while cases are stepped', () => {
  jest.setTimeout(60_000);
  let database: Awaited<ReturnType<typeof startPrivatePostgres>>;
  let stack: ApiTestStack;
  let worker: WorkerProcess;
  let temporal: { client: Client; close: () => Promise<void> };
  const childRef = `lln-outage-${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    database = await startPrivatePostgres();
    stack = await ApiTestStack.start({ withWorker: false, databaseServerUrl: database.postgres.url });
    worker = await WorkerProcess.forStack(stack);
    temporal = await temporalClientFor(stack);
  }, 120_000);

  afterAll(async () => {
    await worker?.crash();
    await temporal?.close();
    await stack?.stop();
    await database?.remove();
  }, 60_000);

  /** The projection activity of a case while it keeps failing: its attempt count, 0 when none is pending. */
  async function failingProjectionAttempt(referralId: string): Promise<number> {
    const { raw } = await temporal.client.workflow.getHandle(referralWorkflowId(referralId)).describe();
    const pending = (raw.pendingActivities ?? []).find((activity) => activity.activityType?.name === 'projectReferral');
    return pending?.attempt ?? 0;
  }

  it('retries the projections until the database is back, and loses and doubles nothing', async () => {
    const referralIds = await Promise.all(
      Array.from({ length: CASES }, async (_, index) => {
        const started = await stack.as(SCHOOL).post<{ referralId: string }>('/api/referrals', startReferralBody({ childRef: `${childRef}-${index}` }), { 'Idempotency-Key': `outage-${childRef}-${index}` });
        if (started.status !== 201) throw new Error(`start answered ${started.status}: ${JSON.stringify(started.body)}`);
        await stepWithRetry(stack, 'toewijzing', LOKET, started.body.referralId, toewijzingBody());
        return started.body.referralId;
      }),
    );

    // Two steps per case, all cases at once. The database stops as soon as the first step is answered,
    // and the first case's second step is sent only after that: at least one projection meets the outage.
    let firstAnswered!: () => void;
    const firstStepAnswered = new Promise<void>((resolve) => (firstAnswered = resolve));
    let outageBegun!: () => void;
    const outage = new Promise<void>((resolve) => (outageBegun = resolve));
    const burst = Promise.all(
      referralIds.map(async (referralId, index) => {
        await stepWithRetry(stack, 'arrangement', SCHOOL, referralId, arrangementBody('2027-03-01'));
        firstAnswered();
        if (index === 0) await outage;
        return stepWithRetry(stack, 'arrangement/approve', REGISSEUR, referralId, {});
      }),
    );
    burst.catch(() => undefined);

    await firstStepAnswered;
    await database.postgres.stop();
    outageBegun();

    // The projection fails against the stopped database and Temporal retries it with backoff.
    await eventually(() => failingProjectionAttempt(referralIds[0] as string), (attempt) => attempt >= 3, 30_000, 'the projection retried during the outage');
    expect(worker.running).toBe(true);

    await database.restart();
    const approved: ReferralStateBody[] = await burst;
    expect(approved.map((state) => state.stage)).toEqual(referralIds.map(() => 'uitvoering'));

    expect(await retriedActivities(temporal.client, referralIds[0] as string)).toContain('projectReferral');
    const [{ n }] = await stack.readModel.query<[{ n: number }]>('SELECT count(*)::int AS n FROM referral');
    expect(n).toBe(CASES);
    await expectReadModelMatchesWorkflows(stack, temporal.client, referralIds);
  });
});
