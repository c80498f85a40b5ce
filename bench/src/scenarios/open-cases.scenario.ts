import { NATIONAL_DEADLINE_POLICY, resolveDeadlinePolicy, type Actor } from '@schakel/domain';
import { BareTemporalClient } from '../bare-temporal.client';
import { CpuPerOperation, CpuSampler, rssOf } from '../cpu.sampler';
import { linearFit, round } from '../latency.stats';
import { loadCases } from '../case.loader';
import { sleep } from '../load.runner';
import { ProgressBar } from '../progress.bar';
import { schoolActor, startBody } from '../referral-load.factory';
import { cpuPerOperationTable, fmt } from '../report.writer';
import type { Scenario, ScenarioContext } from '../scenario.types';
import { lineChart } from '../svg.chart';

const MB = 1024 * 1024;
const REGION = 'swv-open';
const SCHOOLS = 100;

interface Sample {
  /** Seconds since the scenario's load began. */
  t: number;
  onRecord: number;
  workerRss: number;
  workerHeapUsed: number | undefined;
  cached: number | undefined;
  temporalRss: number | undefined;
}

/**
 * Issue 7 §1 "open cases": N open referrals, each a new child (so a referral and a child plan per case), each
 * holding the loket's toewijzing deadline as a durable timer (5 werkdagen: none fires during the run). The worker
 * is restarted with an explicitly chosen cache (WORKER_MAX_CACHED_WORKFLOWS), so it starts empty; its RSS, V8
 * heap and sticky-cache size are sampled every second while the cases arrive and for a while after the last
 * one is on record. Memory per cached workflow is the slope of RSS over the cache size while the cache fills;
 * "no growth beyond the bound" compares RSS once the cache is full with RSS at the end.
 */
