import { randomUUID } from 'node:crypto';
import { NATIONAL_DEADLINE_POLICY, resolveDeadlinePolicy, type Actor } from '@schakel/domain';
import { BareTemporalClient } from '../bare-temporal.client';
import { addCalls, callsPerRequest, describeCalls, temporalCallCounts } from '../api-metrics.scraper';
import { CpuPerOperation, CpuSampler } from '../cpu.sampler';
import { round, summarise, type LatencySummary } from '../latency.stats';
import { performance } from 'node:perf_hooks';
import { runClosedLoop, sleep } from '../load.runner';
import { ProgressBar } from '../progress.bar';
import { BENCH_REGION, schoolActor, startBody } from '../referral-load.factory';
import { cpuPerOperationTable, fmt, latencyTable } from '../report.writer';
import type { Scenario, ScenarioContext } from '../scenario.types';
import { cdfPoints, lineChart } from '../svg.chart';

type Side = 'api' | 'bare-start' | 'bare-start+intake';
const SIDES: readonly Side[] = ['api', 'bare-start', 'bare-start+intake'];
const SCHOOLS = 200;

interface SideFigures {
  latency: LatencySummary;
  /** Sustained: starts per second until the worker had every intake on record (batch wall time + drain). */
  throughputPerSecond: number;
  /** Starts per second while the batch ran (a bare start returns before the worker did anything). */
  requestRatePerSecond: number;
  /** Time spent after the batch waiting for the worker to catch up. */
  drainSeconds: number;
  errors: number;
  errorSamples: string[];
  perRoundThroughput: number[];
  /** CPU milliseconds each process spent per start, the worker's intake included. */
  cpuMsPerStart: Record<string, number>;
}

/**
 * Issue 7 §1 "start". Three sides take turns, round by round, at the same concurrency, on the same servers:
 *  - api: POST /api/referrals, which starts the workflow and answers once the intake is on record (before issue 7
 *    §3 it learnt that by polling the workflow's state Query and asking its events Query who started it);
 *  - bare-start: the same StartWorkflowExecution with the same input, options and payload codec, nothing else;
 *  - bare-start+intake: the same start, then the wait a 201 stands for: until the intake is in the read model
 *    (polled in Postgres, as the API does since issue 7 §3), without HTTP, Nest, auth, validation or the audit
 *    log. The difference between api and this side is the API layer itself.
 * Alternating in rounds means slow minutes on a shared machine hurt every side alike.
 */
