import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { dutchDateOf, type Actor, type DeadlinePolicyFile, type DeadlineRule, type EscalationRecipient } from '@schakel/domain';
import { arrangementBody, LOKET, REGISSEUR, SCHOOL, startReferralBody, toewijzingBody } from '@schakel/domain/testing';
import { ANONYMISED_CHILD_REF } from '@schakel/persistence';
import { wachtlijstEntryRows } from '@schakel/domain';
import { referralProjectionQuery, referralWorkflowId, retentionScheduleId } from '@schakel/workflows/contracts';
import type { RebuildReport } from '../../worker/src/rebuild/read-model.rebuilder';
import { eventually, secondsFromNow, type ApiTestStack, type ReferralStateBody } from './api-e2e.test-helper';
import { WachtlijstTestStack } from './wachtlijst-stack.test-helper';

const REBUILD_MAIN = join(__dirname, '../../worker/dist/rebuild/rebuild-read-model.main.js');
const DAY = 86_400_000;

const seconds = (amount: number) => ({ amount, unit: 'seconden' as const });
const to = (...roles: Array<EscalationRecipient['role']>): EscalationRecipient[] =>
  roles.map((role) => ({ role, via: role === 'regisseur' ? 'regisseur' : role === 'school' ? 'school' : 'region' }));
const rule = (term: number, ladder: Array<[after: number, recipients: EscalationRecipient[]]>): DeadlineRule => ({
  description: 'rebuild e2e',
  term: seconds(term),
  atw: false,
  escalation: ladder.map(([after, recipients]) => ({ after: seconds(after), to: recipients })),
  source: 'apps/api/test/read-model-rebuild.e2e.ts',
});

/**
 * The loket's term passes within a second and its ladder tops out a second later; the thuiszitter ladder has
 * climbed by the time a case is on record (its start lies weeks back). Every other term is an hour, so once the
 * cases have settled no timer fires while the test compares. Onderwijs cases are kept 2 seconds after closing.
 */
const REBUILD_POLICY: DeadlinePolicyFile = {
  version: '2026.11-rebuild',
  name: 'Rebuild-beleid in seconden',
  source: 'apps/api/test/read-model-rebuild.e2e.ts',
  defaultHolidayRegion: 'midden',
  rules: {
    toewijzing: rule(1, [[0, to('loket')], [1, to('gemeente')]]),
    arrangementApproval: rule(3600, [[0, to('regisseur')]]),
    evaluation: rule(3600, [[0, to('regisseur')]]),
    zorgplicht: rule(3600, [[0, to('school')]]),
    opp: rule(3600, [[0, to('school')]]),
    oppEvaluation: rule(3600, [[0, to('school')]]),
    thuiszitter: rule(1, [[0, to('leerplicht', 'loket')], [1, to('regisseur', 'gemeente')]]),
    overstapBevestiging: rule(3600, [[0, to('school')]]),
    tlvBesluit: rule(3600, [[0, to('loket')]]),
    tlvHerbeoordeling: rule(3600, [[0, to('school')]]),
    mboAanmelding: rule(3600, [[0, to('school')]]),
  },
  retention: {
    action: 'anonimiseren',
    closedCases: { onderwijs: seconds(2), jeugdhulp: { amount: 20, unit: 'jaren' }, gecombineerd: { amount: 20, unit: 'jaren' } },
    source: 'apps/api/test/read-model-rebuild.e2e.ts',
  },
};

/**
 * Every table of the read-model database, and what the rebuild does with it (ADR 0012). A migration that adds a
 * table fails this test until the table is placed here: derived from the workflows (and rebuilt), or not.
 */
