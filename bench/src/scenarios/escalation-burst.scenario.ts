import { dutchDateOf, NATIONAL_DEADLINE_POLICY, resolveDeadlinePolicy, startOfDutchDay, type Actor, type ResolvedDeadlinePolicy } from '@schakel/domain';
import { BareTemporalClient } from '../bare-temporal.client';
import { CpuPerOperation, CpuSampler } from '../cpu.sampler';
import { tasksPerOperation, workerTaskCounts } from '../worker-metrics.scraper';
import { round, summarise } from '../latency.stats';
import { countOnRecord, loadCases } from '../case.loader';
import { sleep } from '../load.runner';
import { ProgressBar } from '../progress.bar';
import { schoolActor, startBody } from '../referral-load.factory';
import { cpuPerOperationTable, fmt, latencyTable } from '../report.writer';
import type { Scenario, ScenarioContext } from '../scenario.types';
import { lineChart } from '../svg.chart';

const REGION = 'swv-burst';
const SCHOOLS = 100;

interface Escalation {
  referralId: string;
  /** When the workflow recorded the escalation (its workflow task's time), on the timeline. */
  recordedAt: number;
  dueAt: number;
  /** When the bench first saw the escalation in the read model (polling every 250 ms). */
  visibleAt: number;
}

/**
 * Issue 7 §1 "escalation burst": N cases whose deadlines expire in the same second. The thuiszitter ladder counts
 * from the first day at home (the start of a Dutch calendar day, DOMAIN.md §1.7), so N pupils at home since today
 * share one anchor; a policy whose thuiszitter term is that many seconds gives all N the same due moment, a
 * minute or two after the run starts, and its one ladder level escalates at the due moment itself. The policy
 * travels in the workflow input (as the API resolves it, ADR 0004), so the cases are started with the bare client;
 * the API takes no part in escalations. Lateness is the escalation's recorded time on the case's timeline
 * (`deadline.escalated`, the workflow's own clock) minus its due moment.
 */