export const startScenario: Scenario = {
  name: 'start',
  title: 'start: POST /api/referrals against a bare Temporal client',
  async run(context: ScenarioContext) {
    const { settings, api, bare, stack } = context;
    const perSide = settings.n ?? (settings.quick ? 60 : 300);
    const rounds = settings.quick ? 3 : 10;
    const batch = Math.max(1, Math.floor(perSide / rounds));
    const concurrency = settings.concurrency;
    const policy = resolveDeadlinePolicy(NATIONAL_DEADLINE_POLICY, BENCH_REGION);
    const schools: Actor[] = Array.from({ length: SCHOOLS }, (_, i) => schoolActor(i));
    const tokens = await Promise.all(schools.map((school) => context.token(school)));
    let next = 0;
    const pick = (): { school: Actor; token: string } => {
      const i = next++ % SCHOOLS;
      return { school: schools[i] as Actor, token: tokens[i] as string };
    };

    /**
     * What a 201 from the API promises: the intake is in the read model (the row past gesignaleerd, and its first
     * event names the starting request). Polled in Postgres at the cadence of the API's own wait.
     */
    const awaitIntakeOnRecord = async (referralId: string, requestId: string): Promise<void> => {
      const deadline = Date.now() + 30_000;
      for (let pause = 10; ; pause = Math.min(Math.round(pause * 1.5), 100)) {
        const { rows } = (await stack.pool?.query<{ stage: string; request_id: string | null }>(
          'SELECT r.stage, e.request_id FROM referral r LEFT JOIN case_event e ON e.referral_id = r.id AND e.seq = 1 WHERE r.id = $1',
          [referralId],
        )) ?? { rows: [] };
        const row = rows[0];
        if (row !== undefined && row.stage !== 'gesignaleerd') {
          if (row.request_id !== requestId) throw new Error('started by another request');
          return;
        }
        if (Date.now() > deadline) throw new Error(`intake of ${referralId} not on record within 30 s`);
        await sleep(pause);
      }
    };

    // The cases each batch started, so the batch can wait until the worker has put all of them on record.
    let batchIds: string[] = [];
    let answeredBeforeIntake = 0;
    const operation: Record<Side, () => Promise<unknown>> = {
      api: async () => {
        const { school, token } = pick();
        const body = await api.expect<{ referralId: string; stage: string }>(201, api.post('/api/referrals', token, startBody(school)));
        batchIds.push(body.referralId);
        // After INTAKE_WAIT_MS (5 s) the API answers anyway, with the stage reached: a valid answer, but a sign of overload.
        if (body.stage !== 'toewijzing') answeredBeforeIntake += 1;
      },
      'bare-start': async () => {
        const { school } = pick();
        const input = BareTemporalClient.inputFor(school, startBody(school), policy);
        await bare.start(input);
        batchIds.push(input.referralId);
      },
      'bare-start+intake': async () => {
        const { school } = pick();
        const input = BareTemporalClient.inputFor(school, startBody(school), policy, randomUUID());
        await bare.start(input);
        batchIds.push(input.referralId);
        await awaitIntakeOnRecord(input.referralId, input.requestId as string);
      },
    };

    /**
     * A bare start returns as soon as the server has the workflow; the worker's intake (projection, the child's
     * plan) is still to come and would slow whichever side runs next. So every batch ends when the worker has put
     * all its cases on record, and that wait counts toward the side's sustained rate: the work a side causes is
     * paid for by that side, and alternating rounds stay independent.
     */
    const drain = async (): Promise<number> => {
      const ids = batchIds;
      batchIds = [];
      const began = performance.now();
      for (let pause = 20; ; pause = Math.min(pause * 2, 200)) {
        const { rows } = (await stack.pool?.query<{ n: string }>(`SELECT count(*) AS n FROM referral WHERE id = ANY($1::uuid[]) AND stage <> 'gesignaleerd'`, [ids])) ?? { rows: [] };
        if (Number(rows[0]?.n ?? 0) >= ids.length) return performance.now() - began;
        if (performance.now() - began > 600_000) throw new Error(`the worker did not put ${ids.length} cases on record within 10 minutes`);
        await sleep(pause);
      }
    };

    // Warm-up: connections, JIT, the worker's first bundles and the dev server's caches; not measured.
    const warmup = settings.quick ? 10 : 50;
    for (const side of SIDES) {
      await runClosedLoop(warmup, concurrency, operation[side]);
      await drain();
    }

    const latencies: Record<Side, number[]> = { api: [], 'bare-start': [], 'bare-start+intake': [] };
    const walls: Record<Side, number> = { api: 0, 'bare-start': 0, 'bare-start+intake': 0 };
    const drains: Record<Side, number> = { api: 0, 'bare-start': 0, 'bare-start+intake': 0 };
    const cpuPerStart: Record<Side, CpuPerOperation> = { api: new CpuPerOperation(), 'bare-start': new CpuPerOperation(), 'bare-start+intake': new CpuPerOperation() };
    const batchCpu = new CpuSampler(() => context.stack.processRoots());
    const apiCalls = new Map<string, number>();
    let apiRequests = 0;
    const errors: Record<Side, { count: number; samples: string[] }> = { api: { count: 0, samples: [] }, 'bare-start': { count: 0, samples: [] }, 'bare-start+intake': { count: 0, samples: [] } };
    const perRound: Record<Side, number[]> = { api: [], 'bare-start': [], 'bare-start+intake': [] };
    const progress = new ProgressBar('start', batch * rounds * SIDES.length);
    let done = 0;
    const cpu = new CpuSampler(() => context.stack.processRoots());
    cpu.start();
    for (let r = 0; r < rounds; r += 1) {
      // Rotate who goes first, so no side always follows the same one (e.g. the backlog of bare starts).
      const order = SIDES.map((_, i) => SIDES[(i + r) % SIDES.length] as Side);
      for (const side of order) {
        const before = done;
        if (side === 'api') api.dropIdleConnections();
        const callsBefore = side === 'api' ? await temporalCallCounts(stack.apiUrl) : undefined;
        batchCpu.start();
        const result = await runClosedLoop(batch, concurrency, operation[side], (completed) => progress.update(before + completed, `round ${r + 1}/${rounds} ${side}`));
        if (callsBefore !== undefined) {
          addCalls(apiCalls, callsBefore, await temporalCallCounts(stack.apiUrl));
          apiRequests += batch;
        }
        const drained = await drain();
        cpuPerStart[side].add(batchCpu.stop(), result.latencies.length);
        done = before + batch;
        latencies[side].push(...result.latencies);
        walls[side] += result.wallMs;
        drains[side] += drained;
        perRound[side].push(round((result.latencies.length / (result.wallMs + drained)) * 1000, 1));
        errors[side].count += result.errors;
        for (const sample of result.errorSamples) if (errors[side].samples.length < 5 && !errors[side].samples.includes(sample)) errors[side].samples.push(sample);
      }
    }
    const cpuReport = cpu.stop();
    progress.finish();

    // One at a time, alternating: latency without queueing, where the API's own overhead is not hidden behind
    // the worker's backlog.
    const single = settings.quick ? 10 : 40;
    const singleSides: readonly Side[] = ['api', 'bare-start+intake'];
    const singleLatencies: Record<string, number[]> = { api: [], 'bare-start+intake': [] };
    const singleProgress = new ProgressBar('start, one at a time', single * singleSides.length);
    for (let i = 0; i < single; i += 1) {
      for (const side of i % 2 === 0 ? singleSides : [...singleSides].reverse()) {
        if (side === 'api') api.dropIdleConnections();
        const one = await runClosedLoop(1, 1, operation[side]);
        singleLatencies[side]?.push(...one.latencies);
        await drain();
        singleProgress.tick();
      }
    }
    singleProgress.finish();
    const oneAtATime = { api: summarise(singleLatencies['api'] ?? []), 'bare-start+intake': summarise(singleLatencies['bare-start+intake'] ?? []) };

    const figures = Object.fromEntries(
      SIDES.map((side) => [
        side,
        {
          latency: summarise(latencies[side]),
          throughputPerSecond: round((latencies[side].length / (walls[side] + drains[side])) * 1000, 1),
          requestRatePerSecond: round((latencies[side].length / walls[side]) * 1000, 1),
          drainSeconds: round(drains[side] / 1000, 1),
          errors: errors[side].count,
          errorSamples: errors[side].samples,
          perRoundThroughput: perRound[side],
          cpuMsPerStart: cpuPerStart[side].result(),
        } satisfies SideFigures,
      ]),
    ) as Record<Side, SideFigures>;
    const apiFig = figures.api;
    const ratio = (other: Side) => round(apiFig.throughputPerSecond / figures[other].throughputPerSecond, 3);
    const overhead = (other: Side, p: 'p50' | 'p99') => round(apiFig.latency[p] - figures[other].latency[p], 1);
    const apiAnsweredBeforeIntake = answeredBeforeIntake;
    const temporalCallsPerApiStart = callsPerRequest(new Map(), apiCalls, apiRequests);
    const comparisons = {
      vsBareStart: { throughputRatio: ratio('bare-start'), p50OverheadMs: overhead('bare-start', 'p50'), p99OverheadMs: overhead('bare-start', 'p99') },
      vsBareStartWithIntake: { throughputRatio: ratio('bare-start+intake'), p50OverheadMs: overhead('bare-start+intake', 'p50'), p99OverheadMs: overhead('bare-start+intake', 'p99') },
    };
    const judge = !settings.quick;
    const targets = [
      { what: 'API throughput vs bare start', target: '≥ 0.9×', measured: `${comparisons.vsBareStart.throughputRatio}× (${apiFig.throughputPerSecond} vs ${figures['bare-start'].throughputPerSecond}/s)`, met: judge ? comparisons.vsBareStart.throughputRatio >= 0.9 : null },
      { what: 'API p99 overhead vs bare start', target: '≤ 5 ms', measured: `${comparisons.vsBareStart.p99OverheadMs} ms`, met: judge ? comparisons.vsBareStart.p99OverheadMs <= 5 : null },
      { what: 'API throughput vs bare start + intake on record', target: '≥ 0.9×', measured: `${comparisons.vsBareStartWithIntake.throughputRatio}× (${apiFig.throughputPerSecond} vs ${figures['bare-start+intake'].throughputPerSecond}/s)`, met: judge ? comparisons.vsBareStartWithIntake.throughputRatio >= 0.9 : null },
      { what: 'API p99 overhead vs bare start + intake on record', target: '≤ 5 ms', measured: `${comparisons.vsBareStartWithIntake.p99OverheadMs} ms`, met: judge ? comparisons.vsBareStartWithIntake.p99OverheadMs <= 5 : null },
      {
        what: 'API p99 overhead one at a time vs bare start + intake on record',
        target: '≤ 5 ms',
        measured: `${fmt(oneAtATime.api.p99 - oneAtATime['bare-start+intake'].p99)} ms (p50 ${fmt(oneAtATime.api.p50 - oneAtATime['bare-start+intake'].p50)} ms)`,
        met: judge ? oneAtATime.api.p99 - oneAtATime['bare-start+intake'].p99 <= 5 : null,
      },
      { what: 'starts/s sustained through the API', target: '≥ 100/s', measured: `${apiFig.throughputPerSecond}/s`, met: judge ? apiFig.throughputPerSecond >= 100 : null },
    ];

    const markdown = [
      `${perSide} starts per side in ${rounds} alternating rounds of ${batch}, ${concurrency} in flight, after ${warmup} warm-up starts per side. Every start is a new child (its own childPlanWorkflow), from one of ${SCHOOLS} schools. Payloads encrypted (AES-256-GCM) on every side.`,
      '',
      ...latencyTable(
        SIDES.map((side) => ({ name: side, summary: figures[side].latency, extra: `${figures[side].throughputPerSecond}/s sustained (${figures[side].requestRatePerSecond}/s while starting, then ${figures[side].drainSeconds} s for the worker to catch up), ${figures[side].errors} errors` })),
        'throughput',
      ),
      '',
      '| API compared with | throughput ratio | p50 overhead | p99 overhead |',
      '|---|---|---|---|',
      `| bare start | ${comparisons.vsBareStart.throughputRatio}× | ${fmt(comparisons.vsBareStart.p50OverheadMs)} ms | ${fmt(comparisons.vsBareStart.p99OverheadMs)} ms |`,
      `| bare start + intake on record | ${comparisons.vsBareStartWithIntake.throughputRatio}× | ${fmt(comparisons.vsBareStartWithIntake.p50OverheadMs)} ms | ${fmt(comparisons.vsBareStartWithIntake.p99OverheadMs)} ms |`,
      '',
      `One start at a time (${single} per side, alternating; no queue at the worker):`,
      '',
      ...latencyTable([
        { name: 'api', summary: oneAtATime.api },
        { name: 'bare-start+intake', summary: oneAtATime['bare-start+intake'] },
      ]),
      '',
      `API overhead one at a time: p50 ${fmt(oneAtATime.api.p50 - oneAtATime['bare-start+intake'].p50)} ms, p99 ${fmt(oneAtATime.api.p99 - oneAtATime['bare-start+intake'].p99)} ms.`,
      '',
      `Temporal calls per POST /api/referrals (the API's own metrics): ${describeCalls(temporalCallsPerApiStart)}.`,
      '',
      ...cpuPerOperationTable(Object.fromEntries(SIDES.map((side) => [side, figures[side].cpuMsPerStart])), 'start (its intake included)'),
      '',
      `On a machine of ${cpuReport.cores} cores with nothing else running, that CPU cost allows at most ${SIDES.map((side) => `${side} ${fmt((cpuReport.cores * 1000) / (figures[side].cpuMsPerStart['total'] ?? Number.NaN), 0)}/s`).join(', ')} (cores × 1000 / total CPU ms per start; an upper bound that ignores waiting).`,
      '',
      'Sustained throughput counts each batch until the worker has every intake of it on record in Postgres: a bare start returns before the worker has done anything, so its request rate alone would compare a promise with a finished intake.',
      '',
      `Sustained throughput per round (starts/s): ${SIDES.map((side) => `${side} ${figures[side].perRoundThroughput.join(', ')}`).join('; ')}.`,
      ...(apiAnsweredBeforeIntake > 0 ? [`\n${apiAnsweredBeforeIntake} API starts (warm-up included) answered after the 5 s intake wait with the stage gesignaleerd: the worker was behind.`] : []),
      ...SIDES.filter((side) => figures[side].errors > 0).map((side) => `\nErrors on ${side}: ${figures[side].errorSamples.join(' | ')}`),
    ].join('\n');

    const charts = [
      {
        file: 'start-latency.svg',
        svg: lineChart({
          title: `Start latency, ${concurrency} in flight (CDF)`,
          xLabel: 'latency (ms, log scale)',
          yLabel: '% of starts at or below',
          logX: true,
          yMin: 0,
          yMax: 100,
          series: SIDES.map((side) => ({ name: `${side} (p50 ${fmt(figures[side].latency.p50)} ms, p99 ${fmt(figures[side].latency.p99)} ms)`, points: cdfPoints(latencies[side]) })),
        }),
      },
    ];
    return { settings: { perSide, rounds, batch, concurrency, warmup, schools: SCHOOLS }, figures: { ...figures, comparisons, apiAnsweredBeforeIntake, temporalCallsPerApiStart, oneAtATime }, targets, cpu: cpuReport, markdown, charts };
  },
};