const TABLES = {
  referral: 'rebuilt',
  case_event: 'rebuilt',
  audit_log: 'kept: append-only, not derived (the rebuild adds no entry and changes none)',
  notification: 'kept: messages sent, not derived (re-creating them would send webhooks again)',
  webhook_subscription: 'kept: organisations register them through the API',
  webhook_delivery: 'kept: delivery state of sent notifications',
  child_personal_details: 'kept: who a child is, entered through the API and never held by a workflow (issue 5 §3)',
  aanbod: 'kept: the provider catalogue, entered through the API and never held by a workflow (issue 11 §1)',
  inzage_request: 'kept: requests for inzage and their one-month term (AVG art. 12(3)), recorded by the API, never held by a workflow (issue 11 §6)',
  wachtlijst_entry: 'rebuilt: from the state of every running wachtlijst workflow (one per aanbod, issue 11 §4)',
  migrations: 'kept: TypeORM bookkeeping',
} as const;

type Row = Record<string, unknown>;

interface Snapshot {
  referral: Row[];
  caseEvent: Row[];
  auditLog: Row[];
  notification: Row[];
  /** Without `updated_at` (when the row was written) and `list_version` (compared on its own). */
  wachtlijstEntry: Row[];
}

/**
 * Issue 6 §2: the read model can be rebuilt from the workflows. Cases at different stages go through the API and
 * the real worker; the read model is snapshotted, wiped (referral rows and timelines), and rebuilt by the built
 * command in a child process, as an operator runs it; then it must equal the snapshot row for row.
 */
