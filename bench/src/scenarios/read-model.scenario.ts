import type { Actor } from '@schakel/domain';
import { callsPerRequest, describeCalls, temporalCallCounts } from '../api-metrics.scraper';
import { CpuPerOperation, CpuSampler } from '../cpu.sampler';
import { round, summarise, type LatencySummary } from '../latency.stats';
import { runClosedLoop, runSequential } from '../load.runner';
import { ProgressBar } from '../progress.bar';
import { loketActor, schoolActor, startBody } from '../referral-load.factory';
import { fmt, latencyTable } from '../report.writer';
import type { Scenario, ScenarioContext } from '../scenario.types';
import { barChart } from '../svg.chart';
import { seedBoardBrin, seedReferrals, seedRegion } from './read-model.seed';

const PAGE = 50;
const TARGET_MS = 20;

interface Endpoint {
  name: string;
  /** What the endpoint touches, for the report. */
  touches: string;
  actor: Actor;
  path: (index: number) => string;
  /** A 50-row page of a list (the issue's p99 ≤ 20 ms target). */
  page: boolean;
  /** The SQL the repository runs for it, for EXPLAIN ANALYZE (undefined: not a list). */
  sql?: { text: string; params: unknown[] };
}

interface Measured {
  name: string;
  touches: string;
  latency: LatencySummary;
  errors: number;
  errorSamples: string[];
  explain?: { executionMs: number; planningMs: number; plan: string };
  /** CPU milliseconds per request of the API and of Postgres. */
  cpuMs?: { api: number; postgres: number; worker: number; temporal: number };
  /** Calls the API made to Temporal per request, by gRPC method. */
  temporalCallsPerRequest?: Record<string, number>;
}

/**
 * Issue 7 §1 "read model": 100,000 referral rows written straight into Postgres (read-model.seed.ts), then the
 * API's reads, one request at a time, as one user experiences them:
 *  - GET /api/referrals: the work list (keyset on created_at, id) — first page and a page 90 % deep — for the loket
 *    of the largest region, a school (one vestiging, and a board code that covers its vestigingen) and a regisseur;
 *  - GET /api/referrals?overdue=true: the overdue list (keyset on overdue_since, id), first and deep page;
 *  - GET /api/referrals/:id: the live state, a Temporal Query to the workflow (seeded rows have no workflow, so real
 *    cases are started for it), measured with the workflow in the worker's cache and, after a worker restart, not;
 *  - GET /api/referrals/:id/events: the timeline from Postgres.
 * Every read also writes its audit entry (issue 5 §4) before it answers; that is part of what is measured. For the
 * lists, EXPLAIN ANALYZE of the same SQL shows what Postgres itself spends.
 */
