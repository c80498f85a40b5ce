import { randomBytes, randomUUID } from 'node:crypto';
import { dutchDateOf, inzageDueOn, type Actor } from '@schakel/domain';
import { ADMIN, LOKET, OTHER_LOKET, REGISSEUR, SCHOOL, startReferralBody } from '@schakel/domain/testing';
import type { InzageRequestListResponseDto } from '../src/ouders/dto/inzage-requests.response';
import { ApiTestStack, eventually, type ErrorBody } from './api-e2e.test-helper';

const FG: Actor = { sub: 'fg-1', role: 'fg', org: 'swv-2801', region: 'swv-2801' };
const DAY = 86_400_000;

type Item = InzageRequestListResponseDto['items'][number];

/**
 * Issue 11 §6 (ADR 0016): the requests of inzage with their one-month term, for the loket of the child's region and
 * for the FG. One request goes through the dossier (answered at once, its region from the child's plan); requests
 * the API could not answer (Temporal or Postgres down mid-request) are recorded as the service records them, open.
 * Real Temporal, real Postgres.
 */
describe('GET /api/inzage-requests (real Temporal, real Postgres)', () => {
  let stack: ApiTestStack;
  const marker = randomBytes(4).toString('hex');
  const childRef = `lln-inzage-${marker}`;
  const OUDER: Actor = { sub: `digid-${marker}`, role: 'ouder', children: [childRef] };
  const ids = { answered: '', overdue: '', open: '', otherRegion: '' };

  /** A request the API received and could not answer: open, with the term the service gives it. */
  async function openRequest(ref: string, region: string, daysAgo: number): Promise<string> {
    const receivedAt = new Date(Date.now() - daysAgo * DAY);
    const id = randomUUID();
    await stack.readModel.query(
      `INSERT INTO inzage_request (id, child_ref, region, requested_by, request_id, received_at, due_on) VALUES ($1, $2, $3, $4::jsonb, NULL, $5, $6)`,
      [id, ref, region, JSON.stringify({ sub: `digid-${ref}`, role: 'ouder' }), receivedAt, inzageDueOn(dutchDateOf(receivedAt.getTime()))],
    );
    return id;
  }

  const list = (actor: Actor, query = '') => stack.as(actor).get<InzageRequestListResponseDto & ErrorBody>(`/api/inzage-requests${query}`);
  const idsOf = (items: Item[]) => items.map((item) => item.id);

  beforeAll(async () => {
    stack = await ApiTestStack.start({ withWorker: true });
    const created = await stack.as(SCHOOL).post<{ referralId: string }>('/api/referrals', startReferralBody({ childRef }));
    expect(created.status).toBe(201);
    await eventually(() => stack.as(OUDER).get(`/api/children/${childRef}/plan`), (r) => r.status === 200, 30_000, 'the plan, seen by the ouder');
    const dossier = await stack.as(OUDER).get<{ request: { id: string } }>(`/api/children/${childRef}/dossier`);
    expect(dossier.status).toBe(200);
    ids.answered = dossier.body.request.id;
    ids.overdue = await openRequest(`lln-te-laat-${marker}`, 'swv-2801', 40);
    ids.open = await openRequest(`lln-open-${marker}`, 'swv-2801', 3);
    ids.otherRegion = await openRequest(`lln-elders-${marker}`, 'swv-3000', 45);
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
  }, 60_000);

  it("lists the loket's own region's requests, most urgent first, with term, answered and overdue, and no names", async () => {
    const response = await list(LOKET);
    expect(response.status).toBe(200);
    // By last day: the overdue one, the one received three days ago, then today's.
    expect(idsOf(response.body.items)).toEqual([ids.overdue, ids.open, ids.answered]);
    const byId = Object.fromEntries(response.body.items.map((item) => [item.id, item]));
    expect(byId[ids.answered]).toEqual({
      id: ids.answered,
      childRef,
      region: 'swv-2801',
      requestedAt: expect.any(String),
      dueOn: inzageDueOn(dutchDateOf(Date.now())),
      answered: true,
      answeredAt: expect.any(String),
      overdue: false,
    });
    expect(byId[ids.overdue]).toMatchObject({ answered: false, answeredAt: null, overdue: true });
    expect(byId[ids.open]).toMatchObject({ answered: false, overdue: false });
    expect(Object.keys(byId[ids.open] as Item).sort()).toEqual(['answered', 'answeredAt', 'childRef', 'dueOn', 'id', 'overdue', 'region', 'requestedAt']);
    expect(response.body.nextCursor).toBeNull();

    // The other region's loket sees only its own.
    expect(idsOf((await list(OTHER_LOKET)).body.items)).toEqual([ids.otherRegion]);
  });

  it('filters ?overdue=true to requests still open after their last day', async () => {
    expect(idsOf((await list(LOKET, '?overdue=true')).body.items)).toEqual([ids.overdue]);
    expect(idsOf((await list(FG, '?overdue=true')).body.items)).toEqual([ids.otherRegion, ids.overdue]);
  });

  it('shows the FG every region, in bounded pages that together hold each request once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: InzageRequestListResponseDto } = await list(FG, `?limit=1${cursor === null ? '' : `&cursor=${cursor}`}`);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(1);
      seen.push(...idsOf(page.body.items));
      cursor = page.body.nextCursor;
    } while (cursor !== null && seen.length < 10);
    expect(seen).toEqual([ids.otherRegion, ids.overdue, ids.open, ids.answered]);
  });

  it('records in the audit log which children’s requests were listed, and to whom', async () => {
    const requestId = `req-inzage-${marker}`;
    const response = await stack.as(LOKET).get<InzageRequestListResponseDto>('/api/inzage-requests', { 'x-request-id': requestId });
    expect(response.status).toBe(200);
    const audited = await stack.readModel.query<Array<{ child_ref: string }>>(
      `SELECT child_ref FROM audit_log WHERE action = 'inzage.listed' AND actor_sub = $1 AND request_id = $2 ORDER BY child_ref`,
      [LOKET.sub, requestId],
    );
    expect(audited.map((row) => row.child_ref)).toEqual([childRef, `lln-open-${marker}`, `lln-te-laat-${marker}`].sort());
  });

  it('refuses every other role (403) and bad parameters (400 naming the field)', async () => {
    for (const actor of [SCHOOL, REGISSEUR, ADMIN, OUDER]) {
      const response = await list(actor);
      expect({ who: actor.sub, status: response.status, code: response.body.code }).toEqual({ who: actor.sub, status: 403, code: 'FORBIDDEN' });
    }
    for (const [query, field] of [
      ['?overdue=false', 'overdue'],
      ['?limit=0', 'limit'],
      ['?limit=101', 'limit'],
      ['?cursor=bm90LWEtY3Vyc29y', 'cursor'],
      ['?child=lln-x', ''],
    ] as const) {
      const response = await list(LOKET, query);
      expect({ query, status: response.status, code: response.body.code }).toEqual({ query, status: 400, code: 'VALIDATION_FAILED' });
      if (field !== '') expect(response.body.issues?.map((issue) => issue.field)).toContain(field);
    }
  });
});
