import { performance } from 'node:perf_hooks';
import { NATIONAL_DEADLINE_POLICY, resolveDeadlinePolicy, type AanbodRequest, type Actor, type WachtlijstReceipt, type WachtlijstState } from '@schakel/domain';
import { changeWachtlijstCapacityUpdate, wachtlijstStateQuery, wachtlijstWorkflowId } from '@schakel/workflows/contracts';
import { BareTemporalClient } from '../bare-temporal.client';
import { loadCases } from '../case.loader';
import { CpuSampler, rssOf } from '../cpu.sampler';
import { round, summarise } from '../latency.stats';
import { runClosedLoop, sleep } from '../load.runner';
import { ProgressBar } from '../progress.bar';
import { BENCH_REGION, loketActor, regisseurActor, schoolActor, startBody } from '../referral-load.factory';
import { fmt, latencyTable } from '../report.writer';
import type { Scenario, ScenarioContext } from '../scenario.types';
import { cdfPoints, lineChart } from '../svg.chart';
import { tasksPerOperation, workerTaskCounts } from '../worker-metrics.scraper';

const MB = 1024 * 1024;
const SCHOOLS = 100;
const REGISSEURS = 40;
/** How often the read model is asked whether an admitted case moved on (ms). */
const POLL_MS = 10;

/** An onderwijszorgarrangement that fits every bench case (gecombineerd, PO, the bench region), with no places. */
function fullAanbod(): AanbodRequest {
  return {
    aanbieder: { code: 'oza-bench', name: 'Stichting Bench' },
    name: `OZA Bench ${Date.now().toString(36)}`,
    kind: 'onderwijszorgarrangement',
    route: 'gecombineerd',
    funders: ['swv', 'gemeente'],
    region: BENCH_REGION,
    wijken: [],
    sectors: ['PO', 'SBO'],
    ages: { from: 4, to: 13 },
    capacity: 0,
    intakeRoutes: ['swv_commissie'],
    contact: { role: 'aanmelding', mailbox: 'aanmelding@bench.example' },
    description: 'Benchmark: an aanbod whose places are all taken, with a long waiting list',
  } as AanbodRequest;
}

interface Admitted {
  referralId: string;
  /** Wall clock when the place was freed (the capacity Update was sent). */
  freedAt: number;
  /** ms from the free to the case's stage `arrangement` in the read model (polled). */
  visibleMs: number;
}

/**
 * Issue 11 §7: an aanbod with a long waiting list. One aanbod of the catalogue (created through the API) with no
 * places; N referrals (started with the bare client, intake on record, as open-cases) get their toewijzing to it
 * through the API and wait on its list in `wacht_op_plaats`. Then places free: first one at a time (capacity + 1
 * with the list's changeWachtlijstCapacity Update — the catalogue does not pass capacity on yet — and the next
 * free only once the admitted case is visible), then a burst (capacity + K at once). Admission latency runs from
 * the free to the admitted referral's `wachtlijst.admitted` event (recorded by the referral workflow) and to its
 * stage `arrangement` in the read model. Also: the list's history and Continue-As-New runs, the size of its state,
 * and the worker's RSS before and after.
 */
