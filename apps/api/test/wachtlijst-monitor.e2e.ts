import { randomBytes, randomUUID } from 'node:crypto';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { dutchDateOf, NATIONAL_DEADLINE_POLICY, resolveWachtlijstPolicy, type Actor, type ResolvedWachtlijstPolicy, type WachtlijstState } from '@schakel/domain';
import { ADMIN, enqueueBody, GEMEENTE, LEERPLICHT, LOKET, OTHER_LOKET, PROVIDER, REGISSEUR, SCHOOL, secondsWachtlijstPolicy } from '@schakel/domain/testing';
import {
  enqueueWachtlijstUpdate,
  recordOverbruggingUpdate,
  removeFromWachtlijstUpdate,
  WACHTLIJST_WORKFLOW_TYPE,
  wachtlijstStateQuery,
  wachtlijstWorkflowId,
  type WachtlijstWorkflowInput,
} from '@schakel/workflows/contracts';
import type { WachtlijstFiguresDto, WachtlijstMonitorResponseDto } from '../src/monitor/dto/wachtlijst-monitor.response';
import { eventually, type ApiTestStack, type ErrorBody } from './api-e2e.test-helper';
import { WachtlijstTestStack } from './wachtlijst-stack.test-helper';

jest.setTimeout(120_000);

const OWN = 'swv-2801';
const OTHER = 'swv-3000';
const GEMEENTE_OTHER: Actor = { sub: 'gem-9', role: 'gemeente', org: 'gem-0999', region: OTHER };
const LEERPLICHT_OTHER: Actor = { sub: 'lpa-9', role: 'leerplicht', org: 'gem-0999', region: OTHER };
const OUDER: Actor = { sub: 'digid-ouder-1', role: 'ouder', children: ['lln-wl-kind-1'] };

const DAY = 86_400_000;

/** An instant at noon UTC `days` calendar days ago: the same Dutch calendar date whatever the hour of the run. */
function daysAgo(days: number): string {
  const today = new Date();
  return new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - days, 12)).toISOString();
}
/** Whole days on the Dutch calendar from `since` to now: how the monitor counts a wait. */
const daysSince = (since: string): number => Math.round((Date.parse(dutchDateOf(Date.now())) - Date.parse(dutchDateOf(Date.parse(since)))) / DAY);

type List = WorkflowHandle;

/**
 * Issue 11 §4 on the real stack: wachtlijsten filled through the list workflow's Updates (the stack's worker runs
 * them and writes `wachtlijst_entry`), aanbod rows in the catalogue for their kind, then `GET /api/monitor/wachtlijsten`
 * per region and kind, and who may see which region. Full lists (capacity 0, or 1 taken outside Schakel) so no
 * case is admitted: the cases here have no referral workflow to tell.
 */
