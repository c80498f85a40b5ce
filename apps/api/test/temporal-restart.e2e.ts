import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Actor, DeadlinePolicyFile, DeadlineRule, EscalationRecipient, RunningDeadline } from '@schakel/domain';
import { arrangementBody, HAPPY_PATH_EVENT_TYPES, LOKET, REGISSEUR, SCHOOL, startReferralBody, toewijzingBody } from '@schakel/domain/testing';
import { referralWorkflowId } from '@schakel/workflows/contracts';
import { WebhookReceiver } from '../../worker/src/notifications/webhook-receiver.test-helper';
import type { TemporalDevServer } from '../../../tools/src/temporal-dev-server.process';
import { ApiTestStack, eventually, secondsFromNow, type ReferralStateBody, type TimelineBody } from './api-e2e.test-helper';
import { expectReadModelMatchesWorkflows, startPrivateTemporal, stepWithRetry, temporalClientFor, timersOf, WorkerProcess } from './fault.test-helper';

const seconds = (amount: number) => ({ amount, unit: 'seconden' as const });
const rule = (term: number, to: EscalationRecipient[]): DeadlineRule => ({
  description: 'fault test',
  term: seconds(term),
  atw: false,
  escalation: [{ after: seconds(0), to }],
  source: 'apps/api/test/temporal-restart.e2e.ts',
});
const SCHOOL_OF_CASE: EscalationRecipient[] = [{ role: 'school', via: 'school' }];

/** Two-minute terms except the toewijzing in region swv-snel (three seconds): that case escalates during the outage. */
const RESTART_POLICY: DeadlinePolicyFile = {
  version: '2026.9-restart',
  name: 'Herstarttest-beleid in seconden',
  source: 'apps/api/test/temporal-restart.e2e.ts',
  defaultHolidayRegion: 'midden',
  rules: {
    toewijzing: rule(120, [{ role: 'loket', via: 'region' }]),
    arrangementApproval: rule(120, [{ role: 'regisseur', via: 'regisseur' }]),
    evaluation: rule(120, [{ role: 'regisseur', via: 'regisseur' }]),
    zorgplicht: rule(120, SCHOOL_OF_CASE),
    opp: rule(120, SCHOOL_OF_CASE),
    oppEvaluation: rule(120, SCHOOL_OF_CASE),
    thuiszitter: rule(120, [{ role: 'leerplicht', via: 'region' }]),
    overstapBevestiging: rule(120, SCHOOL_OF_CASE),
    tlvBesluit: rule(120, [{ role: 'loket', via: 'region' }]),
    tlvHerbeoordeling: rule(120, SCHOOL_OF_CASE),
    mboAanmelding: rule(120, SCHOOL_OF_CASE),
  },
  regions: { 'swv-snel': { rules: { toewijzing: { term: seconds(3) } } } },
};

const SNEL_SCHOOL: Actor = { sub: 'ib-snel', role: 'school', org: '34CD', region: 'swv-snel' };
const SNEL_LOKET: Actor = { sub: 'loket-snel', role: 'loket', org: 'swv-snel', region: 'swv-snel' };
const SECRET = `whsec-${randomBytes(24).toString('hex')}`;

/**
 * Issue 6 §1: the Temporal server itself goes down (SIGKILL, as a crash or an OOM kill would) while
 * cases are open and their durable timers are pending, and stays down past their due moments. Its state
 * lives in a SQLite file with WAL, as `npm start` runs it; after a restart on the same file and port, the
 * API and the worker process reconnect by themselves (neither exits), every timer that fell due in the
 * outage fires, steps are accepted again, and the read model ends equal to the workflows, nothing twice.
 *
 * The server is a private one: the run's shared dev server must never stop.
 */
