import { dutchDateOf, type Actor, type DeadlinePolicy, type DeadlinePolicyFile, type DeadlineRule, type EscalationRecipient, type RunningDeadline } from '@schakel/domain';
import { arrangementBody, LOKET, OTHER_LOKET, REGISSEUR, SCHOOL, startReferralBody, toewijzingBody } from '@schakel/domain/testing';
import { ApiTestStack, eventually, secondsFromNow, type ErrorBody, type TimelineBody } from './api-e2e.test-helper';

const DAY = 86_400_000;
const seconds = (amount: number) => ({ amount, unit: 'seconden' as const });
const to = (...roles: Array<EscalationRecipient['role']>): EscalationRecipient[] =>
  roles.map((role) => ({ role, via: role === 'regisseur' ? 'regisseur' : role === 'school' ? 'school' : 'region' }));

/** A rule whose term and ladder run in seconds (the unit exists for test policies only — ADR 0004). */
function rule(term: number, ladder: Array<[after: number, recipients: EscalationRecipient[]]>, extra: Partial<DeadlineRule> = {}): DeadlineRule {
  return {
    description: 'e2e',
    term: seconds(term),
    atw: false,
    escalation: ladder.map(([after, recipients]) => ({ after: seconds(after), to: recipients })),
    source: 'apps/api/test/deadlines.e2e.ts',
    ...extra,
  };
}

/**
 * The API runs with this policy as SCHAKEL_POLICY_FILE. Terms are long enough (2 minutes) not to pass
 * during a test, except where a test needs them to: the thuiszitter ladder (counted from a date in the
 * past, so it has climbed by the time the report is on record) and the toewijzing in region swv-snel.
 */
const E2E_POLICY: DeadlinePolicyFile = {
  version: '2026.9-e2e',
  name: 'E2E-beleid in seconden',
  source: 'apps/api/test/deadlines.e2e.ts',
  defaultHolidayRegion: 'midden',
  rules: {
    toewijzing: rule(120, [[0, to('loket')], [2, to('gemeente')]], { extension: { max: seconds(30), times: 1 } }),
    arrangementApproval: rule(120, [[0, to('regisseur')]]),
    evaluation: rule(120, [[0, to('regisseur')]]),
    zorgplicht: rule(120, [[0, to('school')]], { extension: { max: seconds(30), times: 1 } }),
    opp: rule(120, [[0, to('school')]]),
    oppEvaluation: rule(120, [[0, to('school')]]),
    thuiszitter: rule(1, [[0, to('leerplicht', 'loket')], [1, to('regisseur', 'gemeente')], [2, to('gemeente', 'leerplicht')]]),
    // The overstap rules (issue 4) are not exercised here; a policy file must still name every rule.
    overstapBevestiging: rule(120, [[0, to('school')]]),
    tlvBesluit: rule(120, [[0, to('loket')]]),
    tlvHerbeoordeling: rule(120, [[0, to('school')]]),
    mboAanmelding: rule(120, [[0, to('school')]]),
  },
  // One region where the loket has a single second: its cases become overdue during the test.
  regions: { 'swv-snel': { rules: { toewijzing: { term: seconds(1) } } } },
};

const SNEL_SCHOOL: Actor = { sub: 'ib-snel', role: 'school', org: '34CD', region: 'swv-snel' };
const SNEL_LOKET: Actor = { sub: 'loket-snel', role: 'loket', org: 'swv-snel', region: 'swv-snel' };
const LEERPLICHT: Actor = { sub: 'lpa-1', role: 'leerplicht', org: 'gm-0344', region: 'swv-2801' };
const GEMEENTE: Actor = { sub: 'gemeente-1', role: 'gemeente', org: 'gm-0344', region: 'swv-2801' };
const ADMIN: Actor = { sub: 'admin-1', role: 'admin' };


interface DeadlineStateBody {
  referralId: string;
  stage: string;
  policyVersion: string;
  escalationLevel: number;
  overdueSince: string | null;
  nextDueAt: string | null;
  deadlines: RunningDeadline[];
  thuiszitterReport?: { since: string; kind: string; reportedBy: { role: string } };
  version: number;
}

interface DeadlineListBody {
  items: Array<{ referralId: string; policyVersion: string; escalationLevel: number; overdueSince: string | null; nextDueAt: string | null }>;
  nextCursor: string | null;
}

