import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { mayManageAanbod, rolesFor, type Actor } from '@schakel/domain';
import { aanbodBody, ADMIN, GEMEENTE, LEERPLICHT, LOKET, OTHER_LOKET, PROVIDER, REGISSEUR, SCHOOL, wijkteamBody } from '@schakel/domain/testing';
import { AANBOD_DEMO_SET } from '@schakel/persistence';
import type { AuditResponseDto } from '../src/audit/dto/audit.request';
import type { AanbodListResponseDto, AanbodResponseDto } from '../src/providers/dto/aanbod.response';
import { ApiTestStack, type ApiResponse, type ErrorBody } from './api-e2e.test-helper';

/** The command `npm run seed:demo` runs, built (npm test builds first). */
const SEED_DEMO_MAIN = join(__dirname, '../../../libs/persistence/dist/seed-demo.main.js');

const FG: Actor = { sub: 'fg-1', role: 'fg', org: 'swv-2801', region: 'swv-2801' };

const ACTORS: Record<string, Actor> = {
  school: SCHOOL,
  'loket, own region': LOKET,
  'loket, other region': OTHER_LOKET,
  regisseur: REGISSEUR,
  provider: PROVIDER,
  leerplicht: LEERPLICHT,
  gemeente: GEMEENTE,
  admin: ADMIN,
  fg: FG,
};

interface SeedRun {
  code: number | null;
  output: string;
}

/**
 * Issue 11 §1: the provider catalogue through the API against real Postgres — the demo data set and its command,
 * the list and its filters, create / change / retire with If-Match, the access policy for every role, refusals
 * that change nothing, and an audit entry for every change.
 */