describe('a Temporal server restarted with open cases and pending timers', () => {
  jest.setTimeout(60_000);
  let directory: string;
  let server: TemporalDevServer;
  let stack: ApiTestStack;
  let worker: WorkerProcess | undefined;
  let temporal: Awaited<ReturnType<typeof temporalClientFor>> | undefined;
  let receiver: WebhookReceiver;
  const childRef = `lln-restart-${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'schakel-fault-temporal-'));
    chmodSync(directory, 0o755);
    server = await startPrivateTemporal(join(directory, 'temporal.db'));
    stack = await ApiTestStack.start({ withWorker: false, temporalAddress: server.address, policy: RESTART_POLICY });
    worker = await WorkerProcess.forStack(stack);
    receiver = await WebhookReceiver.start(SECRET);
    expect((await stack.as(SNEL_LOKET).post('/api/webhooks', { url: receiver.url(), secret: SECRET })).status).toBe(201);
  }, 120_000);

  afterAll(async () => {
    await worker?.crash();
    await temporal?.close();
    await receiver?.stop();
    await stack?.stop();
    await server?.stop();
    if (directory !== undefined) rmSync(directory, { recursive: true, force: true, maxRetries: 3 });
  }, 60_000);

  async function start(actor: Actor, suffix: string, school = { brin: '12AB', sector: 'PO' as const }): Promise<string> {
    const started = await stack.as(actor).post<{ referralId: string }>('/api/referrals', startReferralBody({ childRef: `${childRef}-${suffix}`, school }), { 'Idempotency-Key': `restart-${suffix}` });
    if (started.status !== 201) throw new Error(`start answered ${started.status}: ${JSON.stringify(started.body)}`);
    return started.body.referralId;
  }

  it('fires the timers that fell due while it was down, and takes steps again, each once', async () => {
    // Three open cases: one in uitvoering waiting on its evaluation date, one whose toewijzing term of
    // three seconds runs out during the outage, one that simply waits for its next step.
    const evaluating = await start(SCHOOL, 'e');
    await stepWithRetry(stack, 'toewijzing', LOKET, evaluating, toewijzingBody());
    const evaluationDate = secondsFromNow(8);
    await stepWithRetry(stack, 'arrangement', SCHOOL, evaluating, arrangementBody(evaluationDate));
    expect((await stepWithRetry(stack, 'arrangement/approve', REGISSEUR, evaluating, {})).stage).toBe('uitvoering');
    const escalating = await start(SNEL_SCHOOL, 'x', { brin: '34CD', sector: 'PO' });
    const waiting = await start(SCHOOL, 's');

    temporal = await temporalClientFor(stack);
    const shortTimer = async (id: string) => (await timersOf(temporal!.client, id)).find((t) => t.state === 'pending' && t.ms <= 10_000);
    await Promise.all([evaluating, escalating].map((id) => eventually(() => shortTimer(id), (timer) => timer !== undefined, 20_000, `a short timer in ${id}`)));
    const toewijzingDue = (await stack.as(SNEL_LOKET).get<{ deadlines: RunningDeadline[] }>(`/api/referrals/${escalating}`)).body.deadlines[0]?.dueAt as string;
    await temporal.close();
    temporal = undefined;

    // The crash: no shutdown, the SQLite file as the process left it.
    const { port } = server;
    server.kill();
    await server.exited;
    // Down past both due moments, so the timers fall due while nothing can fire them.
    const lastDue = Math.max(Date.parse(evaluationDate), Date.parse(toewijzingDue));
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, lastDue - Date.now()) + 1_000));
    server = await startPrivateTemporal(join(directory, 'temporal.db'), port);
    temporal = await temporalClientFor(stack);
    expect(worker?.running).toBe(true);

    const due = await eventually(
      async () => (await stack.as(REGISSEUR).get<ReferralStateBody>(`/api/referrals/${evaluating}`)).body,
      (s) => s.stage === 'evaluatie',
      30_000,
      'the evaluation date fired after the restart',
    );
    expect(due.stage).toBe('evaluatie');
    await eventually(
      async () => (await stack.as(SNEL_LOKET).get<{ escalationLevel: number }>(`/api/referrals/${escalating}`)).body,
      (s) => s.escalationLevel === 1,
      30_000,
      'the toewijzing term escalated after the restart',
    );

    // Steps are accepted again, on a case opened before the crash.
    expect((await stepWithRetry(stack, 'toewijzing', LOKET, waiting, toewijzingBody())).stage).toBe('arrangement');
    expect((await stepWithRetry(stack, 'evaluation', REGISSEUR, evaluating, { outcome: 'afsluiten', summary: 'Afgerond na herstart van Temporal.' })).stage).toBe('afgesloten');

    await eventually(() => temporal!.client.workflow.getHandle(referralWorkflowId(evaluating)).describe(), (d) => d.status.name === 'COMPLETED', 20_000, 'the evaluated case completed');
    const timeline = await stack.as(SCHOOL).get<TimelineBody>(`/api/referrals/${evaluating}/events`);
    expect(timeline.body.items.map((e) => e.type)).toEqual(HAPPY_PATH_EVENT_TYPES);
    for (const id of [evaluating, escalating, waiting]) expect(await stack.countWorkflows(id)).toBe(1);
    expect(worker?.running).toBe(true);
    await expectReadModelMatchesWorkflows(stack, temporal.client, [evaluating, escalating, waiting]);

    // The escalation that fell due in the outage: notified once, its webhook delivered once.
    const notifications = await stack.readModel.query<Array<{ id: string; kind: string; recipient_role: string }>>('SELECT id, kind, recipient_role FROM notification WHERE referral_id = $1', [escalating]);
    expect(notifications).toEqual([{ id: expect.any(String), kind: 'escalation', recipient_role: 'loket' }]);
    const [delivery] = await eventually(
      () => stack.readModel.query<Array<{ id: string; status: string }>>('SELECT id, status FROM webhook_delivery WHERE notification_id = $1', [notifications[0]?.id]),
      (rows) => rows.length === 1 && rows[0]?.status === 'delivered',
      30_000,
      'the webhook delivery',
    );
    expect(receiver.acceptedCount((delivery as { id: string }).id)).toBe(1);
  }, 120_000);
});