export const openCasesScenario: Scenario = {
  name: 'open-cases',
  title: 'open cases: worker memory per cached workflow with a bounded cache',
  async run(context: ScenarioContext) {
    const { settings, stack } = context;
    const cases = settings.n ?? (settings.large ? 100_000 : settings.quick ? 500 : 10_000);
    const cacheSize = settings.cacheSize ?? (settings.quick ? 100 : 1000);
    const holdSeconds = settings.quick ? 10 : 60;
    const policy = resolveDeadlinePolicy(NATIONAL_DEADLINE_POLICY, REGION);
    const schools: Actor[] = Array.from({ length: SCHOOLS }, (_, i) => schoolActor(i, REGION));

    context.log(`  restarting the worker with WORKER_MAX_CACHED_WORKFLOWS=${cacheSize}`);
    await stack.restartWorker(cacheSize);
    await sleep(5_000);
    const baselineRss = median(await sampleTimes(5, () => rssOf(stack.workerPid) ?? 0));
    const baselineHeap = (await workerMetrics(stack.workerOpsUrl)).heapUsed;

    const samples: Sample[] = [];
    let onRecord = 0;
    const t0 = Date.now();
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const metrics = await workerMetrics(stack.workerOpsUrl).catch(() => ({ heapUsed: undefined, cached: undefined }));
        const temporalPid = stack.processRoots()['temporal dev server'];
        samples.push({
          t: round((Date.now() - t0) / 1000, 1),
          onRecord,
          workerRss: rssOf(stack.workerPid) ?? 0,
          workerHeapUsed: metrics.heapUsed,
          cached: metrics.cached,
          temporalRss: temporalPid === undefined ? undefined : rssOf(temporalPid),
        });
        await sleep(1_000);
      }
    })();

    const cpu = new CpuSampler(() => stack.processRoots());
    cpu.start();
    const progress = new ProgressBar('open cases on record', cases);
    const load = await loadCases(
      context,
      cases,
      (index) => {
        const school = schools[index % SCHOOLS] as Actor;
        return BareTemporalClient.inputFor(school, startBody(school), policy);
      },
      (n) => {
        onRecord = n;
        progress.update(n, `worker RSS ${fmt((rssOf(stack.workerPid) ?? 0) / MB, 0)} MB`);
      },
    );
    progress.finish();
    if (load.errors > 0) context.log(`  ${load.errors} starts failed: ${load.errorSamples.join(' | ')}`);
    const allOnRecordAt = round((Date.now() - t0) / 1000, 1);
    const holdProgress = new ProgressBar('holding (sampling memory)', holdSeconds);
    for (let s = 1; s <= holdSeconds; s += 1) {
      await sleep(1_000);
      holdProgress.update(s);
    }
    holdProgress.finish();
    sampling = false;
    await sampler;
    const cpuReport = cpu.stop();
    const perCase = new CpuPerOperation();
    perCase.add(cpuReport, load.ids.length);
    const cpuMsPerCase = perCase.result();

    // The fill phase: the cache is below its bound. Full: within 2 % of it (the SDK evicts just before the bound).
    const withCache = samples.filter((s): s is Sample & { cached: number } => s.cached !== undefined);
    const filling = withCache.filter((s) => s.cached > 0 && s.cached < cacheSize * 0.98);
    const fullSamples = withCache.filter((s) => s.cached >= cacheSize * 0.98);
    const fit = linearFit(filling.map((s) => ({ x: s.cached, y: s.workerRss })));
    const heapFit = linearFit(filling.filter((s) => s.workerHeapUsed !== undefined).map((s) => ({ x: s.cached, y: s.workerHeapUsed as number })));
    const firstFull = fullSamples[0];
    const last = samples.at(-1);
    const rssAtFull = firstFull?.workerRss;
    const rssEnd = last?.workerRss ?? 0;
    const rssMax = Math.max(...samples.map((s) => s.workerRss));
    const rssMaxAfterFull = firstFull === undefined ? undefined : Math.max(...samples.filter((s) => s.t >= firstFull.t).map((s) => s.workerRss));
    const cacheMax = Math.max(0, ...withCache.map((s) => s.cached));
    const perWorkflowSlope = fit.slope / MB;
    const perWorkflowAverage = rssAtFull === undefined ? Number.NaN : (rssAtFull - baselineRss) / cacheSize / MB;
    // Once full, V8 still grows its heap for a while (garbage between collections): the steady state is what the
    // bound costs, measured at the end, when every case is on record and the cache has been full for long.
    const perWorkflowSteady = (rssEnd - baselineRss) / cacheSize / MB;
    // A case is a referral and its child's plan: two workflows when both are cached.
    const perCachedCase = Math.max(perWorkflowSlope, perWorkflowSteady) * 2;
    // "No growth beyond the bound": from half the cases on record to the end, the cache long full, RSS stays put.
    const half = samples.find((s) => s.onRecord >= cases / 2);
    const growthSecondHalf = half === undefined || rssAtFull === undefined || half.t < firstFull.t ? Number.NaN : (rssEnd - half.workerRss) / half.workerRss;
    const judge = !settings.quick;

    const figures = {
      cases,
      cacheSize,
      loadSeconds: round(load.seconds, 1),
      casesPerSecond: round((load.ids.length / load.seconds), 1),
      allOnRecordAfterSeconds: allOnRecordAt,
      startErrors: load.errors,
      workerRssMB: { baseline: round(baselineRss / MB, 1), atCacheFull: rssAtFull === undefined ? null : round(rssAtFull / MB, 1), max: round(rssMax / MB, 1), maxAfterCacheFull: rssMaxAfterFull === undefined ? null : round(rssMaxAfterFull / MB, 1), end: round(rssEnd / MB, 1) },
      workerHeapUsedMB: { baseline: baselineHeap === undefined ? null : round(baselineHeap / MB, 1), end: last?.workerHeapUsed === undefined ? null : round(last.workerHeapUsed / MB, 1), perCachedWorkflowSlopeKB: round((heapFit.slope / 1024) || 0, 1) },
      cacheSizeMax: cacheMax,
      cacheFullAfterSeconds: firstFull?.t ?? null,
      perCachedWorkflowMB: { rssSlope: round(perWorkflowSlope, 3), rssSlopeR2: round(fit.r2, 3), averageAtFull: round(perWorkflowAverage, 3), steadyState: round(perWorkflowSteady, 3) },
      perCachedCaseMB: round(perCachedCase, 3),
      cpuMsPerCase,
      rssGrowthSecondHalfPercent: round(growthSecondHalf * 100, 1),
      rssAtHalfMB: half === undefined ? null : round(half.workerRss / MB, 1),
      temporalRssMBEnd: last?.temporalRss === undefined ? null : round(last.temporalRss / MB, 1),
      samples,
    };
    const targets = [
      {
        what: 'worker RSS per cached case (referral + its child plan)',
        target: '≤ 1.5 MB',
        measured: `${fmt(perCachedCase, 2)} MB (${fmt(Math.max(perWorkflowSlope, perWorkflowSteady) * 1024, 0)} KB per cached workflow)`,
        met: judge ? perCachedCase <= 1.5 : null,
      },
      {
        what: `worker RSS from ${Math.round(cases / 2)} to ${cases} open cases, cache (${cacheSize}) long full`,
        target: 'no growth beyond the cache bound (≤ 5 %)',
        measured: half === undefined || Number.isNaN(growthSecondHalf) ? 'cache not full by then' : `${fmt(growthSecondHalf * 100, 1)}% (${fmt(half.workerRss / MB, 0)} → ${fmt(rssEnd / MB, 0)} MB)`,
        met: judge && !Number.isNaN(growthSecondHalf) ? growthSecondHalf <= 0.05 && cacheMax <= cacheSize : null,
      },
      { what: 'cache size stays within its bound', target: `≤ ${cacheSize}`, measured: `max ${cacheMax}`, met: cacheMax <= cacheSize },
    ];
    const markdown = [
      `${cases} open cases (a referral and a new child's plan each; ${cases * 2} workflows), each referral waiting on its toewijzing deadline timer. Worker restarted with WORKER_MAX_CACHED_WORKFLOWS=${cacheSize} (chosen explicitly; the product's default is 1000). Started with the bare client in chunks of 200 (${settings.concurrency} in flight), each chunk's intake on record before the next: ${figures.casesPerSecond} cases/s; all on record after ${allOnRecordAt} s.`,
      '',
      '| worker | RSS MB | V8 heap used MB |',
      '|---|---|---|',
      `| baseline (restarted, idle) | ${fmt(baselineRss / MB)} | ${baselineHeap === undefined ? '–' : fmt(baselineHeap / MB)} |`,
      `| cache first full (${firstFull?.t ?? '–'} s) | ${rssAtFull === undefined ? '–' : fmt(rssAtFull / MB)} | ${firstFull?.workerHeapUsed === undefined ? '–' : fmt(firstFull.workerHeapUsed / MB)} |`,
      `| ${Math.round(cases / 2)} cases on record (${half?.t ?? '–'} s) | ${half === undefined ? '–' : fmt(half.workerRss / MB)} | ${half?.workerHeapUsed === undefined ? '–' : fmt(half.workerHeapUsed / MB)} |`,
      `| highest after the cache was full | ${rssMaxAfterFull === undefined ? '–' : fmt(rssMaxAfterFull / MB)} | |`,
      `| end (${holdSeconds} s after the last intake) | ${fmt(rssEnd / MB)} | ${last?.workerHeapUsed === undefined ? '–' : fmt(last.workerHeapUsed / MB)} |`,
      '',
      `Per cached workflow: ${fmt(perWorkflowSlope * 1024, 0)} KB RSS by the slope over the fill phase (r² ${fmt(fit.r2, 2)}), ${fmt(perWorkflowAverage * 1024, 0)} KB by (RSS when the cache first filled − baseline) / ${cacheSize}, ${fmt(perWorkflowSteady * 1024, 0)} KB in the steady state ((RSS at the end − baseline) / ${cacheSize}). Per case (two workflows): ${fmt(perCachedCase, 2)} MB. The workflows run in a worker thread whose V8 heap the main thread's heap figure does not include.`,
      `The dev server's RSS at the end: ${last?.temporalRss === undefined ? '–' : `${fmt(last.temporalRss / MB, 0)} MB`}.`,
      '',
      ...cpuPerOperationTable({ 'open case (start, intake, child plan)': cpuMsPerCase }, 'case'),
    ].join('\n');
    const casesWhenFull = firstFull?.onRecord;
    const charts = [
      {
        file: 'open-cases-memory.svg',
        svg: lineChart({
          title: `Memory with ${cases} open cases, worker cache bound ${cacheSize} workflows`,
          xLabel: 'open cases on record',
          yLabel: 'resident memory (MB)',
          yMin: 0,
          series: [
            { name: 'worker RSS', points: samples.map((s) => ({ x: s.onRecord, y: s.workerRss / MB })) },
            { name: 'dev server RSS', points: samples.filter((s) => s.temporalRss !== undefined).map((s) => ({ x: s.onRecord, y: (s.temporalRss as number) / MB })) },
            { name: 'worker main-thread V8 heap used', points: samples.filter((s) => s.workerHeapUsed !== undefined).map((s) => ({ x: s.onRecord, y: (s.workerHeapUsed as number) / MB })) },
          ],
          markers: casesWhenFull === undefined ? [] : [{ axis: 'x' as const, at: casesWhenFull, label: `cache full (${cacheSize} workflows)` }],
        }),
      },
    ];
    return { settings: { cases, cacheSize, concurrency: settings.concurrency, holdSeconds, region: REGION }, figures, targets, cpu: cpuReport, markdown, charts };
  },
};

/** The worker's V8 heap and the SDK's sticky cache size, from its ops /metrics (prom-client defaults and the core's exporter). */
async function workerMetrics(opsUrl: string): Promise<{ heapUsed: number | undefined; cached: number | undefined }> {
  const response = await fetch(`${opsUrl}/metrics`, { signal: AbortSignal.timeout(5_000) });
  const text = await response.text();
  const value = (pattern: RegExp): number | undefined => {
    const match = pattern.exec(text);
    return match?.[1] === undefined ? undefined : Number(match[1]);
  };
  return {
    heapUsed: value(/^nodejs_heap_size_used_bytes(?:\{[^}]*\})? ([\d.e+]+)/m),
    cached: value(/^temporal_sticky_cache_size(?:\{[^}]*\})? ([\d.e+]+)/m),
  };
}

async function sampleTimes(count: number, sample: () => number): Promise<number[]> {
  const values: number[] = [];
  for (let i = 0; i < count; i += 1) {
    values.push(sample());
    await sleep(200);
  }
  return values;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}