export const readModelScenario: Scenario = {
  name: 'read-model',
  title: 'read model: work list, overdue list and a single case with 100,000 cases',
  async run(context: ScenarioContext) {
    const { settings, api, stack } = context;
    const pool = stack.pool;
    if (pool === undefined) throw new Error('no database pool');
    const rows = settings.n ?? (settings.quick ? 10_000 : 100_000);
    const requests = settings.quick ? 50 : 500;
    const warmup = settings.quick ? 10 : 30;
    const realCases = settings.quick ? 10 : 100;

    context.log(`  seeding ${rows} referral rows…`);
    const seedStarted = Date.now();
    await seedReferrals(pool, rows);
    const seedSeconds = round((Date.now() - seedStarted) / 1000, 1);
    const total = Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM referral')).rows[0]?.n ?? 0);
    context.log(`  ${total} rows in referral (seeded in ${seedSeconds} s)`);

    // The largest region, its busiest vestiging, that vestiging's board, and a regisseur with a median caseload.
    const region = seedRegion(1);
    const regionRows = Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM referral WHERE region = $1', [region])).rows[0]?.n ?? 0);
    const busiest = (await pool.query<{ school_brin: string; n: string }>('SELECT school_brin, count(*) AS n FROM referral WHERE region = $1 GROUP BY 1 ORDER BY 2 DESC LIMIT 1', [region])).rows[0];
    const vestiging = busiest?.school_brin ?? `${seedBoardBrin(1, 0)}01`;
    const board = vestiging.slice(0, 4);
    // A typical school (the median vestiging of the region) and the smallest region: a list whose rows are rare
    // in the table is where an index that does not lead with the list's own filter has to read the most.
    const schools = (await pool.query<{ school_brin: string; n: string }>('SELECT school_brin, count(*) AS n FROM referral WHERE region = $1 GROUP BY 1 ORDER BY 2', [region])).rows;
    const medianSchool = schools[Math.floor(schools.length / 2)];
    const typicalVestiging = medianSchool?.school_brin ?? vestiging;
    const smallRegion = (await pool.query<{ region: string; n: string }>(`SELECT region, count(*) AS n FROM referral WHERE region LIKE 'swv-r%' GROUP BY 1 ORDER BY 2 LIMIT 1`)).rows[0];
    const smallest = smallRegion?.region ?? seedRegion(20);
    const regisseurs = (await pool.query<{ regisseur_id: string; n: string }>('SELECT regisseur_id, count(*) AS n FROM referral WHERE region = $1 AND regisseur_id IS NOT NULL GROUP BY 1 ORDER BY 2', [region])).rows;
    const regisseur = regisseurs[Math.floor(regisseurs.length / 2)]?.regisseur_id ?? `regisseur-r01-0`;
    const counts = {
      region: regionRows,
      regionOverdue: Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM referral WHERE region = $1 AND overdue_since IS NOT NULL AND closed_at IS NULL', [region])).rows[0]?.n ?? 0),
      vestiging: Number(busiest?.n ?? 0),
      typicalVestiging: Number(medianSchool?.n ?? 0),
      smallestRegion: Number(smallRegion?.n ?? 0),
      board: Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM referral WHERE left(school_brin, 4) = $1', [board])).rows[0]?.n ?? 0),
      regisseur: Number(regisseurs[Math.floor(regisseurs.length / 2)]?.n ?? 0),
    };

    const loket = loketActor(region);
    const vestigingSchool: Actor = { sub: 'ib-bench-vestiging', role: 'school', org: vestiging, region };
    const typicalSchool: Actor = { sub: 'ib-bench-typisch', role: 'school', org: typicalVestiging, region };
    const smallLoket = loketActor(smallest, 2);
    const boardSchool: Actor = { sub: 'ib-bench-bestuur', role: 'school', org: board, region };
    const regisseurActor: Actor = { sub: regisseur, role: 'regisseur', org: region, region };

    // Keyset cursors 90 % down each list, built exactly as the API builds them (base64url of the JSON tuple).
    const deep = async (where: string, params: unknown[], order: 'newest' | 'most_overdue'): Promise<string> => {
      const column = order === 'newest' ? 'created_at' : 'overdue_since';
      const direction = order === 'newest' ? 'DESC' : 'ASC';
      const n = Number((await pool.query<{ n: string }>(`SELECT count(*) AS n FROM referral r WHERE ${where}`, params)).rows[0]?.n ?? 0);
      const row = (await pool.query<{ at: Date; id: string }>(`SELECT ${column} AS at, id FROM referral r WHERE ${where} ORDER BY ${column} ${direction}, id ${direction} OFFSET $${params.length + 1} LIMIT 1`, [...params, Math.floor(n * 0.9)])).rows[0];
      if (row === undefined) throw new Error(`no row 90 % down (${where})`);
      const tuple = order === 'newest' ? [row.at.toISOString(), row.id] : ['overdue', row.at.toISOString(), row.id];
      return Buffer.from(JSON.stringify(tuple), 'utf8').toString('base64url');
    };
    const overdueWhere = 'r.region = $1 AND r.overdue_since IS NOT NULL AND r.closed_at IS NULL';
    const deepCursor = await deep('r.region = $1', [region], 'newest');
    const smallDeepCursor = await deep('r.region = $1', [smallest], 'newest');
    const deepOverdueCursor = await deep(overdueWhere, [region], 'most_overdue');
    const decode = (cursor: string): string[] => JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as string[];
    const [deepAt, deepId] = decode(deepCursor);
    const [smallDeepAt, smallDeepId] = decode(smallDeepCursor);
    const [, deepOverdueAt, deepOverdueId] = decode(deepOverdueCursor);

    // Real cases for the single-case reads: the seeded rows have no workflow behind them. In a region of their own,
    // so they never become the newest rows of the lists measured here (a first page would then be ~free).
    const caseSchool = schoolActor(0);
    const caseLoket = loketActor();
    const schoolToken = await context.token(caseSchool);
    const startProgress = new ProgressBar('real cases for GET /:id', realCases);
    const caseIds: string[] = [];
    await runClosedLoop(realCases, 8, async () => {
      const body = await api.expect<{ referralId: string }>(201, api.post('/api/referrals', schoolToken, startBody(caseSchool)));
      caseIds.push(body.referralId);
    }, (completed) => startProgress.update(completed));
    startProgress.finish();
    if (caseIds.length === 0) throw new Error('no real case could be started');
    const caseAt = (index: number) => caseIds[index % caseIds.length] as string;

    const columns = 'r.*';
    const list = (where: string, order: string) => `SELECT ${columns} FROM referral r WHERE ${where} ORDER BY ${order} LIMIT ${PAGE + 1}`;
    const endpoints: Endpoint[] = [
      { name: 'work list, loket, first page', touches: 'Postgres: referral (keyset), audit_log insert', actor: loket, page: true, path: () => `/api/referrals?limit=${PAGE}`, sql: { text: list('(r.region = $1)', 'r.created_at DESC, r.id DESC'), params: [region] } },
      {
        name: 'work list, loket, page 90 % deep',
        touches: 'Postgres: referral (keyset), audit_log insert',
        actor: loket,
        page: true,
        path: () => `/api/referrals?limit=${PAGE}&cursor=${deepCursor}`,
        sql: { text: list('(r.region = $1) AND (r.created_at, r.id) < ($2::timestamptz, $3::uuid)', 'r.created_at DESC, r.id DESC'), params: [region, deepAt, deepId] },
      },
      { name: 'overdue list, loket, first page', touches: 'Postgres: referral (partial keyset index), audit_log insert', actor: loket, page: true, path: () => `/api/referrals?overdue=true&limit=${PAGE}`, sql: { text: list(`(r.region = $1) AND r.overdue_since IS NOT NULL AND r.closed_at IS NULL`, 'r.overdue_since ASC, r.id ASC'), params: [region] } },
      {
        name: 'overdue list, loket, page 90 % deep',
        touches: 'Postgres: referral (partial keyset index), audit_log insert',
        actor: loket,
        page: true,
        path: () => `/api/referrals?overdue=true&limit=${PAGE}&cursor=${deepOverdueCursor}`,
        sql: { text: list(`(r.region = $1) AND r.overdue_since IS NOT NULL AND r.closed_at IS NULL AND (r.overdue_since, r.id) > ($2::timestamptz, $3::uuid)`, 'r.overdue_since ASC, r.id ASC'), params: [region, deepOverdueAt, deepOverdueId] },
      },
      { name: `work list, loket of the smallest region, first page`, touches: 'Postgres: referral (keyset), audit_log insert', actor: smallLoket, page: true, path: () => `/api/referrals?limit=${PAGE}`, sql: { text: list('(r.region = $1)', 'r.created_at DESC, r.id DESC'), params: [smallest] } },
      {
        name: `work list, loket of the smallest region, page 90 % deep`,
        touches: 'Postgres: referral (keyset), audit_log insert',
        actor: smallLoket,
        page: true,
        path: () => `/api/referrals?limit=${PAGE}&cursor=${smallDeepCursor}`,
        sql: { text: list('(r.region = $1) AND (r.created_at, r.id) < ($2::timestamptz, $3::uuid)', 'r.created_at DESC, r.id DESC'), params: [smallest, smallDeepAt, smallDeepId] },
      },
      { name: `work list, school ${vestiging}, first page`, touches: 'Postgres: referral, audit_log insert', actor: vestigingSchool, page: true, path: () => `/api/referrals?limit=${PAGE}`, sql: { text: list('(r.school_brin = $1)', 'r.created_at DESC, r.id DESC'), params: [vestiging] } },
      { name: `work list, typical school ${typicalVestiging}, first page`, touches: 'Postgres: referral, audit_log insert', actor: typicalSchool, page: true, path: () => `/api/referrals?limit=${PAGE}`, sql: { text: list('(r.school_brin = $1)', 'r.created_at DESC, r.id DESC'), params: [typicalVestiging] } },
      { name: `work list, school board ${board}, first page`, touches: 'Postgres: referral, audit_log insert', actor: boardSchool, page: true, path: () => `/api/referrals?limit=${PAGE}`, sql: { text: list('(left(r.school_brin, 4) = $1)', 'r.created_at DESC, r.id DESC'), params: [board] } },
      { name: 'work list, regisseur, first page', touches: 'Postgres: referral, audit_log insert', actor: regisseurActor, page: true, path: () => `/api/referrals?limit=${PAGE}`, sql: { text: list('(r.regisseur_id = $1)', 'r.created_at DESC, r.id DESC'), params: [regisseur] } },
      { name: 'single case GET /:id (workflow cached)', touches: 'Temporal: state Query (worker, sticky cache); audit_log insert', actor: caseLoket, page: false, path: (i) => `/api/referrals/${caseAt(i)}` },
      { name: 'timeline GET /:id/events', touches: 'Postgres: referral row, case_event, audit_log insert', actor: caseLoket, page: false, path: (i) => `/api/referrals/${caseAt(i)}/events` },
    ];

    const measured: Measured[] = [];
    const cpu = new CpuSampler(() => stack.processRoots());
    cpu.start();
    for (const endpoint of endpoints) {
      const token = await context.token(endpoint.actor);
      const call = async (index: number) => {
        const body = await api.expect<{ items?: unknown[] }>(200, api.get(endpoint.path(index), token));
        if (endpoint.page && (body.items?.length ?? 0) === 0) throw new Error('empty page');
      };
      await runSequential(warmup, call);
      const progress = new ProgressBar(endpoint.name, requests);
      const endpointCpu = new CpuSampler(() => stack.processRoots());
      const callsBefore = await temporalCallCounts(stack.apiUrl);
      endpointCpu.start();
      const result = await runSequential(requests, call, (completed) => progress.update(completed));
      const temporalCalls = callsPerRequest(callsBefore, await temporalCallCounts(stack.apiUrl), requests);
      const perRequest = new CpuPerOperation();
      perRequest.add(endpointCpu.stop(), result.latencies.length);
      progress.finish();
      const cpuMs = perRequest.result();
      const entry: Measured = {
        name: endpoint.name,
        touches: endpoint.touches,
        latency: summarise(result.latencies),
        errors: result.errors,
        errorSamples: result.errorSamples,
        cpuMs: { api: cpuMs['api'] ?? 0, postgres: cpuMs['postgres'] ?? 0, worker: cpuMs['worker'] ?? 0, temporal: cpuMs['temporal dev server'] ?? 0 },
        temporalCallsPerRequest: temporalCalls,
      };
      if (endpoint.sql) entry.explain = await explain(context, endpoint.sql.text, endpoint.sql.params);
      measured.push(entry);
    }
    const cpuReport = cpu.stop();

    // The same single-case read with the workflow NOT in the worker's cache: a fresh worker replays its history.
    context.log('  restarting the worker to read cases it has not cached…');
    await stack.restartWorker(stack.workerCacheSize);
    const loketToken = await context.token(caseLoket);
    const coldCount = Math.min(caseIds.length, requests);
    const cold = await runSequential(coldCount, async (index) => api.expect(200, api.get(`/api/referrals/${caseAt(index)}`, loketToken)));
    measured.push({ name: 'single case GET /:id (not cached: replay)', touches: 'Temporal: state Query on a fresh worker (history fetch + replay); audit_log insert', latency: summarise(cold.latencies), errors: cold.errors, errorSamples: cold.errorSamples });

    const judge = !settings.quick;
    const byName = (name: string) => measured.find((m) => m.name === name) as Measured;
    const noSlower = (deepName: string, firstName: string) => {
      const d = byName(deepName).latency;
      const f = byName(firstName).latency;
      return { measured: `p50 ${fmt(d.p50)} vs ${fmt(f.p50)} ms, p99 ${fmt(d.p99)} vs ${fmt(f.p99)} ms`, met: judge ? d.p50 <= f.p50 * 1.1 + 0.5 : null };
    };
    const targets = [
      ...measured.filter((m) => endpoints.find((e) => e.name === m.name)?.page === true).map((m) => ({ what: `${m.name}, p99`, target: `≤ ${TARGET_MS} ms`, measured: `${fmt(m.latency.p99)} ms (p50 ${fmt(m.latency.p50)})`, met: judge ? m.latency.p99 <= TARGET_MS : null })),
      { what: 'work list: deep page no slower than the first', target: 'deep p50 ≤ first p50 (+10 %, +0.5 ms)', ...noSlower('work list, loket, page 90 % deep', 'work list, loket, first page') },
      { what: 'overdue list: deep page no slower than the first', target: 'deep p50 ≤ first p50 (+10 %, +0.5 ms)', ...noSlower('overdue list, loket, page 90 % deep', 'overdue list, loket, first page') },
      ...measured.filter((m) => m.name.startsWith('single case')).map((m) => ({ what: `${m.name}, p50 / p99`, target: 'report (20 ms as for a page)', measured: `${fmt(m.latency.p50)} / ${fmt(m.latency.p99)} ms`, met: null })),
    ];

    const markdown = [
      `${total} rows in \`referral\` (${rows} seeded in ${seedSeconds} s; the rest from earlier scenarios). The largest region ${region} holds ${counts.region} cases (${counts.regionOverdue} overdue), the smallest ${smallest} ${counts.smallestRegion}; the busiest school ${vestiging} ${counts.vestiging}, its board ${board} ${counts.board}, a typical school ${typicalVestiging} ${counts.typicalVestiging}; regisseur ${regisseur} ${counts.regisseur}. ${requests} requests per endpoint, one at a time, after ${warmup} warm-up requests; ${PAGE}-row pages; every read writes its audit entries (50 per page).`,
      '',
      ...latencyTable(measured.map((m) => ({ name: m.name, summary: m.latency, extra: m.explain ? `${fmt(m.explain.executionMs, 2)} ms: ${m.explain.plan}` : m.touches })), 'Postgres alone (EXPLAIN ANALYZE) / what it touches'),
      '',
      '| endpoint | API CPU ms/request | Postgres CPU ms/request | worker CPU ms/request | dev server CPU ms/request | Temporal calls per request |',
      '|---|---|---|---|---|---|',
      ...measured
        .filter((m) => m.cpuMs !== undefined)
        .map((m) => `| ${m.name} | ${fmt(m.cpuMs?.api ?? 0, 2)} | ${fmt(m.cpuMs?.postgres ?? 0, 2)} | ${fmt(m.cpuMs?.worker ?? 0, 2)} | ${fmt(m.cpuMs?.temporal ?? 0, 2)} | ${describeCalls(m.temporalCallsPerRequest ?? {})} |`),
      ...measured.filter((m) => m.errors > 0).map((m) => `\nErrors on ${m.name}: ${m.errorSamples.join(' | ')}`),
    ].join('\n');
    const charts = [
      {
        file: 'read-model-latency.svg',
        svg: barChart({
          title: `API reads with ${Math.round(total / 1000)}k cases (one request at a time)`,
          yLabel: 'latency (ms)',
          seriesNames: ['p50', 'p99'],
          groups: measured.map((m) => ({ label: shortLabel(m.name), values: [m.latency.p50, m.latency.p99] })),
          markers: [{ axis: 'y', at: TARGET_MS, label: `target p99 ≤ ${TARGET_MS} ms (pages)` }],
        }),
      },
    ];
    return {
      settings: { seededRows: rows, totalRows: total, requestsPerEndpoint: requests, warmup, pageSize: PAGE, realCases: caseIds.length, region, smallestRegion: smallest, vestiging, typicalVestiging, board, regisseur, counts },
      figures: { seedSeconds, endpoints: measured },
      targets,
      cpu: cpuReport,
      markdown,
      charts,
    };
  },
};