export const wachtlijstScenario: Scenario = {
  name: 'wachtlijst',
  title: 'wachtlijst: admission latency and memory with a long waiting list on one aanbod',
  async run(context: ScenarioContext) {
    const { settings, stack, api, bare } = context;
    const cases = settings.n ?? (settings.quick ? 100 : 1_000);
    const singles = Math.min(cases, settings.quick ? 20 : 100);
    const burst = Math.min(cases - singles, settings.quick ? 20 : 200);
    const policy = resolveDeadlinePolicy(NATIONAL_DEADLINE_POLICY, BENCH_REGION);
    const loket = loketActor();
    const loketToken = await context.token(loket);
    const workerRss = () => rssOf(stack.workerPid) ?? 0;
    const temporalRss = () => {
      const pid = stack.processRoots()['temporal dev server'];
      return pid === undefined ? undefined : rssOf(pid);
    };
    const rss: Record<string, number> = { baseline: workerRss() };

    const aanbod = await api.expect<{ id: string }>(201, api.post('/api/providers', loketToken, fullAanbod()));
    const aanbodId = aanbod.id;
    const list = bare.client.getHandle(wachtlijstWorkflowId(aanbodId));
    context.log(`  aanbod ${aanbodId} with 0 places; list workflow ${wachtlijstWorkflowId(aanbodId)}`);

    // 1. N open cases, intake on record (not measured).
    const loadProgress = new ProgressBar('cases (start, intake)', cases);
    const loaded = await loadCases(
      context,
      cases,
      (index) => {
        const school = schoolActor(index % SCHOOLS) as Actor;
        return BareTemporalClient.inputFor(school, startBody(school), policy);
      },
      (n) => loadProgress.update(n),
    );
    loadProgress.finish();
    if (loaded.errors > 0) throw new Error(`${loaded.errors} starts failed: ${loaded.errorSamples.join(' | ')}`);
    rss['casesOpen'] = workerRss();

    // 2. Each gets its toewijzing to the full aanbod through the API: it joins the list (measured: enqueue latency).
    const enqueueProgress = new ProgressBar('toewijzing → wachtlijst', cases);
    const cpu = new CpuSampler(() => stack.processRoots());
    cpu.start();
    const enqueue = await runClosedLoop(
      cases,
      settings.concurrency,
      async (index) => {
        const referralId = loaded.ids[index] as string;
        const body = await api.expect<{ stage: string }>(
          200,
          api.postStep(`/api/referrals/${referralId}/toewijzing`, loketToken, { route: 'gecombineerd', aanbodId, regisseurId: regisseurActor(index % REGISSEURS).sub }, `bench-toewijzing-${referralId}`),
        );
        if (body.stage !== 'wacht_op_plaats') throw new Error(`toewijzing answered stage ${body.stage}, not wacht_op_plaats`);
      },
      (done) => enqueueProgress.update(done),
    );
    enqueueProgress.finish();
    if (enqueue.errors > 0) throw new Error(`${enqueue.errors} toewijzingen failed: ${enqueue.errorSamples.join(' | ')}`);
    const queued = await list.query(wachtlijstStateQuery);
    if (queued.queue.length !== cases) throw new Error(`${queued.queue.length} cases on the list, expected ${cases}`);
    const waitingInReadModel = await countStage(context, loaded.ids, 'wacht_op_plaats');
    const stateBytesFull = Buffer.byteLength(JSON.stringify(queued));
    rss['enqueued'] = workerRss();
    await sleep(2_000);
    rss['enqueuedSettled'] = workerRss();

    // 3. One place at a time: capacity + 1, wait until the admitted case is visible, then the next.
    let capacity = 0;
    // The list's receipt names the admissions each change decided: exactly one per freed place is the claim checked.
    const newlyAdmitted = (receipt: WachtlijstReceipt): string[] => receipt.admitted.map((a) => a.referralId);
    const singleResults: Admitted[] = [];
    const updateMs: number[] = [];
    const tasksBefore = await workerTaskCounts(stack.workerOpsUrl);
    const singleProgress = new ProgressBar('one place at a time', singles);
    for (let i = 0; i < singles; i += 1) {
      capacity += 1;
      const freedAt = Date.now();
      const t0 = performance.now();
      const receipt = await list.executeUpdate(changeWachtlijstCapacityUpdate, { args: [{ actor: loket, body: { capacity } }] });
      updateMs.push(performance.now() - t0);
      const admitted = newlyAdmitted(receipt);
      if (admitted.length !== 1) throw new Error(`capacity ${capacity} admitted ${admitted.length} cases, expected 1: ${JSON.stringify(receipt)}`);
      const referralId = admitted[0] as string;
      await waitForStage(context, [referralId], 'arrangement', () => undefined);
      singleResults.push({ referralId, freedAt, visibleMs: performance.now() - t0 });
      singleProgress.update(i + 1, `last ${fmt(performance.now() - t0, 0)} ms`);
    }
    singleProgress.finish();
    const tasksAfterSingles = await workerTaskCounts(stack.workerOpsUrl);
    rss['afterSingles'] = workerRss();

    // 4. A burst: K places at once.
    const burstResults: Admitted[] = [];
    let burstWallMs = 0;
    if (burst > 0) {
      const burstProgress = new ProgressBar(`${burst} places at once`, burst);
      capacity += burst;
      const freedAt = Date.now();
      const t0 = performance.now();
      const receipt = await list.executeUpdate(changeWachtlijstCapacityUpdate, { args: [{ actor: loket, body: { capacity } }] });
      const admitted = newlyAdmitted(receipt);
      if (admitted.length !== burst || new Set(admitted).size !== burst) throw new Error(`capacity + ${burst} admitted ${admitted.length} cases`);
      const seenAt = await waitForStage(context, admitted, 'arrangement', (n) => burstProgress.update(n));
      burstWallMs = performance.now() - t0;
      for (const id of admitted) burstResults.push({ referralId: id, freedAt, visibleMs: (seenAt.get(id) as number) - t0 });
      burstProgress.finish();
    }
    const cpuReport = cpu.stop();
    rss['afterBurst'] = workerRss();
    await sleep(2_000);
    rss['end'] = workerRss();

    // The admission as the referral recorded it (its own clock, the workflow task's time), without polling in it.
    const recorded = await admittedAt(context, [...singleResults, ...burstResults].map((a) => a.referralId));
    const recordedMs = (results: Admitted[]) => results.flatMap((a) => (recorded.has(a.referralId) ? [(recorded.get(a.referralId) as number) - a.freedAt] : []));

    // The list after it all: its state, its current run's history, its runs (Continue-As-New).
    const finalState = await list.query(wachtlijstStateQuery);
    const description = await list.describe();
    const runs: Array<{ runId: string; status: string; historyLength: number | undefined }> = [];
    for await (const execution of bare.client.list({ query: `WorkflowId = '${wachtlijstWorkflowId(aanbodId)}'` })) {
      runs.push({ runId: execution.runId, status: execution.status.name, historyLength: execution.historyLength });
    }
    const orderKept = checkOrder(queued, singleResults, burstResults);

    const summary = {
      enqueue: summarise(enqueue.latencies),
      capacityUpdate: summarise(updateMs),
      singleVisible: summarise(singleResults.map((a) => a.visibleMs)),
      singleRecorded: summarise(recordedMs(singleResults)),
      burstVisible: summarise(burstResults.map((a) => a.visibleMs)),
      burstRecorded: summarise(recordedMs(burstResults)),
    };
    const tasksPerAdmission = tasksPerOperation(tasksBefore, tasksAfterSingles, singles);
    const mb = (bytes: number | undefined) => (bytes === undefined ? null : round(bytes / MB, 1));
    const temporalEnd = temporalRss();
    const figures = {
      aanbodId,
      cases,
      singles,
      burst,
      loadSeconds: round(loaded.seconds, 1),
      enqueueSeconds: round(enqueue.wallMs / 1000, 1),
      enqueuePerSecond: round((cases / enqueue.wallMs) * 1000, 1),
      enqueueRetriedAfter503: api.retriedSteps,
      waitingInReadModel,
      latencyMs: summary,
      burstAllVisibleMs: round(burstWallMs, 0),
      admissionOrderFollowsList: orderKept,
      workflowTasksPerSingleAdmission: tasksPerAdmission,
      list: {
        stateBytesWithAllWaiting: stateBytesFull,
        stateBytesEnd: Buffer.byteLength(JSON.stringify(finalState)),
        waitingEnd: finalState.queue.length,
        occupantsEnd: finalState.occupants.length,
        pendingAdmissionsEnd: finalState.admissions.length,
        historyLengthCurrentRun: description.historyLength,
        runs: runs.length,
        continueAsNew: Math.max(0, runs.length - 1),
        /** As visibility reports them (the dev server gives 0 for a run still open). */
        runHistoryLengths: runs.map((r) => r.historyLength ?? null),
      },
      workerRssMB: Object.fromEntries(Object.entries(rss).map(([k, v]) => [k, mb(v)])),
      temporalRssMBEnd: mb(temporalEnd),
    };
    const judge = !settings.quick;
    const rssGrowth = (rss['end'] as number) - (rss['casesOpen'] as number);
    const targets = [
      { what: `admission latency, one place freed (${cases} waiting), p99 visible in the read model`, target: 'report (issue 11 §7 names none)', measured: `${fmt(summary.singleVisible.p99, 0)} ms (p50 ${fmt(summary.singleVisible.p50, 0)}, max ${fmt(summary.singleVisible.max, 0)})`, met: null },
      { what: `admission latency, ${burst} places freed at once, p99 visible`, target: 'report', measured: burst === 0 ? '–' : `${fmt(summary.burstVisible.p99, 0)} ms (all in ${fmt(burstWallMs, 0)} ms)`, met: null },
      { what: 'each freed place admits exactly one case, in the list’s order', target: 'exactly one, in order', measured: `${singles + burst} places → ${singleResults.length + burstResults.length} admitted; order ${orderKept ? 'kept' : '**not kept**'}`, met: orderKept && singleResults.length + burstResults.length === singles + burst },
      { what: 'worker RSS, cases open → end (enqueued and admitted)', target: 'report', measured: `${fmt((rss['casesOpen'] as number) / MB, 0)} → ${fmt((rss['end'] as number) / MB, 0)} MB (${rssGrowth >= 0 ? '+' : ''}${fmt(rssGrowth / MB, 0)} MB)`, met: null },
      { what: 'list history stays bounded (Continue-As-New)', target: '≤ 2,000 events per run (the list’s limit) + one round', measured: `${figures.list.continueAsNew} × Continue-As-New; current run ${description.historyLength} events`, met: judge ? description.historyLength <= 2_200 : null },
    ];
    const rssRow = (label: string, key: string) => `| ${label} | ${fmt((rss[key] as number) / MB)} |`;
    const markdown = [
      `One aanbod with no places (created through the API); ${cases} referrals started with the bare client (intake on record, ${figures.loadSeconds} s), then each given its toewijzing to the aanbod through the API (${settings.concurrency} in flight, ${figures.enqueuePerSecond}/s): all ${cases} wait on the list in \`wacht_op_plaats\` (${waitingInReadModel} so in the read model). Then ${singles} places freed one at a time (the list's \`changeWachtlijstCapacity\` Update, capacity + 1, the next only when the admitted case is visible), and ${burst} at once (capacity + ${burst}). "Visible": the admitted case's stage \`arrangement\` in the read model (polled every ${POLL_MS} ms); "recorded": its \`wachtlijst.admitted\` event's time (the referral workflow's clock). Latency from sending the free.`,
      '',
      ...latencyTable([
        { name: 'toewijzing → on the list (API)', summary: summary.enqueue },
        { name: 'capacity + 1 Update (the list decides)', summary: summary.capacityUpdate },
        { name: 'one place: admitted, recorded', summary: summary.singleRecorded },
        { name: 'one place: admitted, visible', summary: summary.singleVisible },
        { name: `${burst} places at once: recorded`, summary: summary.burstRecorded },
        { name: `${burst} places at once: visible`, summary: summary.burstVisible },
      ]),
      '',
      `Admissions followed the list's order: ${orderKept ? 'yes' : 'NO'}. Worker workflow tasks per single admission: ${tasksPerAdmission?.workflowTasks ?? '–'} (${tasksPerAdmission?.withoutCache ?? '–'} without the workflow in the sticky cache).`,
      '',
      `The list: its state (Query, JSON) was ${fmt(stateBytesFull / 1024, 0)} KB with all ${cases} waiting — what each Continue-As-New carries as its input; ${figures.list.runs} runs (${figures.list.continueAsNew} × Continue-As-New), the current run's history ${description.historyLength} events (the list continues as new at 2,000); at the end ${finalState.queue.length} waiting, ${finalState.occupants.length} placed.`,
      '',
      '| worker | RSS MB |',
      '|---|---|',
      rssRow('before the scenario', 'baseline'),
      rssRow(`${cases} cases open (intake done)`, 'casesOpen'),
      rssRow(`all ${cases} on the list`, 'enqueued'),
      rssRow('2 s later', 'enqueuedSettled'),
      rssRow(`after ${singles} single admissions`, 'afterSingles'),
      rssRow(`after the burst of ${burst}`, 'afterBurst'),
      rssRow('end (2 s later)', 'end'),
      '',
      `The dev server's RSS at the end: ${temporalEnd === undefined ? '–' : `${fmt(temporalEnd / MB, 0)} MB`}.`,
    ].join('\n');
    const charts = [
      {
        file: 'wachtlijst-latency.svg',
        svg: lineChart({
          title: `Admission latency with ${cases} waiting cases (visible in the read model)`,
          xLabel: 'ms from the freed place (log)',
          yLabel: 'admissions (%)',
          logX: true,
          yMin: 0,
          yMax: 100,
          series: [
            { name: `one place at a time (p99 ${fmt(summary.singleVisible.p99, 0)} ms)`, points: cdfPoints(singleResults.map((a) => a.visibleMs)) },
            ...(burst > 0 ? [{ name: `${burst} places at once (p99 ${fmt(summary.burstVisible.p99, 0)} ms)`, points: cdfPoints(burstResults.map((a) => a.visibleMs)) }] : []),
            { name: `toewijzing onto the list (p99 ${fmt(summary.enqueue.p99, 0)} ms)`, points: cdfPoints(enqueue.latencies) },
          ],
        }),
      },
    ];
    return {
      settings: { cases, singles, burst, concurrency: settings.concurrency, region: BENCH_REGION, pollMs: POLL_MS, workerCacheSize: stack.workerCacheSize },
      figures,
      targets,
      cpu: cpuReport,
      markdown,
      charts,
    };
  },
};