describe('the provider catalogue (real Postgres)', () => {
  let stack: ApiTestStack;
  const marker = randomBytes(3).toString('hex');
  let sequence = 0;
  const requestId = (what: string): string => `aanbod-${what}-${marker}-${(sequence += 1)}`;

  beforeAll(async () => {
    // No referral runs here: the catalogue never touches a workflow, so no worker is needed.
    stack = await ApiTestStack.start({ withWorker: false });
  }, 60_000);

  afterAll(async () => {
    await stack?.stop();
  }, 60_000);

  const query = <T>(sql: string, parameters: unknown[] = []): Promise<T> => stack.readModel.query(sql, parameters) as Promise<T>;
  /** Everything the catalogue and its audit trail hold: equal before and after a refusal means nothing changed. */
  const snapshot = async (): Promise<string> =>
    JSON.stringify({
      aanbod: await query(`SELECT * FROM aanbod ORDER BY id`),
      audit: await query(`SELECT id, action, aanbod_id FROM audit_log WHERE aanbod_id IS NOT NULL ORDER BY id`),
    });
  const auditRowsOf = async (requestIds: string[]): Promise<number> =>
    (await query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM audit_log WHERE request_id = ANY($1)`, [requestIds]))[0]?.n ?? -1;

  async function seedDemo(...args: string[]): Promise<SeedRun> {
    const child = spawn(process.execPath, [SEED_DEMO_MAIN, ...args], { env: { PATH: process.env['PATH'], DATABASE_URL: stack.database.url }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    return { code, output };
  }

  /** Every page of a list, following nextCursor. */
  async function allPages(actor: Actor, filters: string): Promise<AanbodResponseDto[]> {
    const items: AanbodResponseDto[] = [];
    let cursor: string | null = null;
    do {
      const page: ApiResponse<AanbodListResponseDto> = await stack.as(actor).get(`/api/providers?limit=7${filters}${cursor === null ? '' : `&cursor=${cursor}`}`);
      expect(page.status).toBe(200);
      items.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor !== null);
    return items;
  }

  const demo = (predicate: (entry: (typeof AANBOD_DEMO_SET)[number]) => boolean): string[] =>
    AANBOD_DEMO_SET.filter(predicate)
      .map((entry) => entry.id)
      .sort();
  const ids = (items: AanbodResponseDto[]): string[] => items.map((item) => item.id).sort();

  describe('the demo data set', () => {
    it('is loaded by npm start into an empty catalogue, and npm run seed:demo gives the same rows when run again', async () => {
      // What npm start runs on every start: into an empty catalogue only.
      const first = await seedDemo('--if-empty');
      expect({ code: first.code, output: first.output }).toEqual({ code: 0, output: expect.stringContaining(`loaded the demo provider catalogue`) });
      expect(first.output).toContain(`${AANBOD_DEMO_SET.length} fictitious aanbod of a Groningen-like (swv-2001) and a Rotterdam-like region (swv-2801)`);
      const loaded = await snapshot();

      // npm run seed:demo, twice: nothing changes, not even the audit trail.
      for (let run = 0; run < 2; run += 1) {
        const again = await seedDemo();
        expect({ code: again.code, output: again.output }).toEqual({ code: 0, output: expect.stringContaining('is loaded already') });
      }
      const onceMore = await seedDemo('--if-empty');
      expect(onceMore.output).toContain(`holds ${AANBOD_DEMO_SET.length} aanbod already: demo data not loaded`);
      expect(await snapshot()).toBe(loaded);

      const rows = await query<Array<{ region: string; n: number }>>(`SELECT region, count(*)::int AS n FROM aanbod GROUP BY region ORDER BY region`);
      expect(rows).toEqual([
        { region: 'swv-2001', n: demo((e) => e.fields.region === 'swv-2001').length },
        { region: 'swv-2801', n: demo((e) => e.fields.region === 'swv-2801').length },
      ]);
      // One audit entry per aanbod added, by Schakel itself.
      const audit = await query<Array<{ actor_role: string; action: string; n: number }>>(
        `SELECT actor_role, action, count(*)::int AS n FROM audit_log WHERE request_id = 'seed-demo' GROUP BY actor_role, action`,
      );
      expect(audit).toEqual([{ actor_role: 'system', action: 'provider.create', n: AANBOD_DEMO_SET.length }]);
    }, 60_000);

    it('covers every kind of aanbod, with wachtlijst-worthy full ones in both regions', () => {
      const kinds = new Set(AANBOD_DEMO_SET.map((entry) => entry.fields.kind));
      expect([...kinds].sort()).toEqual(
        ['jeugdhulpaanbieder', 'onderwijszorgarrangement', 'pro', 'rebound', 'sbo', 'school_als_wijk', 'schoolmaatschappelijk_werk', 'so', 'voorschool_plus', 'vso', 'vo_wij_team', 'wijkteam'].sort(),
      );
      for (const region of ['swv-2001', 'swv-2801']) expect(demo((e) => e.fields.region === region && e.placesTaken >= e.fields.capacity).length).toBeGreaterThan(0);
    });
  });

  describe('listing', () => {
    it('shows the catalogue to every authenticated role, and to nobody without a token', async () => {
      for (const [who, actor] of Object.entries(ACTORS)) {
        const list = await stack.as(actor).get<AanbodListResponseDto>('/api/providers?limit=1');
        expect({ who, status: list.status, items: list.body.items?.length }).toEqual({ who, status: 200, items: 1 });
      }
      expect((await stack.as(null).get<ErrorBody>('/api/providers')).body.code).toBe('UNAUTHENTICATED');
    });

    it('pages through everything in name order, each aanbod once', async () => {
      const items = await allPages(SCHOOL, '');
      expect(ids(items)).toEqual(demo(() => true));
      const inOrder = await query<Array<{ id: string }>>(`SELECT id FROM aanbod WHERE retired_at IS NULL ORDER BY name, id`);
      expect(items.map((item) => item.id)).toEqual(inOrder.map((row) => row.id));
    });

    it.each<[string, string, (entry: (typeof AANBOD_DEMO_SET)[number]) => boolean]>([
      ['kind', '&kind=wijkteam', (e) => e.fields.kind === 'wijkteam'],
      ['route', '&route=gecombineerd', (e) => e.fields.route === 'gecombineerd'],
      ['region', '&region=swv-2001', (e) => e.fields.region === 'swv-2001'],
      ['sector', '&sector=voorschool', (e) => e.fields.sectors.includes('voorschool')],
      ['free places', '&withFreePlaces=true', (e) => e.placesTaken < e.fields.capacity],
      ['all of them at once', '&region=swv-2801&route=onderwijs&sector=SO&withFreePlaces=true', (e) => e.fields.region === 'swv-2801' && e.fields.route === 'onderwijs' && e.fields.sectors.includes('SO') && e.placesTaken < e.fields.capacity],
    ])('filters on %s', async (_what, filters, predicate) => {
      const expected = demo(predicate);
      expect(expected.length).toBeGreaterThan(0);
      expect(ids(await allPages(GEMEENTE, filters))).toEqual(expected);
    });

    it('shows capacity, places taken and free places', async () => {
      const full = AANBOD_DEMO_SET.find((entry) => entry.fields.name === 'SO Het Havenlicht (cluster 3)');
      const read = await stack.as(REGISSEUR).get<AanbodResponseDto>(`/api/providers/${full?.id ?? ''}`);
      expect(read.status).toBe(200);
      expect(read.headers['etag']).toBe('"1"');
      expect(read.body).toMatchObject({ capacity: 110, placesTaken: 110, freePlaces: 0, kind: 'so', route: 'onderwijs', region: 'swv-2801', retired: null });
    });

    it.each<[string, string, string]>([
      ['an unknown kind', 'kind=kinderboerderij', 'kind'],
      ['withFreePlaces=false', 'withFreePlaces=false', 'withFreePlaces'],
      ['an unknown parameter', 'wijk=Delfshaven', '(query)'],
      ['a cursor from nowhere', 'cursor=bm90LWEtY3Vyc29y', 'cursor'],
      ['a limit too high', 'limit=101', 'limit'],
    ])('refuses %s, naming it', async (_what, filters, field) => {
      const list = await stack.as(SCHOOL).get<ErrorBody>(`/api/providers?${filters}`);
      expect({ status: list.status, code: list.body.code, fields: list.body.issues?.map((i) => i.field) }).toEqual({ status: 400, code: 'VALIDATION_FAILED', fields: [field] });
    });

    it('answers 404 for an unknown aanbod and 400 for an id that is none', async () => {
      expect((await stack.as(SCHOOL).get<ErrorBody>('/api/providers/00000000-0000-4000-8000-000000000000')).body.code).toBe('NOT_FOUND');
      const malformed = await stack.as(SCHOOL).get<ErrorBody>('/api/providers/not-an-id');
      expect({ status: malformed.status, field: malformed.body.issues?.[0]?.field }).toEqual({ status: 400, field: 'id' });
    });
  });

  describe('changing the catalogue', () => {
    let created: AanbodResponseDto;
    const createdBy: Record<string, string> = {};

    it('lets the loket add an aanbod to its own region, audited', async () => {
      const id = requestId('create');
      const response = await stack.as(LOKET).post<AanbodResponseDto>('/api/providers', aanbodBody({ name: `SO De Vuurtoren ${marker}` }), { 'X-Request-Id': id });
      expect(response.status).toBe(201);
      created = response.body;
      createdBy['loket'] = id;
      expect(response.headers['location']).toBe(`/api/providers/${created.id}`);
      expect(response.headers['etag']).toBe('"1"');
      expect(created).toMatchObject({ ...aanbodBody({ name: `SO De Vuurtoren ${marker}` }), placesTaken: 0, freePlaces: 12, version: 1, retired: null, createdBy: { sub: LOKET.sub, role: 'loket' } });
      const audit = await query<Array<{ action: string; actor_sub: string; aanbod_id: string }>>(`SELECT action, actor_sub, aanbod_id FROM audit_log WHERE request_id = $1`, [id]);
      expect(audit).toEqual([{ action: 'provider.create', actor_sub: LOKET.sub, aanbod_id: created.id }]);
    });

    it('lets admin add one to any region', async () => {
      const response = await stack.as(ADMIN).post<AanbodResponseDto>('/api/providers', wijkteamBody({ region: 'swv-2001', name: `Wijkteam Beijum ${marker}`, wijken: ['Beijum'] }));
      expect({ status: response.status, region: response.body.region }).toEqual({ status: 201, region: 'swv-2001' });
    });

    it('refuses everyone else, and the loket of another region, changing nothing', async () => {
      const before = await snapshot();
      const refusedIds: string[] = [];
      for (const [who, actor] of Object.entries(ACTORS)) {
        if (mayManageAanbod(actor, 'swv-2801')) continue;
        const id = requestId('forbidden');
        refusedIds.push(id);
        const response = await stack.as(actor).post<ErrorBody>('/api/providers', aanbodBody(), { 'X-Request-Id': id });
        expect({ who, status: response.status, code: response.body.code }).toEqual({ who, status: 403, code: 'FORBIDDEN' });
      }
      const other = await stack.as(OTHER_LOKET).post<ErrorBody>('/api/providers', aanbodBody());
      expect(other.body.issues).toEqual([expect.objectContaining({ field: 'region' })]);
      expect(await snapshot()).toBe(before);
      expect(await auditRowsOf(refusedIds)).toBe(0);
    });

    it.each<[string, unknown, string]>([
      ["a contact person's name", { ...aanbodBody(), contact: { role: 'intake', mailbox: 'intake@vuurtoren.example', name: 'Jan Jansen' } }, 'contact'],
      ["a person's mailbox", aanbodBody({ contact: { role: 'intake', mailbox: 'jan.jansen@vuurtoren.example' } }), 'contact.mailbox'],
      ['a mobile number', aanbodBody({ contact: { role: 'intake', mailbox: 'intake@vuurtoren.example', phone: '06 1234 5678' } }), 'contact.phone'],
      ['a route the kind does not serve', aanbodBody({ route: 'jeugdhulp' }), 'route'],
      ['a wijkteam without wijk', wijkteamBody({ wijken: [] }), 'wijken'],
      ['places taken', { ...aanbodBody(), placesTaken: 0 }, '(body)'],
      ['no capacity', { ...aanbodBody(), capacity: undefined }, 'capacity'],
    ])('refuses %s with 400 naming the field, changing nothing', async (_what, body, field) => {
      const before = await snapshot();
      const id = requestId('invalid');
      const response = await stack.as(LOKET).post<ErrorBody>('/api/providers', body, { 'X-Request-Id': id });
      expect({ status: response.status, code: response.body.code, fields: response.body.issues?.map((i) => i.field) }).toEqual({ status: 400, code: 'VALIDATION_FAILED', fields: [field] });
      expect(response.body.message).toContain(field);
      expect(await snapshot()).toBe(before);
      expect(await auditRowsOf([id])).toBe(0);
    });

    it('changes capacity and contact with If-Match, and refuses a stale version with 412, changing nothing', async () => {
      const path = `/api/providers/${created.id}`;
      const first = requestId('change');
      const changed = await stack.as(LOKET).patch<AanbodResponseDto>(path, { capacity: 14, contact: { role: 'plaatsing', mailbox: 'plaatsing@vuurtoren.example' } }, { 'If-Match': '"1"', 'X-Request-Id': first });
      expect(changed.status).toBe(200);
      expect(changed.headers['etag']).toBe('"2"');
      expect(changed.body).toMatchObject({ capacity: 14, freePlaces: 14, version: 2, contact: { role: 'plaatsing', mailbox: 'plaatsing@vuurtoren.example' }, name: created.name, updatedBy: { sub: LOKET.sub } });

      const before = await snapshot();
      const stale = await stack.as(ADMIN).patch<ErrorBody>(path, { capacity: 99 }, { 'If-Match': '"1"' });
      expect({ status: stale.status, code: stale.body.code, field: stale.body.issues?.[0]?.field }).toEqual({ status: 412, code: 'VERSION_CONFLICT', field: 'If-Match' });
      expect(await snapshot()).toBe(before);

      // Without If-Match the change applies to whatever is current.
      const second = requestId('change');
      const unconditional = await stack.as(ADMIN).patch<AanbodResponseDto>(path, { description: null }, { 'X-Request-Id': second });
      expect({ status: unconditional.status, version: unconditional.body.version, description: unconditional.body.description, capacity: unconditional.body.capacity }).toEqual({
        status: 200,
        version: 3,
        description: null,
        capacity: 14,
      });
      const audit = await query<Array<{ action: string; actor_sub: string }>>(`SELECT action, actor_sub FROM audit_log WHERE request_id = ANY($1) ORDER BY id`, [[first, second]]);
      expect(audit).toEqual([
        { action: 'provider.change', actor_sub: LOKET.sub },
        { action: 'provider.change', actor_sub: ADMIN.sub },
      ]);
    });

    it('refuses bad changes, other regions and unknown aanbod, changing nothing', async () => {
      const path = `/api/providers/${created.id}`;
      const before = await snapshot();
      const cases: Array<[Actor, string, unknown, Record<string, string>, number, string, string?]> = [
        [LOKET, path, {}, {}, 400, 'VALIDATION_FAILED', '(body)'],
        [LOKET, path, { placesTaken: 3 }, {}, 400, 'VALIDATION_FAILED', '(body)'],
        [LOKET, path, { capacity: -1 }, {}, 400, 'VALIDATION_FAILED', 'capacity'],
        // Checked as a whole: a kind whose route is not the stored one.
        [LOKET, path, { kind: 'wijkteam' }, {}, 400, 'VALIDATION_FAILED', 'route'],
        [LOKET, path, { contact: { role: 'intake', mailbox: 'p.devries@vuurtoren.example' } }, {}, 400, 'VALIDATION_FAILED', 'contact.mailbox'],
        [LOKET, path, { capacity: 3 }, { 'If-Match': 'W/"3"' }, 400, 'VALIDATION_FAILED', 'If-Match'],
        [OTHER_LOKET, path, { capacity: 3 }, {}, 403, 'FORBIDDEN', 'region'],
        // Moving it away needs the right in the other region too.
        [LOKET, path, { region: 'swv-3000' }, {}, 403, 'FORBIDDEN', 'region'],
        [SCHOOL, path, { capacity: 3 }, {}, 403, 'FORBIDDEN'],
        [LOKET, '/api/providers/00000000-0000-4000-8000-000000000000', { capacity: 3 }, {}, 404, 'NOT_FOUND'],
        [LOKET, path, { capacity: 3 }, { 'If-Match': '"2"' }, 412, 'VERSION_CONFLICT', 'If-Match'],
      ];
      for (const [actor, target, body, headers, status, code, field] of cases) {
        const id = requestId('refused');
        const response = await stack.as(actor).patch<ErrorBody>(target, body, { ...headers, 'X-Request-Id': id });
        const seen = { body, status: response.status, code: response.body.code, field: response.body.issues?.[0]?.field };
        expect(seen).toEqual({ body, status, code, field });
        expect(await auditRowsOf([id])).toBe(0);
      }
      expect(await snapshot()).toBe(before);
    });

    it('retires an aanbod: out of the list, still readable, not changed again', async () => {
      const path = `/api/providers/${created.id}`;
      const noReason = await stack.as(LOKET).post<ErrorBody>(`${path}/retire`, {});
      expect({ status: noReason.status, field: noReason.body.issues?.[0]?.field }).toEqual({ status: 400, field: 'reason' });
      expect((await stack.as(OTHER_LOKET).post<ErrorBody>(`${path}/retire`, { reason: 'Gesloten' })).status).toBe(403);
      expect((await stack.as(LOKET).post<ErrorBody>(`${path}/retire`, { reason: 'Gesloten' }, { 'If-Match': '"2"' })).status).toBe(412);

      const id = requestId('retire');
      const retired = await stack.as(LOKET).post<AanbodResponseDto>(`${path}/retire`, { reason: 'Locatie gesloten per 1 augustus' }, { 'If-Match': '"3"', 'X-Request-Id': id });
      expect(retired.status).toBe(200);
      expect(retired.headers['etag']).toBe('"4"');
      expect(retired.body.retired).toEqual({ at: expect.any(String), by: { sub: LOKET.sub, role: 'loket', org: LOKET.org }, reason: 'Locatie gesloten per 1 augustus' });

      expect((await allPages(SCHOOL, '&region=swv-2801')).some((item) => item.id === created.id)).toBe(false);
      expect((await allPages(SCHOOL, '&region=swv-2801&includeRetired=true')).some((item) => item.id === created.id)).toBe(true);
      expect((await stack.as(SCHOOL).get<AanbodResponseDto>(path)).body.retired?.reason).toBe('Locatie gesloten per 1 augustus');

      const before = await snapshot();
      const again = await stack.as(LOKET).post<ErrorBody>(`${path}/retire`, { reason: 'Nogmaals' });
      const change = await stack.as(ADMIN).patch<ErrorBody>(path, { capacity: 20 });
      expect([again.status, again.body.code, change.status, change.body.code]).toEqual([409, 'STAGE_CONFLICT', 409, 'STAGE_CONFLICT']);
      expect(await snapshot()).toBe(before);
    });

    it('keeps the trail of every change for admin and the FG: who created, changed and retired it, under which request', async () => {
      for (const actor of [ADMIN, FG]) {
        const trail = await stack.as(actor).get<AuditResponseDto>(`/api/audit?aanbod=${created.id}`);
        expect(trail.status).toBe(200);
        const changes = trail.body.items.filter((entry) => entry.action.startsWith('provider.'));
        expect(changes.map((entry) => [entry.action, entry.actor.sub, entry.aanbodId])).toEqual([
          ['provider.create', LOKET.sub, created.id],
          ['provider.change', LOKET.sub, created.id],
          ['provider.change', ADMIN.sub, created.id],
          ['provider.retire', LOKET.sub, created.id],
        ]);
        expect(changes[0]?.requestId).toBe(createdBy['loket']);
      }
      expect((await stack.as(LOKET).get<ErrorBody>(`/api/audit?aanbod=${created.id}`)).status).toBe(403);
      const both = await stack.as(ADMIN).get<ErrorBody>(`/api/audit?aanbod=${created.id}&child=lln-abcdef`);
      expect({ status: both.status, field: both.body.issues?.[0]?.field }).toEqual({ status: 400, field: 'case' });
    });
  });

  it('answers every role on every catalogue endpoint exactly as the access policy says', async () => {
    // A retired aanbod of swv-2801: a permitted change meets 409 and changes nothing (as the case matrix's closed cases do).
    const retired = (await stack.as(ADMIN).post<AanbodResponseDto>('/api/providers', aanbodBody({ name: `Matrix ${marker}` }))).body;
    expect((await stack.as(ADMIN).post(`/api/providers/${retired.id}/retire`, { reason: 'Matrix' })).status).toBe(200);
    const endpoints: Array<{ action: 'provider.view' | 'provider.manage'; call: (actor: Actor) => Promise<ApiResponse<unknown>>; permitted: number }> = [
      { action: 'provider.view', call: (actor) => stack.as(actor).get('/api/providers?limit=1'), permitted: 200 },
      { action: 'provider.view', call: (actor) => stack.as(actor).get(`/api/providers/${retired.id}`), permitted: 200 },
      { action: 'provider.manage', call: (actor) => stack.as(actor).patch(`/api/providers/${retired.id}`, { capacity: 1 }), permitted: 409 },
      { action: 'provider.manage', call: (actor) => stack.as(actor).post(`/api/providers/${retired.id}/retire`, { reason: 'Matrix' }), permitted: 409 },
      { action: 'provider.manage', call: (actor) => stack.as(actor).post('/api/providers', aanbodBody({ name: `Matrix ${marker}` })), permitted: 201 },
    ];
    const mismatches: string[] = [];
    for (const [who, actor] of Object.entries(ACTORS)) {
      for (const [index, endpoint] of endpoints.entries()) {
        const expected = !rolesFor(endpoint.action).includes(actor.role) ? 403 : endpoint.action === 'provider.manage' && !mayManageAanbod(actor, 'swv-2801') ? 403 : endpoint.permitted;
        const response = await endpoint.call(actor);
        if (response.status !== expected) mismatches.push(`${who} endpoint ${index} (${endpoint.action}): ${response.status}, policy says ${expected}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('documents every catalogue endpoint in OpenAPI', async () => {
    const document = await stack.as(null).get<{ paths: Record<string, Record<string, unknown>> }>('/api/docs-json');
    const operations = (path: string): string[] => Object.keys(document.body.paths[path] ?? {}).sort();
    expect(operations('/api/providers')).toEqual(['get', 'post']);
    expect(operations('/api/providers/{id}')).toEqual(['get', 'patch']);
    expect(operations('/api/providers/{id}/retire')).toEqual(['post']);
  });
});
