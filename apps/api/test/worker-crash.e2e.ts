import { randomBytes } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { Actor, DeadlinePolicyFile, DeadlineRule, EscalationRecipient } from '@schakel/domain';
import { arrangementBody, HAPPY_PATH_EVENT_TYPES, LOKET, REGISSEUR, SCHOOL, startReferralBody, toewijzingBody } from '@schakel/domain/testing';
import { referralWorkflowId } from '@schakel/workflows/contracts';
import { WebhookReceiver } from '../../worker/src/notifications/webhook-receiver.test-helper';
import { ApiTestStack, eventually, secondsFromNow, type ReferralStateBody, type TimelineBody } from './api-e2e.test-helper';
import {
  expectReadModelMatchesWorkflows,
  retriedActivities,
  startPrivatePostgres,
  stepWithRetry,
  temporalClientFor,
  timersOf,
  WorkerProcess,
} from './fault.test-helper';

const seconds = (amount: number) => ({ amount, unit: 'seconden' as const });
const rule = (term: number, to: EscalationRecipient[]): DeadlineRule => ({
  description: 'fault test',
  term: seconds(term),
  atw: false,
  escalation: [{ after: seconds(0), to }],
  source: 'apps/api/test/worker-crash.e2e.ts',
});
const LOKET_OF_REGION: EscalationRecipient[] = [{ role: 'loket', via: 'region' }];

/**
 * Terms of two minutes, which no test here reaches, except the toewijzing in region swv-snel: three
 * seconds, so that case escalates to its loket while the test holds no worker.
 */
const FAULT_POLICY: DeadlinePolicyFile = {
  version: '2026.9-fault',
  name: 'Storingstest-beleid in seconden',
  source: 'apps/api/test/worker-crash.e2e.ts',
  defaultHolidayRegion: 'midden',
  rules: {
    toewijzing: rule(120, LOKET_OF_REGION),
    arrangementApproval: rule(120, [{ role: 'regisseur', via: 'regisseur' }]),
    evaluation: rule(120, [{ role: 'regisseur', via: 'regisseur' }]),
    zorgplicht: rule(120, [{ role: 'school', via: 'school' }]),
    opp: rule(120, [{ role: 'school', via: 'school' }]),
    oppEvaluation: rule(120, [{ role: 'school', via: 'school' }]),
    thuiszitter: rule(120, [{ role: 'leerplicht', via: 'region' }]),
    overstapBevestiging: rule(120, [{ role: 'school', via: 'school' }]),
    tlvBesluit: rule(120, LOKET_OF_REGION),
    tlvHerbeoordeling: rule(120, [{ role: 'school', via: 'school' }]),
    mboAanmelding: rule(120, [{ role: 'school', via: 'school' }]),
  },
  regions: { 'swv-snel': { rules: { toewijzing: { term: seconds(3) } } } },
};

const SNEL_SCHOOL: Actor = { sub: 'ib-snel', role: 'school', org: '34CD', region: 'swv-snel' };
const SNEL_LOKET: Actor = { sub: 'loket-snel', role: 'loket', org: 'swv-snel', region: 'swv-snel' };
const SECRET = `whsec-${randomBytes(24).toString('hex')}`;

/** The worker's statements that wait: on a lock (wait_event_type Lock), or for a commit to be confirmed (wait_event SyncRep). */
const WAITING_WORKER_STATEMENTS = `
  SELECT count(*)::int AS n FROM pg_stat_activity
  WHERE datname = current_database() AND application_name = 'schakel-worker' AND $1 IN (wait_event_type, wait_event)`;

/**
 * Durability (issue 2 §6, issue 6 §1): the worker runs as its own process, built as `npm start` runs it,
 * and is killed with SIGKILL — no shutdown hook, in-flight tasks lost — at three deterministic moments:
 * inside a projection's transaction before it commits, after it committed but before Temporal heard of
 * it, and while the case waits on durable timers that then fire at the server with no worker running.
 * A new worker process must finish every case from Temporal's history, writing nothing twice: not in the
 * referral row, the timeline, the audit log, the notifications or the webhook deliveries.
 *
 * The read model is a private Postgres cluster: the second kill holds commits with a server setting.
 */