export const escalationBurstScenario: Scenario = {
  name: 'escalation-burst',
  title: 'escalation burst: N deadlines expiring in the same second',
  async run(context: ScenarioContext) {
    const { settings, stack } = context;
    const cases = settings.n ?? (settings.quick ? 50 : 1000);
    // --cache: the burst with a worker cache of that size (e.g. large enough that no escalation replays its history).
    if (settings.cacheSize !== undefined && settings.cacheSize !== stack.workerCacheSize) {
      context.log(`  restarting the worker with WORKER_MAX_CACHED_WORKFLOWS=${settings.cacheSize}`);
      await stack.restartWorker(settings.cacheSize);
    }
    const schools: Actor[] = Array.from({ length: SCHOOLS }, (_, i) => schoolActor(i, REGION));
    // The due moment must lie after every intake is on record, and the term is fixed before the first start: so
    // first measure how fast this worker takes in cases right now (a busy shared machine varies a lot).
    const calibrationPolicy = resolveDeadlinePolicy(NATIONAL_DEADLINE_POLICY, REGION);
    const calibrationSize = Math.min(100, Math.max(20, Math.round(cases / 10)));
    const calibration = await loadCases(context, calibrationSize, (index) => {
      const school = schools[index % SCHOOLS] as Actor;
      return BareTemporalClient.inputFor(school, startBody(school), calibrationPolicy);
    });
    const intakeRate = calibration.ids.length / calibration.seconds;
    const leadMs = 20_000 + ((cases / intakeRate) * 1.4 + 5) * 1000;
    const since = dutchDateOf(Date.now());
    const anchor = startOfDutchDay(since);
    const termSeconds = Math.ceil((Date.now() + leadMs - anchor) / 1000);
    const dueAt = anchor + termSeconds * 1000;
    const policy = burstPolicy(termSeconds);
    context.log(`  intake rate ${round(intakeRate, 1)} cases/s; ${cases} thuiszitter cases (at home since ${since}) fall due at ${new Date(dueAt).toISOString()}, in ${round((dueAt - Date.now()) / 1000, 0)} s`);

    const progress = new ProgressBar('burst cases on record', cases);
    const started = await loadCases(
      context,
      cases,
      (index) => {
        const school = schools[index % SCHOOLS] as Actor;
        return BareTemporalClient.inputFor(school, startBody(school, { thuiszitterSince: since }), policy);
      },
      (n) => progress.update(n, `due in ${Math.max(0, Math.round((dueAt - Date.now()) / 1000))} s`),
    );
    progress.finish();
    if (started.errors > 0) throw new Error(`${started.errors} burst cases did not start: ${started.errorSamples.join(' | ')}`);
    const ids = started.ids;
    const onRecord = Date.now() < dueAt ? await countOnRecord(context, ids) : await countOnRecordBefore(context, ids, dueAt);
    if (onRecord < cases) context.log(`  only ${onRecord}/${cases} intakes were on record before the due moment; their escalations count all the same`);
    await sleep(Math.max(0, dueAt - 1_000 - Date.now()));

    const tasksBefore = await workerTaskCounts(stack.workerOpsUrl);
    const cpu = new CpuSampler(() => stack.processRoots());
    cpu.start();
    const seen = new Map<string, Escalation>();
    const watch = new ProgressBar('escalations', cases);
    const giveUpAt = dueAt + 180_000;
    while (seen.size < cases && Date.now() < giveUpAt) {
      const rows = await stack.pool?.query<{ referral_id: string; occurred_at: Date; due_at: string }>(
        `SELECT referral_id, occurred_at, data->>'dueAt' AS due_at FROM case_event
         WHERE type = 'deadline.escalated' AND data->>'rule' = 'thuiszitter' AND referral_id = ANY($1::uuid[])`,
        [ids],
      );
      const now = Date.now();
      for (const row of rows?.rows ?? []) {
        if (seen.has(row.referral_id)) continue;
        seen.set(row.referral_id, { referralId: row.referral_id, recordedAt: row.occurred_at.getTime(), dueAt: Date.parse(row.due_at), visibleAt: now });
      }
      watch.update(seen.size, now < dueAt ? `due in ${round((dueAt - now) / 1000, 1)} s` : `${round((now - dueAt) / 1000, 1)} s after due`);
      await sleep(250);
    }
    watch.finish();
    const cpuReport = cpu.stop();

    const escalations = [...seen.values()];
    const workflowTasksPerEscalation = tasksPerOperation(tasksBefore, await workerTaskCounts(stack.workerOpsUrl), seen.size);
    const perEscalation = new CpuPerOperation();
    perEscalation.add(cpuReport, escalations.length);
    const cpuMsPerEscalation = perEscalation.result();
    const lateness = escalations.map((e) => e.recordedAt - e.dueAt);
    const visible = escalations.map((e) => e.visibleAt - e.dueAt);
    const recordedSummary = summarise(lateness);
    const visibleSummary = summarise(visible);
    const early = lateness.filter((ms) => ms < 0).length;
    const otherDue = escalations.filter((e) => e.dueAt !== dueAt).length;
    const allWithinMs = escalations.length === cases ? Math.max(...lateness) : Number.POSITIVE_INFINITY;
    const judge = !settings.quick || cases >= 1000;

    const figures = {
      cases,
      dueAt: new Date(dueAt).toISOString(),
      policyTermSeconds: termSeconds,
      intakesOnRecordBeforeDue: onRecord,
      escalated: escalations.length,
      escalationsWithAnotherDueMoment: otherDue,
      early,
      recordedLatenessMs: recordedSummary,
      visibleInReadModelLatenessMs: visibleSummary,
      workerCacheSize: stack.workerCacheSize,
      cpuMsPerEscalation,
      workflowTasksPerEscalation,
      lateness: escalations.map((e) => ({ referralId: e.referralId, recordedMs: e.recordedAt - e.dueAt, visibleMs: e.visibleAt - e.dueAt })),
    };
    const targets = [
      { what: 'escalation lateness p99 (recorded − due)', target: '≤ 1 s', measured: `${fmt(recordedSummary.p99 / 1000, 2)} s`, met: judge ? recordedSummary.p99 <= 1000 : null },
      { what: 'never early', target: '0 before the due moment', measured: `${early} early (min ${fmt(recordedSummary.min, 0)} ms)`, met: early === 0 },
      {
        what: `${cases} at once all escalated`,
        target: cases >= 1000 ? 'within 10 s' : 'within 10 s (at 1,000)',
        measured: escalations.length === cases ? `all ${cases}, the last ${fmt(allWithinMs / 1000, 2)} s after due` : `${escalations.length}/${cases}`,
        met: judge ? escalations.length === cases && allWithinMs <= 10_000 : null,
      },
    ];
    const markdown = [
      `${cases} thuiszitter referrals (each a new child), started with the bare client; one policy (version ${policy.version}) whose thuiszitter term of ${termSeconds} s from the start of ${since} puts every due moment at ${new Date(dueAt).toISOString()}; one ladder level at the due moment. ${onRecord}/${cases} intakes were on record before it. Worker cache: ${stack.workerCacheSize} workflows (${cases * 2} workflows in the burst: referrals and their children's plans), so part of the burst replays from history.`,
      '',
      ...latencyTable([
        { name: 'recorded on the timeline − due', summary: recordedSummary },
        { name: 'visible in the read model − due (250 ms polling)', summary: visibleSummary },
      ]),
      '',
      `Escalated: ${escalations.length}/${cases}; early: ${early}; escalations with another due moment: ${otherDue}. Worker: ${workflowTasksPerEscalation?.workflowTasks ?? '–'} workflow tasks per escalation, ${workflowTasksPerEscalation?.withoutCache ?? '–'} of them without the workflow in the sticky cache (a replay of its history).`,
      '',
      ...cpuPerOperationTable({ 'escalation (timer, workflow task, projection, notification)': cpuMsPerEscalation }, 'escalation'),
    ].join('\n');
    const cumulative = (values: number[]) => [...values].sort((a, b) => a - b).map((ms, i) => ({ x: ms / 1000, y: i + 1 }));
    const charts = [
      {
        file: 'escalation-burst.svg',
        svg: lineChart({
          title: `${cases} deadlines due in the same second: escalations over time`,
          xLabel: 'seconds after the due moment',
          yLabel: 'cases escalated',
          yMin: 0,
          xMin: Math.min(0, ...lateness.map((ms) => ms / 1000)),
          series: [
            { name: 'recorded by the workflow', points: cumulative(lateness) },
            { name: 'visible in the read model', points: cumulative(visible) },
          ],
          markers: [{ axis: 'x', at: 1, label: '1 s' }],
        }),
      },
    ];
    return { settings: { cases, leadSeconds: round(leadMs / 1000, 0), calibration: { cases: calibration.ids.length, seconds: round(calibration.seconds, 1), intakeRatePerSecond: round(intakeRate, 1) }, concurrency: settings.concurrency, region: REGION, workerCacheSize: stack.workerCacheSize }, figures, targets, cpu: cpuReport, markdown, charts };
  },
};

