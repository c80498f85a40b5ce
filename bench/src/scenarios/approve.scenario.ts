import { NATIONAL_DEADLINE_POLICY, resolveDeadlinePolicy, type Actor } from '@schakel/domain';
import { BareTemporalClient } from '../bare-temporal.client';
import { addCalls, callsPerRequest, describeCalls, temporalCallCounts } from '../api-metrics.scraper';
import { CpuPerOperation, CpuSampler } from '../cpu.sampler';
import { tasksPerOperation, workerTaskCounts, type WorkerTaskCounts } from '../worker-metrics.scraper';
import { round, summarise, type LatencySummary } from '../latency.stats';
import { runClosedLoop } from '../load.runner';
import { ProgressBar } from '../progress.bar';
import { arrangementBody, BENCH_REGION, loketActor, regisseurActor, schoolActor, startBody, toewijzingBody } from '../referral-load.factory';
import { cpuPerOperationTable, fmt, latencyTable } from '../report.writer';
import type { Scenario, ScenarioContext } from '../scenario.types';
import { cdfPoints, lineChart } from '../svg.chart';

type Side = 'api' | 'bare-update';
const SIDES: readonly Side[] = ['api', 'bare-update'];
const REGISSEURS = 40;
const SCHOOLS = 100;

interface ReadyCase {
  referralId: string;
  regisseur: Actor;
}

/**
 * Issue 7 §1 "approve": the regisseur's approval. Cases are brought to "ter goedkeuring" beforehand (start,
 * toewijzing naming one of many regisseurs, arrangement) through the bare client, which is not measured. Then
 * the API's POST /api/referrals/:id/arrangement/approve and the bare approveArrangement Update take turns on
 * disjoint cases, at the same concurrency. Both wait for the same thing: the workflow answers an Update only
 * once its events are in the read model (the projection activity), so both include one activity round trip.
 */