type Counts = Record<'minder_dan_4_weken' | '4_tot_8_weken' | '8_weken_tot_3_maanden' | '3_maanden_of_langer' | 'total', number>;

interface MonitorBody {
  measuredOn: string;
  buckets: string[];
  regions: Array<{ region: string; counts: Counts }>;
  total: Counts;
}

const ZERO: Counts = { minder_dan_4_weken: 0, '4_tot_8_weken': 0, '8_weken_tot_3_maanden': 0, '3_maanden_of_langer': 0, total: 0 };

/** The day `days` before today in the Netherlands, as the date a pupil went home. */
const daysAgo = (days: number): string => dutchDateOf(Date.now() - days * DAY);

/**
 * Deadlines through HTTP (issue 3 §3, §4, §6): the policy the API loads, pausing, resuming and
 * extending a term, the overdue list, a thuiszitter report with its ladder, and the monitor — against
 * the real Temporal dev server and Postgres, with a policy in seconds.
 */
describe('deadlines through the API (real Temporal and Postgres, policy in seconds)', () => {
  let stack: ApiTestStack;

  beforeAll(async () => {
    stack = await ApiTestStack.start({ policy: E2E_POLICY });
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
  }, 60_000);

  async function startReferral(actor: Actor = SCHOOL, body = startReferralBody()): Promise<string> {
    const response = await stack.as(actor).post<{ referralId: string }>('/api/referrals', body);
    if (response.status !== 201) throw new Error(`start answered ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body.referralId;
  }

  async function state(referralId: string, actor: Actor = LOKET): Promise<DeadlineStateBody> {
    const response = await stack.as(actor).get<DeadlineStateBody>(`/api/referrals/${referralId}`);
    if (response.status !== 200) throw new Error(`state answered ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body;
  }

  async function timeline(referralId: string): Promise<TimelineBody['items']> {
    return (await stack.as(LOKET).get<TimelineBody>(`/api/referrals/${referralId}/events`)).body.items;
  }

  /** A deadline id in a path, encoded as any client would. */
  const deadlinePath = (referralId: string, deadlineId: string, action: string) => `/api/referrals/${referralId}/deadlines/${encodeURIComponent(deadlineId)}/${action}`;

  function expectError(response: { status: number; body: unknown }, status: number, code: string): ErrorBody {
    const body = response.body as ErrorBody;
    expect({ status: response.status, code: body.code }).toEqual({ status, code });
    return body;
  }

  describe('the policy', () => {
    it('serves the policy from SCHAKEL_POLICY_FILE, with units and sources, to any role', async () => {
      for (const actor of [SCHOOL, GEMEENTE, ADMIN]) {
        const response = await stack.as(actor).get<DeadlinePolicy & { origin: string }>('/api/policy');
        expect(response.status).toBe(200);
        expect(response.body).toMatchObject({ version: '2026.9-e2e', origin: 'file', defaultHolidayRegion: 'midden' });
        expect(response.body.rules.toewijzing).toMatchObject({ term: { amount: 120, unit: 'seconden' }, source: 'apps/api/test/deadlines.e2e.ts' });
        expect(response.body.regions['swv-snel']?.rules.toewijzing?.term).toEqual({ amount: 1, unit: 'seconden' });
      }
      expect((await stack.as(null).get('/api/policy')).status).toBe(401);
    });

    it('starts a case under that policy and shows its running deadline in the case detail', async () => {
      const referralId = await startReferral();

      const detail = await state(referralId);

      expect(detail.policyVersion).toBe('2026.9-e2e');
      expect(detail.deadlines).toEqual([expect.objectContaining({ id: 'toewijzing-1', rule: 'toewijzing', level: 0, extensions: 0 })]);
      const [toewijzing] = detail.deadlines;
      expect(Date.parse(toewijzing!.dueAt) - Date.parse(toewijzing!.openedAt)).toBe(120_000);
      expect(detail).toMatchObject({ escalationLevel: 0, overdueSince: null, nextDueAt: toewijzing!.dueAt });
    });
  });

  it('documents the deadline endpoints, the overdue filter and the monitor buckets in OpenAPI', async () => {
    type Doc = { paths: Record<string, Record<string, { parameters?: Array<{ name: string }> }>>; components: { schemas: Record<string, { properties?: Record<string, { description?: string }> }> } };
    const doc = (await stack.as(null).get<Doc>('/api/docs-json')).body;

    for (const action of ['pause', 'resume', 'extend']) expect(doc.paths[`/api/referrals/{id}/deadlines/{deadlineId}/${action}`]?.['post']).toBeDefined();
    expect(doc.paths['/api/referrals/{id}/thuiszitter']?.['post']).toBeDefined();
    expect(doc.paths['/api/policy']?.['get']).toBeDefined();
    expect(doc.paths['/api/referrals']?.['get']?.parameters?.map((p) => p.name)).toContain('overdue');
    const counts = doc.components.schemas['ThuiszitterCounts']?.properties ?? {};
    expect(Object.keys(counts)).toEqual(['minder_dan_4_weken', '4_tot_8_weken', '8_weken_tot_3_maanden', '3_maanden_of_langer', 'total']);
    expect(counts['3_maanden_of_langer']?.description).toMatch(/Thuiszitterspact/);
  });

  describe('pause, resume and extend', () => {
    let referralId: string;

    beforeAll(async () => {
      referralId = await startReferral();
    }, 30_000);

    it('pauses a running deadline: the due date no longer counts', async () => {
      const response = await stack.as(LOKET).post<DeadlineStateBody>(deadlinePath(referralId, 'toewijzing-1', 'pause'), { reason: 'Wacht op het verslag van de jeugdarts' }, { 'Idempotency-Key': 'pause-1' });

      expect(response.status).toBe(200);
      expect(response.body.deadlines[0]).toMatchObject({ id: 'toewijzing-1', pausedAt: expect.any(String), pauseReason: 'Wacht op het verslag van de jeugdarts' });
      expect(response.body.nextDueAt).toBeNull();
      expect((await timeline(referralId)).at(-1)).toMatchObject({ type: 'deadline.paused', actor: { sub: LOKET.sub }, data: { deadlineId: 'toewijzing-1', reason: 'Wacht op het verslag van de jeugdarts' } });
    });

    it('answers a retried pause with its first outcome, and refuses a second pause', async () => {
      const retry = await stack.as(LOKET).post<DeadlineStateBody>(deadlinePath(referralId, 'toewijzing-1', 'pause'), { reason: 'Wacht op het verslag van de jeugdarts' }, { 'Idempotency-Key': 'pause-1' });
      expect(retry.status).toBe(200);

      const again = await stack.as(LOKET).post(deadlinePath(referralId, 'toewijzing-1', 'pause'), { reason: 'Nog een keer' });
      expectError(again, 409, 'STAGE_CONFLICT');
      expect((await timeline(referralId)).filter((e) => e.type === 'deadline.paused')).toHaveLength(1);
    });

    it('resumes it: the due date moves by exactly the time it was paused', async () => {
      const before = (await state(referralId)).deadlines[0]!;

      const response = await stack.as(LOKET).post<DeadlineStateBody>(deadlinePath(referralId, 'toewijzing-1', 'resume'), { note: 'Verslag ontvangen' });

      expect(response.status).toBe(200);
      const after = response.body.deadlines[0]!;
      expect(after.pausedAt).toBeUndefined();
      const resumed = (await timeline(referralId)).at(-1)!;
      expect(resumed).toMatchObject({ type: 'deadline.resumed', data: { deadlineId: 'toewijzing-1', dueAt: after.dueAt } });
      const pausedForMs = resumed.data['pausedForMs'] as number;
      expect(pausedForMs).toBeGreaterThan(0);
      expect(Date.parse(after.dueAt) - Date.parse(before.dueAt)).toBe(pausedForMs);
      expect(response.body.nextDueAt).toBe(after.dueAt);
    });

    it('extends it once, as far as the rule allows, and refuses more with DEADLINE_RULE', async () => {
      const tooFar = await stack.as(LOKET).post(deadlinePath(referralId, 'toewijzing-1', 'extend'), { amount: 45, unit: 'seconden', reason: 'Meer tijd nodig' });
      expectError(tooFar, 422, 'DEADLINE_RULE');
      const before = (await state(referralId)).deadlines[0]!;

      const extended = await stack.as(LOKET).post<DeadlineStateBody>(deadlinePath(referralId, 'toewijzing-1', 'extend'), { amount: 20, unit: 'seconden', reason: 'Ouders op vakantie' });

      expect(extended.status).toBe(200);
      expect(extended.body.deadlines[0]).toMatchObject({ extensions: 1 });
      expect(Date.parse(extended.body.deadlines[0]!.dueAt) - Date.parse(before.dueAt)).toBe(20_000);
      const second = await stack.as(LOKET).post(deadlinePath(referralId, 'toewijzing-1', 'extend'), { amount: 5, unit: 'seconden', reason: 'Nog iets meer' });
      expect(expectError(second, 422, 'DEADLINE_RULE').message).toMatch(/only once/);
      expect((await timeline(referralId)).filter((e) => e.type === 'deadline.extended')).toHaveLength(1);
    });

    it('validates the deadline id and body, and refuses other roles and regions', async () => {
      const badId = await stack.as(LOKET).post(`/api/referrals/${referralId}/deadlines/toewijzing1/pause`, { reason: 'x' });
      expect(expectError(badId, 400, 'VALIDATION_FAILED').issues?.map((i) => i.field)).toEqual(['deadlineId']);
      const badBody = await stack.as(LOKET).post(deadlinePath(referralId, 'toewijzing-1', 'extend'), { amount: 0, unit: 'jaren' });
      expect(expectError(badBody, 400, 'VALIDATION_FAILED').issues?.map((i) => i.field).sort()).toEqual(['amount', 'reason', 'unit']);
      expectError(await stack.as(LOKET).post(deadlinePath(referralId, 'zorgplicht-1', 'pause'), { reason: 'x' }), 404, 'NOT_FOUND');
      expectError(await stack.as(SCHOOL).post(deadlinePath(referralId, 'toewijzing-1', 'pause'), { reason: 'x' }), 403, 'FORBIDDEN');
      expectError(await stack.as(OTHER_LOKET).post(deadlinePath(referralId, 'toewijzing-1', 'pause'), { reason: 'x' }), 404, 'NOT_FOUND');
    });

    it('refuses steps on a deadline that no longer runs once its step is done', async () => {
      expect((await stack.as(LOKET).post(`/api/referrals/${referralId}/toewijzing`, toewijzingBody())).status).toBe(200);

      const detail = await state(referralId);

      expect(detail.deadlines[0]).toMatchObject({ id: 'toewijzing-1', closedAt: expect.any(String) });
      expect(detail.nextDueAt).toBeNull();
      expectError(await stack.as(LOKET).post(deadlinePath(referralId, 'toewijzing-1', 'pause'), { reason: 'Te laat' }), 409, 'STAGE_CONFLICT');
    });
  });

  describe('the overdue list', () => {
    it('lists open overdue cases most overdue first, page by page, and drops a case once its step is done', async () => {
      const body = startReferralBody({ school: { brin: '34CD', sector: 'VO' } });
      const first = await startReferral(SNEL_SCHOOL, body);
      const second = await startReferral(SNEL_SCHOOL, body);
      const notOverdue = await startReferral();

      const overdue = await eventually(
        () => stack.as(SNEL_LOKET).get<DeadlineListBody>('/api/referrals?overdue=true'),
        (r) => r.body.items.length === 2 && r.body.items.every((item) => item.escalationLevel >= 1),
        20_000,
        'two overdue cases in swv-snel',
      );

      expect(overdue.body.items.map((item) => item.referralId)).toEqual([first, second]);
      for (const item of overdue.body.items) {
        expect(item).toMatchObject({ policyVersion: '2026.9-e2e', overdueSince: expect.any(String), nextDueAt: item.overdueSince });
      }
      expect(Date.parse(overdue.body.items[0]!.overdueSince!)).toBeLessThanOrEqual(Date.parse(overdue.body.items[1]!.overdueSince!));

      const page1 = await stack.as(SNEL_LOKET).get<DeadlineListBody>('/api/referrals?overdue=true&limit=1');
      expect(page1.body.items.map((item) => item.referralId)).toEqual([first]);
      const cursor = page1.body.nextCursor ?? 'missing';
      const page2 = await stack.as(SNEL_LOKET).get<DeadlineListBody>(`/api/referrals?overdue=true&limit=1&cursor=${cursor}`);
      expect(page2.body).toEqual({ items: [expect.objectContaining({ referralId: second })], nextCursor: null });
      // A keyset belongs to its list: the overdue cursor means nothing in the whole work list.
      const mixed = await stack.as(SNEL_LOKET).get(`/api/referrals?limit=1&cursor=${cursor}`);
      expect(expectError(mixed, 400, 'VALIDATION_FAILED').issues?.map((i) => i.field)).toEqual(['cursor']);
      expectError(await stack.as(SNEL_LOKET).get('/api/referrals?overdue=false'), 400, 'VALIDATION_FAILED');

      // The loket of another region sees none of them, and a case within its term is not overdue.
      const elsewhere = (await stack.as(LOKET).get<DeadlineListBody>('/api/referrals?overdue=true')).body.items.map((i) => i.referralId);
      for (const id of [first, second, notOverdue]) expect(elsewhere).not.toContain(id);

      const allocated = await stack.as(SNEL_LOKET).post(`/api/referrals/${first}/toewijzing`, toewijzingBody());
      expect(allocated.status).toBe(200);
      const after = await stack.as(SNEL_LOKET).get<DeadlineListBody>('/api/referrals?overdue=true');
      expect(after.body.items.map((item) => item.referralId)).toEqual([second]);
      const whole = await stack.as(SNEL_LOKET).get<DeadlineListBody>('/api/referrals');
      expect(whole.body.items.find((item) => item.referralId === first)).toMatchObject({ escalationLevel: 0, overdueSince: null, policyVersion: '2026.9-e2e' });
    }, 60_000);
  });

  describe('thuiszitters and the monitor', () => {
    it('takes a thuiszitter report, climbs the ladder by itself and lets leerplicht see the case', async () => {
      const referralId = await startReferral();
      expectError(await stack.as(LEERPLICHT).get(`/api/referrals/${referralId}`), 404, 'NOT_FOUND');
      const since = daysAgo(40);

      const reported = await stack.as(SCHOOL).post<DeadlineStateBody>(`/api/referrals/${referralId}/thuiszitter`, { since, kind: 'langdurig_relatief_verzuim' }, { 'Idempotency-Key': 'thuis-1' });

      expect(reported.status).toBe(200);
      expect(reported.body.thuiszitterReport).toMatchObject({ since, kind: 'langdurig_relatief_verzuim', reportedBy: { role: 'school' } });
      expect(reported.body.deadlines.map((d) => d.id)).toEqual(['toewijzing-1', 'thuiszitter-1']);
      // Counted from the first day at home, 40 days ago: every level of the ladder has passed.
      const climbed = await eventually(
        () => timeline(referralId),
        (items) => items.filter((e) => e.type === 'deadline.escalated' && e.data['rule'] === 'thuiszitter').length === 3,
        20_000,
        'three thuiszitter escalations',
      );
      expect(climbed.filter((e) => e.type === 'deadline.escalated').map((e) => [e.data['deadlineId'], e.data['level'], e.actor.role])).toEqual([
        ['thuiszitter-1', 1, 'system'],
        ['thuiszitter-1', 2, 'system'],
        ['thuiszitter-1', 3, 'system'],
      ]);
      const detail = await state(referralId, LEERPLICHT);
      expect(detail).toMatchObject({ escalationLevel: 3, overdueSince: expect.any(String) });

      expectError(await stack.as(LOKET).post(`/api/referrals/${referralId}/thuiszitter`, { since, kind: 'absoluut_verzuim' }), 409, 'STAGE_CONFLICT');
      expectError(await stack.as(REGISSEUR).post(`/api/referrals/${referralId}/thuiszitter`, { since, kind: 'absoluut_verzuim' }), 403, 'FORBIDDEN');
    }, 60_000);

    it('refuses a report dated in the future or with an unknown kind', async () => {
      const referralId = await startReferral();

      const future = await stack.as(LEERPLICHT).post(`/api/referrals/${referralId}/thuiszitter`, { since: daysAgo(-2), kind: 'absoluut_verzuim' });
      expect(expectError(future, 400, 'VALIDATION_FAILED').issues?.map((i) => i.field)).toEqual(['since']);
      const kind = await stack.as(LEERPLICHT).post(`/api/referrals/${referralId}/thuiszitter`, { since: daysAgo(1), kind: 'spijbelen' });
      expect(expectError(kind, 400, 'VALIDATION_FAILED').issues?.map((i) => i.field)).toEqual(['kind']);
    });

    it('counts open thuiszitters per region and duration, without personal data', async () => {
      const before = await stack.as(GEMEENTE).get<MonitorBody>('/api/monitor/thuiszitters');
      expect(before.status).toBe(200);
      const base = before.body.total;

      const longAgo = await startReferral(SCHOOL, startReferralBody({ thuiszitter: { isThuiszitter: true, since: daysAgo(100) } }));
      const recent = await startReferral(SCHOOL, startReferralBody({ thuiszitter: { isThuiszitter: true, since: daysAgo(3) } }));
      const reported = await startReferral();
      expect((await stack.as(LEERPLICHT).post(`/api/referrals/${reported}/thuiszitter`, { since: daysAgo(60), kind: 'absoluut_verzuim' })).status).toBe(200);
      const snel = await startReferral(SNEL_SCHOOL, startReferralBody({ school: { brin: '34CD', sector: 'VO' }, thuiszitter: { isThuiszitter: true, since: daysAgo(10) } }));

      const figures = await stack.as(GEMEENTE).get<MonitorBody>('/api/monitor/thuiszitters');

      expect(figures.body.measuredOn).toBe(daysAgo(0));
      expect(figures.body.buckets).toEqual(['minder_dan_4_weken', '4_tot_8_weken', '8_weken_tot_3_maanden', '3_maanden_of_langer']);
      expect(figures.body.regions.map((r) => r.region)).toEqual(['swv-2801']);
      expect(figures.body.total).toEqual({
        minder_dan_4_weken: base.minder_dan_4_weken + 1,
        '4_tot_8_weken': base['4_tot_8_weken'],
        '8_weken_tot_3_maanden': base['8_weken_tot_3_maanden'] + 1,
        '3_maanden_of_langer': base['3_maanden_of_langer'] + 1,
        total: base.total + 3,
      });
      const body = JSON.stringify(figures.body);
      for (const id of [longAgo, recent, reported, snel]) expect(body).not.toContain(id);
      expect(body).not.toContain('lln-');

      // A withdrawn case is no longer counted: the monitor counts open referrals.
      expect((await stack.as(SCHOOL).post(`/api/referrals/${recent}/withdraw`, { reason: 'Leerling is verhuisd' })).status).toBe(200);
      const withdrawn = await stack.as(LEERPLICHT).get<MonitorBody>('/api/monitor/thuiszitters');
      expect(withdrawn.body.total).toMatchObject({ minder_dan_4_weken: base.minder_dan_4_weken, total: base.total + 2 });

      const all = await stack.as(ADMIN).get<MonitorBody>('/api/monitor/thuiszitters');
      expect(all.body.regions.find((r) => r.region === 'swv-snel')?.counts).toEqual({ ...ZERO, minder_dan_4_weken: 1, total: 1 });
      const snelLoket = await stack.as(SNEL_LOKET).get<MonitorBody>('/api/monitor/thuiszitters');
      expect(snelLoket.body.regions).toEqual([{ region: 'swv-snel', counts: { ...ZERO, minder_dan_4_weken: 1, total: 1 } }]);

      expectError(await stack.as(SCHOOL).get('/api/monitor/thuiszitters'), 403, 'FORBIDDEN');
      expectError(await stack.as(REGISSEUR).get('/api/monitor/thuiszitters'), 403, 'FORBIDDEN');
    }, 60_000);

    it('stops the thuiszitter ladder once the arrangement is approved and in uitvoering', async () => {
      const referralId = await startReferral(SCHOOL, startReferralBody({ thuiszitter: { isThuiszitter: true, since: daysAgo(20) } }));
      // The toewijzing arrives while the workflow is still sending the ladder's notifications.
      expect((await stack.as(LOKET).post(`/api/referrals/${referralId}/toewijzing`, toewijzingBody())).status).toBe(200);
      expect((await stack.as(SCHOOL).post(`/api/referrals/${referralId}/arrangement`, arrangementBody(secondsFromNow(3600)))).status).toBe(200);

      const approved = await stack.as(REGISSEUR).post<DeadlineStateBody>(`/api/referrals/${referralId}/arrangement/approve`, { note: 'Akkoord' });

      expect(approved.status).toBe(200);
      expect(approved.body.stage).toBe('uitvoering');
      expect(approved.body.deadlines.find((d) => d.rule === 'thuiszitter')).toMatchObject({ closedAt: expect.any(String) });
      expect(approved.body).toMatchObject({ escalationLevel: 0, overdueSince: null });
    }, 60_000);
  });
});