/** The national policy, with a thuiszitter ladder of one level that falls due `termSeconds` after the first day at home began. */
function burstPolicy(termSeconds: number): ResolvedDeadlinePolicy {
  const policy = resolveDeadlinePolicy(NATIONAL_DEADLINE_POLICY, REGION);
  return {
    ...policy,
    version: 'bench-escalation-burst',
    rules: {
      ...policy.rules,
      thuiszitter: {
        description: 'bench: every pupil at home since today falls due in the same second',
        term: { amount: termSeconds, unit: 'seconden' },
        atw: false,
        escalation: [{ after: { amount: 0, unit: 'seconden' }, to: [{ role: 'loket', via: 'region' }] }],
        source: 'bench/src/scenarios/escalation-burst.scenario.ts',
      },
    },
  };
}

/** Intakes whose toewijzing was requested before `at`: the case was waiting on its timer by then. */
async function countOnRecordBefore(context: ScenarioContext, ids: readonly string[], at: number): Promise<number> {
  const result = await context.stack.pool?.query<{ n: string }>(
    `SELECT count(DISTINCT referral_id) AS n FROM case_event WHERE referral_id = ANY($1::uuid[]) AND type = 'toewijzing.requested' AND occurred_at < $2`,
    [ids, new Date(at)],
  );
  return Number(result?.rows[0]?.n ?? 0);
}