describe('rebuilding the read model from the workflows (real Temporal and Postgres)', () => {
  let wachtlijsten: WachtlijstTestStack;
  let stack: ApiTestStack;
  let snapshot: Snapshot;
  let aanbodId = '';
  /** Cases with a toewijzing to a full aanbod (capacity 1): on its wachtlijst as admitted, waiting, and removed. */
  const placed: Record<'admitted' | 'waiting' | 'removed', string> = { admitted: '', waiting: '', removed: '' };
  const allCases = (): string[] => [...Object.values(cases), ...Object.values(placed)];
  const cases: Record<'closed' | 'withdrawnPastTerm' | 'withdrawnKept' | 'overdue' | 'thuiszitterPaused' | 'uitvoering', string> = {
    closed: '',
    withdrawnPastTerm: '',
    withdrawnKept: '',
    overdue: '',
    thuiszitterPaused: '',
    uitvoering: '',
  };

  beforeAll(async () => {
    wachtlijsten = await WachtlijstTestStack.start({ withWorker: true, policy: REBUILD_POLICY, env: { RETENTION_SWEEP_INTERVAL: '1d' } });
    ({ stack } = wachtlijsten);
  }, 120_000);

  afterAll(async () => {
    await wachtlijsten?.stop();
  }, 60_000);

  const childRef = () => `lln-rb-${randomBytes(4).toString('hex')}`;

  async function referral(body = startReferralBody({ childRef: childRef() })): Promise<string> {
    const created = await stack.as(SCHOOL).post<{ referralId: string }>('/api/referrals', body);
    if (created.status !== 201) throw new Error(`start answered ${created.status}: ${JSON.stringify(created.body)}`);
    return created.body.referralId;
  }

  async function step(actor: Actor, referralId: string, path: string, body: unknown): Promise<ReferralStateBody> {
    const response = await stack.as(actor).post<ReferralStateBody>(`/api/referrals/${referralId}/${path}`, body);
    if (response.status !== 200) throw new Error(`${path} answered ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body;
  }

  const query = <T extends Row>(sql: string, parameters: unknown[] = []): Promise<T[]> => stack.readModel.query<T[]>(sql, parameters);

  async function takeSnapshot(): Promise<Snapshot> {
    return {
      referral: await query('SELECT * FROM referral ORDER BY id'),
      // The surrogate key `id` is a fresh uuid per insert (gen_random_uuid): (referral_id, seq) is the entry's identity.
      caseEvent: await query('SELECT referral_id, seq, type, occurred_at, actor_sub, actor_role, actor_org, request_id, stage, data FROM case_event ORDER BY referral_id, seq'),
      auditLog: await query('SELECT * FROM audit_log ORDER BY id'),
      notification: await query('SELECT * FROM notification ORDER BY id'),
      wachtlijstEntry: (await query('SELECT * FROM wachtlijst_entry ORDER BY aanbod_id, referral_id')).map(({ updated_at, list_version, ...row }) => row),
    };
  }

  /** The rows of the list as its own projection computes them from its state now, and its state version. */
  async function listProjection(): Promise<{ version: number; rows: Array<{ referralId: string; status: string }> }> {
    const state = await wachtlijsten.listOf(aanbodId);
    return { version: state.version, rows: [...wachtlijstEntryRows(state, new Map()).values()].sort((a, b) => (a.referralId < b.referralId ? -1 : 1)) };
  }

  /** What visibility, the workflows and the projections say stops changing: versions and timeline sizes stable for 3 s. */
  async function settled(): Promise<void> {
    const fingerprint = async () =>
      JSON.stringify([
        await query('SELECT r.id, r.version, (SELECT count(*) FROM case_event e WHERE e.referral_id = r.id) AS events FROM referral r ORDER BY r.id'),
        await query('SELECT aanbod_id, referral_id, list_version FROM wachtlijst_entry ORDER BY aanbod_id, referral_id'),
      ]);
    let last = await fingerprint();
    for (let stable = 0; stable < 3; ) {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const next = await fingerprint();
      stable = next === last ? stable + 1 : 0;
      last = next;
    }
  }

  /** The command as an operator runs it: the worker's environment, its report on stdout, its exit code. */
  async function runRebuild(): Promise<{ code: number | null; output: string; report: RebuildReport }> {
    const child = spawn(process.execPath, [REBUILD_MAIN], {
      env: {
        PATH: process.env['PATH'],
        DATABASE_URL: stack.database.url,
        TEMPORAL_ADDRESS: stack.config.temporal.address,
        TEMPORAL_NAMESPACE: stack.config.temporal.namespace,
        TEMPORAL_TASK_QUEUE: stack.config.temporal.taskQueue,
        SCHAKEL_ENV: 'test',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    const line = output.split('\n').find((l) => l.startsWith('{"rebuildReport"'));
    if (line === undefined) throw new Error(`no report from the rebuild (exit ${code}):\n${output}`);
    return { code, output, report: (JSON.parse(line) as { rebuildReport: RebuildReport }).rebuildReport };
  }

  /** The rebuilt tables against the snapshot. `anonymised_at` is when the sweep ran: set on both sides, its moment differs. */
  function expectEqualsSnapshot(rebuilt: Snapshot, options: { anonymisedAtMayDiffer: boolean }): void {
    const withoutSweepTime = (rows: Row[]) => rows.map(({ anonymised_at, ...row }) => ({ ...row, anonymised: anonymised_at !== null }));
    if (options.anonymisedAtMayDiffer) expect(withoutSweepTime(rebuilt.referral)).toEqual(withoutSweepTime(snapshot.referral));
    else expect(rebuilt.referral).toEqual(snapshot.referral);
    expect(rebuilt.caseEvent).toEqual(snapshot.caseEvent);
    expect(rebuilt.auditLog).toEqual(snapshot.auditLog);
    expect(rebuilt.notification).toEqual(snapshot.notification);
    expect(rebuilt.wachtlijstEntry).toEqual(snapshot.wachtlijstEntry);
  }

  it('runs cases through the API to different stages', async () => {
    // Closed after an evaluation: gecombineerd, kept 20 years.
    cases.closed = await referral();
    await step(LOKET, cases.closed, 'toewijzing', toewijzingBody());
    await step(SCHOOL, cases.closed, 'arrangement', arrangementBody(secondsFromNow(2)));
    await step(REGISSEUR, cases.closed, 'arrangement/approve', { note: 'Besproken met ouders' });
    await eventually(async () => (await stack.as(REGISSEUR).get<ReferralStateBody>(`/api/referrals/${cases.closed}`)).body.stage, (stage) => stage === 'evaluatie', 30_000, 'the evaluation date');
    await step(REGISSEUR, cases.closed, 'evaluation', { outcome: 'afsluiten', summary: 'Doelen behaald; leerling functioneert weer in de klas.' });

    // Withdrawn before a toewijzing (onderwijs, 2 seconds): the sweep anonymises it before the snapshot.
    cases.withdrawnPastTerm = await referral();
    await step(LOKET, cases.withdrawnPastTerm, 'withdraw', { reason: 'Ouders verhuizen naar Zeeland' });
    // Withdrawn after a jeugdhulp toewijzing: kept 20 years.
    cases.withdrawnKept = await referral();
    await step(LOKET, cases.withdrawnKept, 'toewijzing', toewijzingBody({ route: 'jeugdhulp' }));
    await step(LOKET, cases.withdrawnKept, 'withdraw', { reason: 'Zorg elders gevonden' });

    // Open and overdue: the loket never allocates, the ladder climbs to its top.
    cases.overdue = await referral();
    // A thuiszitter for three weeks, arrangement waiting for approval with its term paused.
    cases.thuiszitterPaused = await referral(startReferralBody({ childRef: childRef(), thuiszitter: { isThuiszitter: true, since: dutchDateOf(Date.now() - 21 * DAY) } }));
    await step(LOKET, cases.thuiszitterPaused, 'toewijzing', toewijzingBody());
    await step(SCHOOL, cases.thuiszitterPaused, 'arrangement', arrangementBody('2027-03-01'));
    await step(REGISSEUR, cases.thuiszitterPaused, 'deadlines/arrangementApproval-1/pause', { reason: 'Wacht op de ouders' });
    // In uitvoering, the evaluation months ahead.
    cases.uitvoering = await referral();
    await step(LOKET, cases.uitvoering, 'toewijzing', toewijzingBody({ route: 'onderwijs' }));
    await step(SCHOOL, cases.uitvoering, 'arrangement', arrangementBody('2027-03-01'));
    await step(REGISSEUR, cases.uitvoering, 'arrangement/approve', {});

    // On a full aanbod's wachtlijst: one case took its only place, one waits, one waited and was withdrawn.
    aanbodId = await wachtlijsten.ozaAanbod(1);
    const placeOnList = { route: 'gecombineerd', regisseurId: REGISSEUR.sub, aanbodId };
    for (const key of ['admitted', 'waiting', 'removed'] as const) {
      placed[key] = await referral();
      await step(LOKET, placed[key], 'toewijzing', placeOnList);
    }
    await step(LOKET, placed.removed, 'withdraw', { reason: 'Andere plek gevonden' });

    await eventually(() => query<{ escalation_level: number }>('SELECT escalation_level FROM referral WHERE id = $1', [cases.overdue]), ([row]) => row?.escalation_level === 2, 30_000, 'the overdue case at the top of its ladder');

    // The retention Schedule (put in place by the API at boot) sweeps once the onderwijs term has passed.
    const connection = await Connection.connect({ address: stack.config.temporal.address });
    try {
      const client = new Client({ connection, namespace: stack.config.temporal.namespace, dataConverter: stack.dataConverter });
      const schedule = client.schedule.getHandle(retentionScheduleId(stack.config.temporal.taskQueue));
      await eventually(() => schedule.describe().then(() => true, () => false), (found) => found, 30_000, 'the retention schedule');
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      await schedule.trigger();
    } finally {
      await connection.close();
    }
    await eventually(() => query<{ child_ref: string }>('SELECT child_ref FROM referral WHERE id = $1', [cases.withdrawnPastTerm]), ([row]) => row?.child_ref === ANONYMISED_CHILD_REF, 30_000, 'the past-term case anonymised');

    await settled();
    snapshot = await takeSnapshot();
    const stages = Object.fromEntries(snapshot.referral.map((row) => [row['id'], row['stage']]));
    expect(Object.values(cases).map((id) => stages[id])).toEqual(['afgesloten', 'ingetrokken', 'ingetrokken', 'toewijzing', 'arrangement', 'uitvoering']);
    // What the comparison covers: deadlines columns, escalations on the timeline, a paused term, an anonymised case.
    const byId = (id: string) => snapshot.referral.find((row) => row['id'] === id) as Row;
    expect(byId(cases.overdue)).toMatchObject({ escalation_level: 2, overdue_since: expect.any(Date), next_due_at: expect.any(Date) });
    expect(byId(cases.thuiszitterPaused)).toMatchObject({ thuiszitter: true, escalation_level: 2 });
    expect(byId(cases.uitvoering)).toMatchObject({ evaluation_due_at: expect.any(Date), arrangement_status: 'goedgekeurd' });
    expect(byId(cases.withdrawnPastTerm)).toMatchObject({ child_ref: ANONYMISED_CHILD_REF, anonymised_at: expect.any(Date) });
    const types = new Set(snapshot.caseEvent.map((row) => row['type']));
    for (const type of ['deadline.escalated', 'deadline.paused', 'evaluation.recorded', 'referral.withdrawn', 'referral.closed']) expect(types).toContain(type);
    expect(snapshot.notification.length).toBeGreaterThan(0);
    expect(Object.values(placed).map((id) => stages[id])).toEqual(['arrangement', 'wacht_op_plaats', 'ingetrokken']);
    const entries = Object.fromEntries(snapshot.wachtlijstEntry.map((row) => [row['referral_id'], row]));
    expect(Object.values(placed).map((id) => entries[id]?.['status'])).toEqual(['admitted', 'waiting', 'removed']);
    expect(entries[placed.waiting]).toMatchObject({ aanbod_id: aanbodId, norm_due_at: expect.any(Date), admitted_at: null, removed_at: null });
    expect(entries[placed.admitted]).toMatchObject({ admitted_at: expect.any(Date), removed_at: null });
  }, 120_000);

  it('covers every table of the read model: rebuilt, or kept because it is not derived from the workflows', async () => {
    const tables = await query<{ table_name: string }>(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`);
    expect(tables.map((t) => t.table_name)).toEqual(Object.keys(TABLES).sort());
  });

  it('rebuilds wiped referral rows, timelines and wachtlijst entries equal to the snapshot, keeping the audit log and notifications', async () => {
    await query('DELETE FROM case_event');
    await query('DELETE FROM referral');
    await query('DELETE FROM wachtlijst_entry');

    const { code, output, report } = await runRebuild();

    expect({ code, failed: report.failed }).toEqual({ code: 0, failed: [] });
    expect(report).toMatchObject({
      listed: 9,
      projected: 9,
      rowsWritten: 9,
      eventsWritten: snapshot.caseEvent.length,
      auditEntriesWritten: 0,
      skippedRemovedByRetention: 0,
      skippedNeverOpened: 0,
      wachtlijstenListed: 1,
      wachtlijstRowsWritten: 3,
    });
    // The past-term case came back from its workflow and was anonymised again by the sweep right after.
    expect(report.anonymisedByRetention).toBe(1);
    expect(output).toMatch(/9\/9 case\(s\)/);
    expectEqualsSnapshot(await takeSnapshot(), { anonymisedAtMayDiffer: true });
    // Written at the list's state version as the rebuild read it, so a later change of the list still replaces them.
    const { version } = await listProjection();
    expect(await query('SELECT DISTINCT list_version FROM wachtlijst_entry WHERE aanbod_id = $1', [aanbodId])).toEqual([{ list_version: version }]);
  }, 120_000);

  it('repairs a stale, a corrupted and a missing row in place, and leaves an anonymised case as it is', async () => {
    snapshot = await takeSnapshot();
    // Stale: an older version; corrupted: the same version with a wrong column (a projection bug since fixed).
    await query(`UPDATE referral SET stage = 'toewijzing', version = version - 3 WHERE id = $1`, [cases.uitvoering]);
    await query('UPDATE referral SET escalation_level = 0, overdue_since = NULL WHERE id = $1', [cases.overdue]);
    await query('DELETE FROM referral WHERE id = $1', [cases.closed]);
    await query('DELETE FROM case_event WHERE referral_id = $1 AND seq > 3', [cases.thuiszitterPaused]);
    // A wachtlijst row missing, and one behind its list (an older version that says the case still waits).
    await query('DELETE FROM wachtlijst_entry WHERE referral_id = $1', [placed.waiting]);
    await query(`UPDATE wachtlijst_entry SET status = 'waiting', removed_at = NULL, list_version = 0 WHERE referral_id = $1`, [placed.removed]);
    const restored = snapshot.caseEvent.filter((row) => row['referral_id'] === cases.thuiszitterPaused && (row['seq'] as number) > 3).length;

    const { code, report } = await runRebuild();

    expect({ code, failed: report.failed }).toEqual({ code: 0, failed: [] });
    expect(report).toMatchObject({
      listed: 9,
      projected: 9,
      rowsWritten: 3,
      eventsWritten: restored,
      auditEntriesWritten: 0,
      anonymisedByRetention: 0,
      wachtlijstenListed: 1,
      wachtlijstRowsWritten: 2,
    });
    // In place, the anonymised row is not rewritten: even its anonymised_at is the same moment.
    expectEqualsSnapshot(await takeSnapshot(), { anonymisedAtMayDiffer: false });
  }, 120_000);

  it('ends equal to the workflows when cases take steps while it runs', async () => {
    // The rebuild and the live projections race; both only ever move a row forward, so whichever commits last,
    // the read model ends at each workflow's projection.
    const rebuilding = runRebuild();
    await step(SCHOOL, cases.uitvoering, 'thuiszitter', { since: dutchDateOf(Date.now() - 7 * DAY), kind: 'absoluut_verzuim' });
    await step(LOKET, cases.overdue, 'withdraw', { reason: 'Gezin verhuisd' });
    await step(REGISSEUR, cases.thuiszitterPaused, 'deadlines/arrangementApproval-1/resume', {});
    await step(LOKET, placed.waiting, 'withdraw', { reason: 'Gezin verhuisd' });
    const { code, report } = await rebuilding;
    expect({ code, failed: report.failed }).toEqual({ code: 0, failed: [] });
    await settled();

    const connection = await Connection.connect({ address: stack.config.temporal.address });
    try {
      const client = new Client({ connection, namespace: stack.config.temporal.namespace, dataConverter: stack.dataConverter });
      for (const referralId of allCases()) {
        const projection = await client.workflow.getHandle(referralWorkflowId(referralId)).query(referralProjectionQuery);
        const [row] = await query<{ version: number; stage: string; events: string }>(
          'SELECT version, stage, (SELECT count(*) FROM case_event WHERE referral_id = $1)::text AS events FROM referral WHERE id = $1',
          [referralId],
        );
        expect({ referralId, ...row }).toEqual({ referralId, version: projection.summary.version, stage: projection.summary.stage, events: String(projection.events.length) });
      }
    } finally {
      await connection.close();
    }
    const list = await listProjection();
    const rows = await query<{ referral_id: string; status: string }>('SELECT referral_id, status FROM wachtlijst_entry WHERE aanbod_id = $1 ORDER BY referral_id', [aanbodId]);
    expect(rows.map(({ referral_id, status }) => ({ referralId: referral_id, status }))).toEqual(list.rows.map(({ referralId, status }) => ({ referralId, status })));
    expect(rows.find((row) => row.referral_id === placed.waiting)?.status).toBe('removed');
  }, 120_000);
});