describe('GET /api/monitor/wachtlijsten on the real stack', () => {
  let wachtlijsten: WachtlijstTestStack;
  let stack: ApiTestStack;
  let temporal: Client;
  const referralIds: string[] = [];
  const childRefs: string[] = [];

  beforeAll(async () => {
    wachtlijsten = await WachtlijstTestStack.start();
    ({ stack, temporal } = wachtlijsten);
  }, 60_000);

  afterAll(async () => {
    await wachtlijsten?.stop();
  }, 60_000);

  const createAanbod = (actor: Actor, region: string, kind: 'so' | 'onderwijszorgarrangement'): Promise<string> =>
    kind === 'so' ? wachtlijsten.aanbod({ region, name: `SO ${randomBytes(3).toString('hex')}` }, actor) : wachtlijsten.ozaAanbod(12, { region }, actor);

  async function startList(aanbodId: string, capacity: number, policy: ResolvedWachtlijstPolicy): Promise<List> {
    const input: WachtlijstWorkflowInput = { aanbodId, capacity, placesTaken: capacity, policy };
    return temporal.workflow.start(WACHTLIJST_WORKFLOW_TYPE, { taskQueue: stack.config.temporal.taskQueue, workflowId: wachtlijstWorkflowId(aanbodId), args: [input] });
  }

  const command = (body: unknown) => ({ actor: LOKET, requestId: `req-${randomUUID()}`, body });
  async function enqueue(list: List, region: string, overrides: Parameters<typeof enqueueBody>[0] = {}): Promise<string> {
    const body = enqueueBody({ region, ...overrides });
    referralIds.push(body.referralId);
    childRefs.push(body.childRef as string);
    const position = await list.executeUpdate(enqueueWachtlijstUpdate, { args: [command(body)] });
    expect(position).toMatchObject({ referralId: body.referralId, status: 'wachtend' });
    return body.referralId;
  }
  const stateOf = (list: List) => list.query(wachtlijstStateQuery) as Promise<WachtlijstState>;
  const rows = async (aanbodId: string) =>
    (await stack.readModel.query(`SELECT referral_id, status, aanbod_kind, region FROM wachtlijst_entry WHERE aanbod_id = $1 ORDER BY referral_id`, [aanbodId])) as Array<{
      referral_id: string;
      status: string;
      aanbod_kind: string;
      region: string;
    }>;
  const monitor = (actor: Actor, query = '') => stack.as(actor).get<WachtlijstMonitorResponseDto & ErrorBody>(`/api/monitor/wachtlijsten${query}`);
  const group = (body: WachtlijstMonitorResponseDto, region: string, kind: string): WachtlijstFiguresDto | undefined => body.groups.find((g) => g.region === region && g.kind === kind);

  const expected: Record<string, Partial<WachtlijstFiguresDto>> = {};

  it('fills lists in two regions and two kinds through the workflow, and the read model follows', async () => {
    const national = (region: string) => resolveWachtlijstPolicy(NATIONAL_DEADLINE_POLICY, region);

    // Own region, SO, national norms (9 weeks without overbrugging, 14 with), capacity 0.
    const ownSo = await createAanbod(LOKET, OWN, 'so');
    const ownSoList = await startList(ownSo, 0, national(OWN));
    const since70 = daysAgo(70);
    await enqueue(ownSoList, OWN, { waitingSince: since70 }); // past 9 weeks, no overbrugging: over the norm
    await enqueue(ownSoList, OWN, { waitingSince: since70, overbrugging: 'ambulanteHulp' }); // under 14 weeks
    const tenDays = await enqueue(ownSoList, OWN, { waitingSince: daysAgo(10) });
    await enqueue(ownSoList, OWN, { waitingSince: daysAgo(30) });
    // Overbrugging recorded while waiting: the case moves to the 14-week norm.
    await ownSoList.executeUpdate(recordOverbruggingUpdate, { args: [command({ referralId: tenDays, overbrugging: 'zorgbemiddeling' })] });
    const own70 = daysSince(since70);
    const own30 = daysSince(daysAgo(30));
    const own10 = daysSince(daysAgo(10));
    // Overbrugging recorded today covers no whole day yet: netto equals bruto within the test's day.
    const ownSoDays = { median: own30, p90: own70, longest: own70 };
    expected[`${OWN}/so`] = { waiting: 4, waitingWithoutOverbrugging: 2, bruto: ownSoDays, netto: ownSoDays, overNorm: 0.25, verlopen: 0 };
    expect(own10).toBeLessThan(own30);

    // Own region, OZA, a policy in seconds (30 s without overbrugging), capacity 1 taken outside Schakel.
    const ownOza = await createAanbod(LOKET, OWN, 'onderwijszorgarrangement');
    const ownOzaList = await startList(ownOza, 1, secondsWachtlijstPolicy({ withoutTerm: 30, withTerm: 3600, expiryReminder: 1 }));
    const lapsing = await enqueue(ownOzaList, OWN, { validUntil: new Date(Date.now() + 4_000).toISOString() });
    await enqueue(ownOzaList, OWN, { waitingSince: daysAgo(5) }); // 30 s norm counted from 5 days ago: over it
    const helped = await enqueue(ownOzaList, OWN, {}); // waits from now
    await ownOzaList.executeUpdate(recordOverbruggingUpdate, { args: [command({ referralId: helped, overbrugging: 'tijdelijkePlaatsing' })] });
    const five = daysSince(daysAgo(5));
    expected[`${OWN}/onderwijszorgarrangement`] = {
      waiting: 2,
      waitingWithoutOverbrugging: 1,
      bruto: { median: 0, p90: five, longest: five },
      netto: { median: 0, p90: five, longest: five },
      overNorm: 0.5,
      verlopen: 1,
    };

    // Other region: SO with one case, OZA with one waiting and one removed.
    const otherSo = await createAanbod(OTHER_LOKET, OTHER, 'so');
    const otherSoList = await startList(otherSo, 0, national(OTHER));
    await enqueue(otherSoList, OTHER, { waitingSince: daysAgo(20), overbrugging: 'reboundOpdc' });
    const twenty = daysSince(daysAgo(20));
    expected[`${OTHER}/so`] = { waiting: 1, waitingWithoutOverbrugging: 0, bruto: { median: twenty, p90: twenty, longest: twenty }, overNorm: 0, verlopen: 0 };

    const otherOza = await createAanbod(OTHER_LOKET, OTHER, 'onderwijszorgarrangement');
    const otherOzaList = await startList(otherOza, 1, national(OTHER));
    await enqueue(otherOzaList, OTHER, { waitingSince: daysAgo(3) });
    const leaving = await enqueue(otherOzaList, OTHER, { waitingSince: daysAgo(40) });
    await otherOzaList.executeUpdate(removeFromWachtlijstUpdate, { args: [command({ referralId: leaving, reason: 'verhuisd' })] });
    const three = daysSince(daysAgo(3));
    expected[`${OTHER}/onderwijszorgarrangement`] = { waiting: 1, bruto: { median: three, p90: three, longest: three }, netto: { median: three, p90: three, longest: three }, overNorm: 0, verlopen: 0 };

    // The beschikking lapses while waiting: off the queue as verlopen, in the list and in the read model.
    await eventually(() => stateOf(ownOzaList), (s) => s.closed.some((c) => c.referralId === lapsing && c.outcome === 'verlopen'), 30_000, 'the lapsed entry');
    await eventually(() => rows(ownOza), (r) => r.length === 3 && r.some((row) => row.referral_id === lapsing && row.status === 'verlopen'), 30_000, 'the verlopen row');
    await eventually(() => rows(otherOza), (r) => r.find((row) => row.referral_id === leaving)?.status === 'removed', 30_000, 'the removed row');
    await eventually(() => rows(ownSo), (r) => r.length === 4, 30_000, 'the SO rows');
    await eventually(() => rows(otherSo), (r) => r.length === 1, 30_000, 'the other SO row');
    // The kind comes from the catalogue.
    for (const [aanbodId, kind] of [[ownSo, 'so'], [ownOza, 'onderwijszorgarrangement'], [otherSo, 'so'], [otherOza, 'onderwijszorgarrangement']] as const) {
      expect(new Set((await rows(aanbodId)).map((row) => row.aanbod_kind))).toEqual(new Set([kind]));
    }
  });

  it('gives admin every region and kind with median, p90, longest, bruto and netto, over-norm share and lapsed', async () => {
    const all = await eventually(() => monitor(ADMIN), (r) => r.status === 200 && r.body.groups.length === 4, 30_000, 'four groups');
    expect(all.body.groups.map((g) => `${g.region}/${g.kind}`)).toEqual([`${OWN}/onderwijszorgarrangement`, `${OWN}/so`, `${OTHER}/onderwijszorgarrangement`, `${OTHER}/so`]);
    for (const [key, figures] of Object.entries(expected)) {
      const [region, kind] = key.split('/') as [string, string];
      expect({ key, figures: group(all.body, region, kind) }).toMatchObject({ key, figures });
    }
    expect(Date.parse(all.body.measuredAt)).toBeGreaterThan(Date.now() - 60_000);

    // Admin may narrow to one region.
    const narrowed = await monitor(ADMIN, `?region=${OTHER}`);
    expect(narrowed.status).toBe(200);
    expect(narrowed.body.groups.map((g) => g.region)).toEqual([OTHER, OTHER]);
  });

  it('gives gemeente, leerplicht and loket their own region only, and refuses another (403)', async () => {
    for (const actor of [GEMEENTE, LEERPLICHT, LOKET]) {
      const own = await monitor(actor);
      expect({ role: actor.role, status: own.status }).toEqual({ role: actor.role, status: 200 });
      expect(own.body.groups.map((g) => `${g.region}/${g.kind}`)).toEqual([`${OWN}/onderwijszorgarrangement`, `${OWN}/so`]);
      expect(group(own.body, OWN, 'so')).toMatchObject(expected[`${OWN}/so`] as object);
      expect((await monitor(actor, `?region=${OWN}`)).body.groups).toEqual(own.body.groups);
      const other = await monitor(actor, `?region=${OTHER}`);
      expect({ role: actor.role, status: other.status, code: other.body.code }).toEqual({ role: actor.role, status: 403, code: 'FORBIDDEN' });
    }
    for (const actor of [GEMEENTE_OTHER, LEERPLICHT_OTHER, OTHER_LOKET]) {
      const own = await monitor(actor);
      expect({ role: actor.role, status: own.status }).toEqual({ role: actor.role, status: 200 });
      expect(own.body.groups.map((g) => `${g.region}/${g.kind}`)).toEqual([`${OTHER}/onderwijszorgarrangement`, `${OTHER}/so`]);
      expect((await monitor(actor, `?region=${OWN}`)).status).toBe(403);
    }
  });

  it('refuses school, regisseur, provider and ouder (403), and a malformed region (400)', async () => {
    for (const actor of [SCHOOL, REGISSEUR, PROVIDER, OUDER]) {
      const refused = await monitor(actor);
      expect({ role: actor.role, status: refused.status, code: refused.body.code }).toEqual({ role: actor.role, status: 403, code: 'FORBIDDEN' });
    }
    expect((await stack.as(null).get('/api/monitor/wachtlijsten')).status).toBe(401);
    expect((await monitor(ADMIN, '?region=swv 2801')).status).toBe(400);
    expect((await monitor(ADMIN, '?region=swv-2801&child=1')).status).toBe(400);
  });

  it('answers aggregates only: no referral id, no child reference, no aanbod id', async () => {
    const body = JSON.stringify((await monitor(ADMIN)).body);
    for (const id of [...referralIds, ...childRefs, ...wachtlijsten.lists]) expect(body).not.toContain(id);
    expect(body).not.toContain('lln-');
    const keys = new Set((await monitor(ADMIN)).body.groups.flatMap((g) => Object.keys(g)));
    expect([...keys].sort()).toEqual(['bruto', 'kind', 'netto', 'overNorm', 'region', 'verlopen', 'waiting', 'waitingWithoutOverbrugging']);
  });

  it('counts netto without the days overbruggingszorg covered, from the jsonb periods in Postgres', async () => {
    // Overbrugging recorded through the list starts now, so within one test day it covers no whole day. To see
    // netto on the real database, the other region's SO row (waiting 20 days, overbrugging since today) is given a
    // history in the read model: overbrugging from the start until 5 days ago, and again since 2 days ago.
    const history = [
      { form: 'reboundOpdc', from: daysAgo(20), until: daysAgo(5) },
      { form: 'ambulanteHulp', from: daysAgo(2) },
    ];
    await stack.readModel.query(`UPDATE wachtlijst_entry SET overbrugging = $1::jsonb WHERE region = $2 AND aanbod_kind = 'so' AND status = 'waiting'`, [JSON.stringify(history), OTHER]);
    const twenty = daysSince(daysAgo(20));
    const covered = twenty - daysSince(daysAgo(5)) + daysSince(daysAgo(2));
    const figures = group((await monitor(OTHER_LOKET)).body, OTHER, 'so');
    expect(figures).toMatchObject({ waiting: 1, waitingWithoutOverbrugging: 0, bruto: { median: twenty, longest: twenty }, netto: { median: twenty - covered, p90: twenty - covered, longest: twenty - covered } });
    expect(twenty - covered).toBe(3);
  });
});