describe('a worker process killed mid-activity and mid-timer', () => {
  jest.setTimeout(60_000);
  let database: Awaited<ReturnType<typeof startPrivatePostgres>>;
  let stack: ApiTestStack;
  let temporal: { client: Client; close: () => Promise<void> };
  let receiver: WebhookReceiver;
  let worker: WorkerProcess | undefined;
  /** The case of the first two tests: its worker killed before a commit, then after one. */
  let referralId: string;
  const childRef = `lln-fault-${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    database = await startPrivatePostgres();
    stack = await ApiTestStack.start({ withWorker: false, policy: FAULT_POLICY, databaseServerUrl: database.postgres.url });
    temporal = await temporalClientFor(stack);
    receiver = await WebhookReceiver.start(SECRET);
    const registered = await stack.as(SNEL_LOKET).post('/api/webhooks', { url: receiver.url(), secret: SECRET });
    expect(registered.status).toBe(201);
    worker = await WorkerProcess.forStack(stack);
  }, 120_000);

  afterAll(async () => {
    await worker?.crash();
    await receiver?.stop();
    await temporal?.close();
    await stack?.stop();
    await database?.remove();
  }, 60_000);

  const waitingWorkerStatements = async (waitEvent: string): Promise<number> =>
    ((await stack.readModel.query<Array<{ n: number }>>(WAITING_WORKER_STATEMENTS, [waitEvent]))[0] as { n: number }).n;

  it('finishes a step whose projection was killed inside its transaction, and writes it once', async () => {
    const started = await stack.as(SCHOOL).post<{ referralId: string }>('/api/referrals', startReferralBody({ childRef }), { 'Idempotency-Key': `fault-${childRef}` });
    expect(started.status).toBe(201);
    referralId = started.body.referralId;
    await eventually(() => stack.readModel.query('SELECT 1 FROM referral WHERE id = $1 AND version >= 2', [referralId]), (rows) => rows.length === 1, 20_000, 'intake projected');

    // The test holds the referral's row, so the step's projection blocks on it inside its transaction:
    // the worker is killed while the activity is executing, not before or after.
    const lock = stack.readModel.createQueryRunner();
    await lock.connect();
    await lock.startTransaction();
    try {
      await lock.query('SELECT id FROM referral WHERE id = $1 FOR UPDATE', [referralId]);
      const toewijzing = stepWithRetry(stack, 'toewijzing', LOKET, referralId, toewijzingBody());
      toewijzing.catch(() => undefined);
      await eventually(() => waitingWorkerStatements('Lock'), (n) => n >= 1, 20_000, 'the projection waiting on the row lock');
      await worker?.crash();
      await lock.rollbackTransaction();
      worker = await WorkerProcess.forStack(stack);

      // The killed attempt's transaction never committed; Temporal retries it on the new worker once the
      // attempt's start-to-close timeout (10 s) has passed, and the waiting request is answered then.
      expect((await toewijzing).stage).toBe('arrangement');
    } finally {
      if (lock.isTransactionActive) await lock.rollbackTransaction();
      await lock.release();
    }
    expect(await retriedActivities(temporal.client, referralId)).toContain('projectReferral');
    await expectReadModelMatchesWorkflows(stack, temporal.client, [referralId]);
  });

  it('finishes a step whose projection committed but was never reported, and writes it once', async () => {
    // With a synchronous standby required that never comes, a commit is written but not confirmed: the
    // worker is killed after its transaction committed and before the activity reported to Temporal,
    // the one window a rollback cannot cover. The retry must then find everything already written.
    await stack.readModel.query(`ALTER SYSTEM SET synchronous_standby_names = 'fault_test_standby'`);
    await stack.readModel.query('SELECT pg_reload_conf()');
    let holding = true;
    const release = async (): Promise<void> => {
      if (!holding) return;
      holding = false;
      await stack.readModel.query('ALTER SYSTEM RESET synchronous_standby_names');
      await stack.readModel.query('SELECT pg_reload_conf()');
    };
    try {
      const arrangement = stepWithRetry(stack, 'arrangement', SCHOOL, referralId, arrangementBody('2027-03-01'));
      arrangement.catch(() => undefined);
      await eventually(() => waitingWorkerStatements('SyncRep'), (n) => n >= 1, 20_000, 'the projection waiting for its commit to be confirmed');
      await worker?.crash();
      await release();
      worker = await WorkerProcess.forStack(stack);
      expect((await arrangement).stage).toBe('arrangement');
    } finally {
      await release();
    }
    expect(await retriedActivities(temporal.client, referralId)).toContain('projectReferral');
    await expectReadModelMatchesWorkflows(stack, temporal.client, [referralId]);

    // The case goes on and ends once.
    const withdrawn = await stepWithRetry(stack, 'withdraw', LOKET, referralId, { reason: 'Ouders trekken toestemming in' });
    expect(withdrawn.stage).toBe('ingetrokken');
    await eventually(() => temporal.client.workflow.getHandle(referralWorkflowId(referralId)).describe(), (d) => d.status.name === 'COMPLETED', 20_000, 'the case completed');
    expect(await stack.countWorkflows(referralId)).toBe(1);
    const timeline = await stack.as(SCHOOL).get<TimelineBody>(`/api/referrals/${referralId}/events`);
    expect(timeline.body.items.map((e) => e.type)).toEqual([...HAPPY_PATH_EVENT_TYPES.slice(0, 4), 'referral.withdrawn']);
    await expectReadModelMatchesWorkflows(stack, temporal.client, [referralId]);
  });

  it('fires the timers that fell due while no worker ran, and escalates and notifies once', async () => {
    // Case A waits on its evaluation date, case B (region swv-snel) on its three-second toewijzing term.
    const started = await stack.as(SCHOOL).post<{ referralId: string }>('/api/referrals', startReferralBody({ childRef: `${childRef}-a` }));
    expect(started.status).toBe(201);
    const evaluating = started.body.referralId;
    await stepWithRetry(stack, 'toewijzing', LOKET, evaluating, toewijzingBody());
    await stepWithRetry(stack, 'arrangement', SCHOOL, evaluating, arrangementBody(secondsFromNow(6)));
    expect((await stepWithRetry(stack, 'arrangement/approve', REGISSEUR, evaluating, {})).stage).toBe('uitvoering');
    const snel = await stack.as(SNEL_SCHOOL).post<{ referralId: string }>('/api/referrals', startReferralBody({ childRef: `${childRef}-b`, school: { brin: '34CD', sector: 'PO' } }));
    expect(snel.status).toBe(201);
    const escalating = snel.body.referralId;

    // Kill only once both workflows have asked the server for their short timers.
    const pendingShortTimer = async (id: string) => (await timersOf(temporal.client, id)).find((t) => t.state === 'pending' && t.ms <= 10_000);
    const [evaluationTimer, toewijzingTimer] = await Promise.all(
      [evaluating, escalating].map((id) => eventually(() => pendingShortTimer(id), (timer) => timer !== undefined, 20_000, `a short timer in ${id}`)),
    );
    await worker?.crash();
    worker = undefined;

    // Both fire at the server while no worker runs.
    await eventually(
      async () => [(await timersOf(temporal.client, evaluating)).find((t) => t.timerId === evaluationTimer?.timerId)?.state, (await timersOf(temporal.client, escalating)).find((t) => t.timerId === toewijzingTimer?.timerId)?.state],
      (states) => states.every((state) => state === 'fired'),
      20_000,
      'both timers fired at the server',
    );
    worker = await WorkerProcess.forStack(stack);

    const due = await eventually(
      async () => (await stack.as(REGISSEUR).get<ReferralStateBody>(`/api/referrals/${evaluating}`)).body,
      (s) => s.stage === 'evaluatie',
      30_000,
      'case A in evaluatie',
    );
    expect(due.stage).toBe('evaluatie');
    const escalated = await eventually(
      async () => (await stack.as(SNEL_LOKET).get<{ escalationLevel: number }>(`/api/referrals/${escalating}`)).body,
      (s) => s.escalationLevel === 1,
      30_000,
      'case B escalated to its loket',
    );
    expect(escalated.escalationLevel).toBe(1);

    const closed = await stepWithRetry(stack, 'evaluation', REGISSEUR, evaluating, { outcome: 'afsluiten', summary: 'Afgerond na herstart.' });
    expect(closed.stage).toBe('afgesloten');

    // The case completed once: one run, eight events, each once, in the read model and the audit log.
    const timeline = await stack.as(SCHOOL).get<TimelineBody>(`/api/referrals/${evaluating}/events`);
    expect(timeline.body.items.map((e) => e.type)).toEqual(HAPPY_PATH_EVENT_TYPES);
    await eventually(() => temporal.client.workflow.getHandle(referralWorkflowId(evaluating)).describe(), (d) => d.status.name === 'COMPLETED', 20_000, 'case A completed');
    expect(await stack.countWorkflows(evaluating)).toBe(1);
    await expectReadModelMatchesWorkflows(stack, temporal.client, [evaluating, escalating]);

    // The escalation: one timeline entry, one notification, one webhook delivery, accepted once.
    const escalations = (await stack.as(SNEL_LOKET).get<TimelineBody>(`/api/referrals/${escalating}/events`)).body.items.filter((e) => e.type === 'deadline.escalated');
    expect(escalations.map((e) => [e.data['rule'], e.data['level']])).toEqual([['toewijzing', 1]]);
    const notifications = await stack.readModel.query<Array<{ id: string; kind: string; recipient_role: string }>>('SELECT id, kind, recipient_role FROM notification WHERE referral_id = $1', [escalating]);
    expect(notifications).toEqual([{ id: expect.any(String), kind: 'escalation', recipient_role: 'loket' }]);
    const delivery = await eventually(
      () => stack.readModel.query<Array<{ id: string; status: string }>>('SELECT id, status FROM webhook_delivery WHERE notification_id = $1', [notifications[0]?.id]),
      (rows) => rows.length === 1 && rows[0]?.status === 'delivered',
      30_000,
      'the webhook delivery',
    );
    expect(receiver.acceptedCount((delivery[0] as { id: string }).id)).toBe(1);
    expect(receiver.received.every((r) => r.deliveryId === (delivery[0] as { id: string }).id)).toBe(true);
  });
});