async function explain(context: ScenarioContext, sql: string, params: unknown[]): Promise<{ executionMs: number; planningMs: number; plan: string }> {
  const result = await context.stack.pool?.query<{ 'QUERY PLAN': Array<{ Plan: PlanNode; 'Execution Time': number; 'Planning Time': number }> }>(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sql}`, params);
  const top = result?.rows[0]?.['QUERY PLAN'][0];
  if (top === undefined) return { executionMs: Number.NaN, planningMs: Number.NaN, plan: 'unknown' };
  return { executionMs: round(top['Execution Time'], 3), planningMs: round(top['Planning Time'], 3), plan: describePlan(top.Plan) };
}

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Scan Direction'?: string;
  'Actual Rows'?: number;
  'Rows Removed by Filter'?: number;
  Plans?: PlanNode[];
}

/** The plan's scan in a few words: which index, how many rows read and thrown away. */
function describePlan(node: PlanNode): string {
  const parts: string[] = [];
  const walk = (n: PlanNode): void => {
    if (n['Node Type'] !== 'Limit') {
      const removed = n['Rows Removed by Filter'] ? `, ${n['Rows Removed by Filter']} rows filtered out` : '';
      parts.push(`${n['Node Type']}${n['Scan Direction'] === 'Backward' ? ' (backward)' : ''}${n['Index Name'] ? ` on ${n['Index Name']}` : ''}${removed}`);
    }
    for (const child of n.Plans ?? []) walk(child);
  };
  walk(node);
  return parts.join(' → ');
}

function shortLabel(name: string): string {
  return name
    .replace('work list, ', 'list ')
    .replace('overdue list, ', 'overdue ')
    .replace(', first page', ' 1st')
    .replace(', page 90 % deep', ' deep')
    .replace('single case GET /:id ', 'GET /:id ')
    .replace('(workflow cached)', 'cached')
    .replace('(not cached: replay)', 'replay')
    .replace('timeline GET /:id/events', 'GET /:id/events')
    .replace('loket of the smallest region', 'small loket')
    .replace(/typical school \w+/, 'typ. school')
    .replace(/school board \w+/, 'board')
    .replace(/school \w+/, 'school');
}