/** The admitted cases must be the head of the queue as it stood with everyone waiting (nobody joined since). */
function checkOrder(queued: WachtlijstState, singles: readonly Admitted[], burst: readonly Admitted[]): boolean {
  const head = queued.queue.map((e) => e.referralId);
  const inOrder = singles.every((a, i) => head[i] === a.referralId);
  const burstSet = new Set(head.slice(singles.length, singles.length + burst.length));
  return inOrder && burst.every((a) => burstSet.has(a.referralId));
}

async function countStage(context: ScenarioContext, ids: readonly string[], stage: string): Promise<number> {
  const result = await context.stack.pool?.query<{ n: string }>(`SELECT count(*) AS n FROM referral WHERE id = ANY($1::uuid[]) AND stage = $2`, [ids, stage]);
  return Number(result?.rows[0]?.n ?? 0);
}

/** Polls the read model until every case is in `stage`; answers when each was first seen there (performance.now()). */
async function waitForStage(context: ScenarioContext, ids: readonly string[], stage: string, onProgress: (n: number) => void, timeoutMs = 300_000): Promise<Map<string, number>> {
  const seen = new Map<string, number>();
  const began = performance.now();
  while (seen.size < ids.length) {
    const rest = ids.filter((id) => !seen.has(id));
    const result = await context.stack.pool?.query<{ id: string }>(`SELECT id FROM referral WHERE id = ANY($1::uuid[]) AND stage = $2`, [rest, stage]);
    const now = performance.now();
    for (const row of result?.rows ?? []) seen.set(row.id, now);
    onProgress(seen.size);
    if (seen.size >= ids.length) break;
    if (now - began > timeoutMs) throw new Error(`only ${seen.size}/${ids.length} cases in ${stage} after ${timeoutMs / 1000} s`);
    await sleep(POLL_MS);
  }
  return seen;
}

/** When each referral's `wachtlijst.admitted` event happened (epoch ms). */
async function admittedAt(context: ScenarioContext, ids: readonly string[]): Promise<Map<string, number>> {
  const result = await context.stack.pool?.query<{ referral_id: string; at: Date }>(
    `SELECT referral_id, min(occurred_at) AS at FROM case_event WHERE referral_id = ANY($1::uuid[]) AND type = 'wachtlijst.admitted' GROUP BY referral_id`,
    [ids],
  );
  return new Map((result?.rows ?? []).map((row) => [row.referral_id, row.at.getTime()]));
}