export const approveScenario: Scenario = {
  name: 'approve',
  title: 'approve: the approval Update through the API against a bare Update',
  async run(context: ScenarioContext) {
    const { settings, api, bare } = context;
    const perSide = settings.n ?? (settings.quick ? 30 : 300);
    const rounds = settings.quick ? 3 : 10;
    const batch = Math.max(1, Math.floor(perSide / rounds));
    const warmup = settings.quick ? 5 : 30;
    const concurrency = settings.concurrency;
    const policy = resolveDeadlinePolicy(NATIONAL_DEADLINE_POLICY, BENCH_REGION);
    const loket = loketActor();
    const needed = (batch * rounds + warmup) * SIDES.length;

    const prepare = new ProgressBar('prepare (start, toewijzing, arrangement)', needed);
    const ready: ReadyCase[] = [];
    const prepared = await runClosedLoop(
      needed,
      concurrency,
      async (index) => {
        const school = schoolActor(index % SCHOOLS);
        const regisseur = regisseurActor(index % REGISSEURS);
        const input = BareTemporalClient.inputFor(school, startBody(school), policy);
        await bare.start(input);
        // No wait for the intake: the toewijzing Update itself waits for it inside the workflow.
        await bare.toewijzing(input.referralId, loket, toewijzingBody(regisseur));
        await bare.submitArrangement(input.referralId, school, arrangementBody());
        ready.push({ referralId: input.referralId, regisseur });
      },
      (completed) => prepare.update(completed),
    );
    prepare.finish();
    if (prepared.errors > 0) throw new Error(`${prepared.errors} cases could not be prepared: ${prepared.errorSamples.join(' | ')}`);

    const tokens = new Map<string, string>();
    for (let i = 0; i < REGISSEURS; i += 1) tokens.set(regisseurActor(i).sub, await context.token(regisseurActor(i)));
    let cursor = 0;
    const take = (): ReadyCase => {
      const next = ready[cursor++];
      if (next === undefined) throw new Error('ran out of prepared cases');
      return next;
    };
    const operation: Record<Side, () => Promise<unknown>> = {
      api: async () => {
        const { referralId, regisseur } = take();
        const body = await api.expect<{ stage: string }>(200, api.post(`/api/referrals/${referralId}/arrangement/approve`, tokens.get(regisseur.sub) as string, {}));
        if (body.stage !== 'uitvoering') throw new Error(`approved into stage ${body.stage}`);
      },
      'bare-update': async () => {
        const { referralId, regisseur } = take();
        const state = await bare.approve(referralId, regisseur, {});
        if (state.stage !== 'uitvoering') throw new Error(`approved into stage ${state.stage}`);
      },
    };
    for (const side of SIDES) await runClosedLoop(warmup, concurrency, operation[side]);

    const latencies: Record<Side, number[]> = { api: [], 'bare-update': [] };
    const walls: Record<Side, number> = { api: 0, 'bare-update': 0 };
    const errors: Record<Side, string[]> = { api: [], 'bare-update': [] };
    const errorCounts: Record<Side, number> = { api: 0, 'bare-update': 0 };
    const cpuPerApproval: Record<Side, CpuPerOperation> = { api: new CpuPerOperation(), 'bare-update': new CpuPerOperation() };
    const batchCpu = new CpuSampler(() => context.stack.processRoots());
    const apiCalls = new Map<string, number>();
    const workerTasks: WorkerTaskCounts = { workflowTasks: 0, stickyCacheHits: 0 };
    let apiRequests = 0;
    const progress = new ProgressBar('approve', batch * rounds * SIDES.length);
    let done = 0;
    const cpu = new CpuSampler(() => context.stack.processRoots());
    cpu.start();
    for (let r = 0; r < rounds; r += 1) {
      const order = r % 2 === 0 ? SIDES : [...SIDES].reverse();
      for (const side of order) {
        const before = done;
        if (side === 'api') api.dropIdleConnections();
        const callsBefore = side === 'api' ? await temporalCallCounts(context.stack.apiUrl) : undefined;
        const tasksBefore = await workerTaskCounts(context.stack.workerOpsUrl);
        batchCpu.start();
        const result = await runClosedLoop(batch, concurrency, operation[side], (completed) => progress.update(before + completed, `round ${r + 1}/${rounds} ${side}`));
        if (callsBefore !== undefined) {
          addCalls(apiCalls, callsBefore, await temporalCallCounts(context.stack.apiUrl));
          apiRequests += batch;
        }
        cpuPerApproval[side].add(batchCpu.stop(), result.latencies.length);
        const tasksAfter = await workerTaskCounts(context.stack.workerOpsUrl);
        if (tasksBefore !== undefined && tasksAfter !== undefined) {
          workerTasks.workflowTasks += tasksAfter.workflowTasks - tasksBefore.workflowTasks;
          workerTasks.stickyCacheHits += tasksAfter.stickyCacheHits - tasksBefore.stickyCacheHits;
        }
        done = before + batch;
        latencies[side].push(...result.latencies);
        walls[side] += result.wallMs;
        errorCounts[side] += result.errors;
        for (const sample of result.errorSamples) if (errors[side].length < 5 && !errors[side].includes(sample)) errors[side].push(sample);
      }
    }
    const cpuReport = cpu.stop();
    progress.finish();

    const figures = Object.fromEntries(
      SIDES.map((side) => [
        side,
        { latency: summarise(latencies[side]), throughputPerSecond: round((latencies[side].length / walls[side]) * 1000, 1), errors: errorCounts[side], errorSamples: errors[side], cpuMsPerApproval: cpuPerApproval[side].result() },
      ]),
    ) as Record<Side, { latency: LatencySummary; throughputPerSecond: number; errors: number; errorSamples: string[]; cpuMsPerApproval: Record<string, number> }>;
    const temporalCallsPerApproval = callsPerRequest(new Map(), apiCalls, apiRequests);
    const workflowTasksPerApproval = tasksPerOperation({ workflowTasks: 0, stickyCacheHits: 0 }, workerTasks, batch * rounds * SIDES.length);
    const comparison = {
      throughputRatio: round(figures.api.throughputPerSecond / figures['bare-update'].throughputPerSecond, 3),
      p50Ratio: round(figures.api.latency.p50 / figures['bare-update'].latency.p50, 3),
      p99Ratio: round(figures.api.latency.p99 / figures['bare-update'].latency.p99, 3),
      p50OverheadMs: round(figures.api.latency.p50 - figures['bare-update'].latency.p50, 1),
      p99OverheadMs: round(figures.api.latency.p99 - figures['bare-update'].latency.p99, 1),
    };
    const judge = !settings.quick;
    // Issue 7 sets no number for approve; the start scenario's yardstick (≥ 0.9×, ≤ 5 ms) is the natural one for a thin API.
    const targets = [
      { what: 'API latency ratio (p50 / p99) vs bare Update', target: 'report (start’s yardstick: thin API)', measured: `${comparison.p50Ratio}× / ${comparison.p99Ratio}×`, met: null },
      { what: 'API p99 overhead vs bare Update', target: '≤ 5 ms (start’s yardstick)', measured: `${comparison.p99OverheadMs} ms`, met: judge ? comparison.p99OverheadMs <= 5 : null },
      { what: 'API throughput vs bare Update', target: '≥ 0.9× (start’s yardstick)', measured: `${comparison.throughputRatio}×`, met: judge ? comparison.throughputRatio >= 0.9 : null },
    ];
    const markdown = [
      `${perSide} approvals per side in ${rounds} alternating rounds of ${batch}, ${concurrency} in flight, after ${warmup} warm-up approvals per side; ${REGISSEURS} regisseurs. Payloads encrypted (AES-256-GCM) on both sides.`,
      '',
      ...latencyTable(SIDES.map((side) => ({ name: side, summary: figures[side].latency, extra: `${figures[side].throughputPerSecond}/s, ${figures[side].errors} errors` })), 'throughput'),
      '',
      `Temporal calls per approval through the API (its own metrics): ${describeCalls(temporalCallsPerApproval)}. Worker (cache ${context.stack.workerCacheSize} workflows): ${workflowTasksPerApproval?.workflowTasks ?? '–'} workflow tasks per approval, ${workflowTasksPerApproval?.withoutCache ?? '–'} of them without the workflow in the sticky cache (a replay of its history).`,
      '',
      ...cpuPerOperationTable(Object.fromEntries(SIDES.map((side) => [side, figures[side].cpuMsPerApproval])), 'approval'),
      '',
      `API against the bare Update: p50 ${comparison.p50Ratio}× (${fmt(comparison.p50OverheadMs)} ms more), p99 ${comparison.p99Ratio}× (${fmt(comparison.p99OverheadMs)} ms more), throughput ${comparison.throughputRatio}×.`,
      ...SIDES.filter((side) => figures[side].errors > 0).map((side) => `\nErrors on ${side}: ${figures[side].errorSamples.join(' | ')}`),
    ].join('\n');
    const charts = [
      {
        file: 'approve-latency.svg',
        svg: lineChart({
          title: `Approval latency, ${concurrency} in flight (CDF)`,
          xLabel: 'latency (ms, log scale)',
          yLabel: '% of approvals at or below',
          logX: true,
          yMin: 0,
          yMax: 100,
          series: SIDES.map((side) => ({ name: `${side} (p50 ${fmt(figures[side].latency.p50)} ms, p99 ${fmt(figures[side].latency.p99)} ms)`, points: cdfPoints(latencies[side]) })),
        }),
      },
    ];
    return { settings: { perSide, rounds, batch, concurrency, warmup, regisseurs: REGISSEURS, preparedCases: needed }, figures: { ...figures, comparison, temporalCallsPerApproval, workflowTasksPerApproval, workerCacheSize: context.stack.workerCacheSize }, targets, cpu: cpuReport, markdown, charts };
  },
};
