import { randomUUID } from 'node:crypto';
import type { Actor } from '@schakel/domain';
import { arrangementBody, LOKET, OTHER_SCHOOL, PROVIDER, REGISSEUR, SCHOOL, startReferralBody, toewijzingBody } from '@schakel/domain/testing';
import { ApiTestStack, eventually, secondsFromNow, type ListBody, type ReferralStateBody, type TimelineBody } from './api-e2e.test-helper';

/**
 * The referral process end to end (issue 2 §6): HTTP → API → real Temporal → real worker → real
 * Postgres → HTTP. Every case here is driven only through the API, as a caseworker's client would.
 */
describe('referral process through the API (real Temporal and Postgres)', () => {
  let stack: ApiTestStack;

  beforeAll(async () => {
    stack = await ApiTestStack.start();
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
  }, 60_000);

  async function startReferral(body = startReferralBody(), actor: Actor = SCHOOL, headers: Record<string, string> = {}): Promise<string> {
    const response = await stack.as(actor).post<{ referralId: string; stage: string }>('/api/referrals', body, headers);
    expect(response.status).toBe(201);
    return response.body.referralId;
  }

  async function state(referralId: string, actor: Actor = REGISSEUR): Promise<ReferralStateBody> {
    const response = await stack.as(actor).get<ReferralStateBody>(`/api/referrals/${referralId}`);
    expect(response.status).toBe(200);
    return response.body;
  }

  async function step(actor: Actor, referralId: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<ReferralStateBody> {
    const response = await stack.as(actor).post<ReferralStateBody>(`/api/referrals/${referralId}/${path}`, body, headers);
    if (response.status !== 200) throw new Error(`${path} answered ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body;
  }

  /** Toewijzing, a drafted arrangement with an evaluation a few seconds ahead, and its approval. */
  async function toUitvoering(referralId: string, evaluateInSeconds = 3): Promise<ReferralStateBody> {
    await step(LOKET, referralId, 'toewijzing', toewijzingBody());
    await step(SCHOOL, referralId, 'arrangement', arrangementBody(secondsFromNow(evaluateInSeconds)));
    return step(REGISSEUR, referralId, 'arrangement/approve', { note: 'Akkoord' });
  }

  function untilStage(referralId: string, stage: string): Promise<ReferralStateBody> {
    return eventually(() => state(referralId), (s) => s.stage === stage, 30_000, `stage ${stage}`);
  }

  it('carries a referral from the school to afgesloten, with the evaluation timer firing by itself', async () => {
    const started = await stack.as(SCHOOL).post<{ referralId: string; stage: string; links: { self: string; events: string } }>('/api/referrals', startReferralBody(), {
      'X-Request-Id': 'e2e-start-1',
    });
    expect(started.status).toBe(201);
    const { referralId } = started.body;
    expect(started.headers['location']).toBe(`/api/referrals/${referralId}`);
    expect(started.headers['x-request-id']).toBe('e2e-start-1');
    expect(started.body).toEqual({ referralId, stage: 'toewijzing', links: { self: `/api/referrals/${referralId}`, events: `/api/referrals/${referralId}/events` } });

    const allocated = await step(LOKET, referralId, 'toewijzing', toewijzingBody({ note: 'Gecombineerd traject' }));
    expect(allocated.stage).toBe('arrangement');
    expect(allocated.toewijzingen).toEqual([expect.objectContaining({ regisseurId: REGISSEUR.sub, route: 'gecombineerd' })]);

    const evaluationDate = secondsFromNow(3);
    const drafted = await step(SCHOOL, referralId, 'arrangement', arrangementBody(evaluationDate));
    expect(drafted.arrangements).toEqual([expect.objectContaining({ version: 1, status: 'ter_goedkeuring' })]);

    const approved = await step(REGISSEUR, referralId, 'arrangement/approve', { note: 'Akkoord' });
    expect(approved.stage).toBe('uitvoering');
    expect(approved.evaluationDueAt).toBe(new Date(evaluationDate).toISOString());

    // The evaluation date is a durable timer in the workflow: nobody calls the API to move the case.
    const due = await untilStage(referralId, 'evaluatie');
    expect(due.evaluationDueAt).toBeUndefined();

    const closed = await step(REGISSEUR, referralId, 'evaluation', { outcome: 'afsluiten', summary: 'Doelen bereikt; leerling functioneert weer in de klas.' });
    expect(closed.stage).toBe('afgesloten');
    expect(closed.closedAt).toEqual(expect.any(String));

    const timeline = await stack.as(SCHOOL).get<TimelineBody>(`/api/referrals/${referralId}/events`);
    expect(timeline.status).toBe(200);
    expect(timeline.body.items.map((e) => [e.seq, e.type, e.actor.sub, e.stage])).toEqual([
      [1, 'referral.submitted', SCHOOL.sub, 'gesignaleerd'],
      [2, 'toewijzing.requested', 'schakel', 'toewijzing'],
      [3, 'toewijzing.made', LOKET.sub, 'arrangement'],
      [4, 'arrangement.submitted', SCHOOL.sub, 'arrangement'],
      [5, 'arrangement.approved', REGISSEUR.sub, 'uitvoering'],
      [6, 'evaluation.due', 'schakel', 'evaluatie'],
      [7, 'evaluation.recorded', REGISSEUR.sub, 'afgesloten'],
      [8, 'referral.closed', REGISSEUR.sub, 'afgesloten'],
    ]);
    expect(timeline.body.items[0]).toEqual(expect.objectContaining({ requestId: 'e2e-start-1', actor: { sub: SCHOOL.sub, role: 'school', org: SCHOOL.org } }));
    expect(timeline.body.items[2]?.actor).toEqual({ sub: LOKET.sub, role: 'loket', org: LOKET.org });

    const list = await stack.as(REGISSEUR).get<ListBody>('/api/referrals?stage=afgesloten');
    expect(list.status).toBe(200);
    expect(list.body.items.map((i) => i.referralId)).toContain(referralId);
    expect(list.body.items.every((i) => i.stage === 'afgesloten')).toBe(true);
  }, 90_000);

  it('lists only what the caller may see, filtered, newest first, page by page with a cursor', async () => {
    const otherSchoolsCase = await startReferral(startReferralBody({ school: { brin: '99ZZ', sector: 'VO' } }), OTHER_SCHOOL);
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) ids.push(await startReferral(startReferralBody({ childRef: `lln-page-${i}` })));
    await step(LOKET, ids[0] as string, 'toewijzing', toewijzingBody());

    // Page through the school's own cases two at a time; pages never overlap and end with null.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor === null ? '?limit=2' : `?limit=2&cursor=${cursor}`;
      const page = await stack.as(SCHOOL).get<ListBody>(`/api/referrals${query}`);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((i) => i.referralId));
      cursor = page.body.nextCursor;
    } while (cursor !== null);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining(ids));
    expect(seen).not.toContain(otherSchoolsCase);
    // Newest first: the last started case comes before the first one.
    expect(seen.indexOf(ids[2] as string)).toBeLessThan(seen.indexOf(ids[0] as string));

    const byStage = await stack.as(LOKET).get<ListBody>('/api/referrals?stage=toewijzing&school=12AB&limit=100');
    expect(byStage.body.items.map((i) => i.referralId)).toEqual(expect.arrayContaining([ids[1], ids[2]]));
    expect(byStage.body.items.map((i) => i.referralId)).not.toContain(ids[0]);
    expect(byStage.body.items.every((i) => i.stage === 'toewijzing' && i.school.brin === '12AB')).toBe(true);

    const byRegisseur = await stack.as(LOKET).get<ListBody>(`/api/referrals?regisseur=${REGISSEUR.sub}&limit=100`);
    expect(byRegisseur.body.items.map((i) => i.referralId)).toContain(ids[0]);
    expect(byRegisseur.body.items.every((i) => i.regisseurId === REGISSEUR.sub)).toBe(true);

    // Scope per role, the same rules as a single case (isInvolved): the provider sees its assigned case.
    const provider = await stack.as(PROVIDER).get<ListBody>('/api/referrals?limit=100');
    expect(provider.body.items.map((i) => i.referralId)).toContain(ids[0]);
    expect(provider.body.items.map((i) => i.referralId)).not.toContain(ids[1]);
    const gemeente = await stack.as({ sub: 'gem-1', role: 'gemeente', org: 'gm0363', region: 'swv-2801' }).get<ListBody>('/api/referrals');
    expect(gemeente.body).toEqual({ items: [], nextCursor: null });
    const otherRegion = await stack.as({ sub: 'loket-7', role: 'loket', org: 'swv-3000', region: 'swv-3000' }).get<ListBody>('/api/referrals?limit=100');
    expect(otherRegion.body.items).toEqual([]);
  }, 90_000);

  it('starts one referral, and one workflow, per Idempotency-Key', async () => {
    const key = `intake-${randomUUID()}`;
    const body = startReferralBody({ childRef: 'lln-idem-1' });
    const first = await stack.as(SCHOOL).post<{ referralId: string }>('/api/referrals', body, { 'Idempotency-Key': key });
    const again = await stack.as(SCHOOL).post<{ referralId: string }>('/api/referrals', body, { 'Idempotency-Key': key });
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body.referralId).toBe(first.body.referralId);
    expect(again.headers['location']).toBe(`/api/referrals/${first.body.referralId}`);

    // The same key with another body is a client bug, not a retry.
    const reused = await stack.as(SCHOOL).post('/api/referrals', { ...body, summary: 'Een ander verzoek' }, { 'Idempotency-Key': key });
    expect(reused.status).toBe(422);
    expect(reused.body['code']).toBe('IDEMPOTENCY_KEY_REUSED');

    // Another school's identical key is another referral.
    const other = await stack.as(OTHER_SCHOOL).post<{ referralId: string }>('/api/referrals', startReferralBody({ school: { brin: '99ZZ', sector: 'PO' } }), { 'Idempotency-Key': key });
    expect(other.status).toBe(201);
    expect(other.body.referralId).not.toBe(first.body.referralId);

    const listed = await stack.as(SCHOOL).get<ListBody>('/api/referrals?limit=100');
    expect(listed.body.items.filter((i) => i.referralId === first.body.referralId)).toHaveLength(1);
    await eventually(() => stack.countWorkflows(first.body.referralId), (n) => n >= 1, 15_000, 'workflow visible');
    expect(await stack.countWorkflows(first.body.referralId)).toBe(1);

    // Still the same referral after it closed: a closed workflow id is never started again.
    await step(SCHOOL, first.body.referralId, 'withdraw', { reason: 'Dubbel ingediend' });
    const afterClose = await stack.as(SCHOOL).post<{ referralId: string; stage: string }>('/api/referrals', body, { 'Idempotency-Key': key });
    expect(afterClose.status).toBe(200);
    expect(afterClose.body).toEqual(expect.objectContaining({ referralId: first.body.referralId, stage: 'ingetrokken' }));
    expect(await stack.countWorkflows(first.body.referralId)).toBe(1);
  }, 90_000);

  it('applies a step sent twice with the same Idempotency-Key once', async () => {
    const referralId = await startReferral();
    const first = await step(LOKET, referralId, 'toewijzing', toewijzingBody(), { 'Idempotency-Key': 'toewijzing-1' });
    const retried = await step(LOKET, referralId, 'toewijzing', toewijzingBody(), { 'Idempotency-Key': 'toewijzing-1' });
    expect(retried.version).toBe(first.version);
    expect(retried.toewijzingen).toHaveLength(1);
  }, 60_000);

  it('withdraws a referral, after which every step is a conflict', async () => {
    const referralId = await startReferral();
    await step(LOKET, referralId, 'toewijzing', toewijzingBody());
    const withdrawn = await step(LOKET, referralId, 'withdraw', { reason: 'Ouders trekken toestemming in' });
    expect(withdrawn.stage).toBe('ingetrokken');
    expect(withdrawn.withdrawal).toEqual(expect.objectContaining({ reason: 'Ouders trekken toestemming in' }));

    const late = await stack.as(SCHOOL).post(`/api/referrals/${referralId}/arrangement`, arrangementBody(secondsFromNow(60)));
    expect(late.status).toBe(409);
    expect(late.body['code']).toBe('STAGE_CONFLICT');
    // A closed case still stays invisible outside its scope.
    const outsider = await stack.as(OTHER_SCHOOL).post(`/api/referrals/${referralId}/withdraw`, { reason: 'x' });
    expect(outsider.status).toBe(404);

    const timeline = await stack.as(SCHOOL).get<TimelineBody>(`/api/referrals/${referralId}/events`);
    expect(timeline.body.items.at(-1)).toEqual(expect.objectContaining({ type: 'referral.withdrawn', stage: 'ingetrokken', actor: { sub: LOKET.sub, role: 'loket', org: LOKET.org } }));
  }, 60_000);

  it('lets the regisseur reject an arrangement, the provider redraft it and the regisseur approve the new version', async () => {
    const referralId = await startReferral();
    await step(LOKET, referralId, 'toewijzing', toewijzingBody());
    await step(SCHOOL, referralId, 'arrangement', arrangementBody('2027-03-01'));
    const rejected = await step(REGISSEUR, referralId, 'arrangement/reject', { reason: 'Doelen zijn niet meetbaar' });
    expect(rejected.stage).toBe('arrangement');
    expect(rejected.arrangements.map((a) => a.status)).toEqual(['afgewezen']);

    const redrafted = await step(PROVIDER, referralId, 'arrangement', arrangementBody('2027-03-15', { goals: ['Werkt 3 van de 5 dagen 20 minuten zelfstandig'] }));
    expect(redrafted.arrangements.map((a) => [a.version, a.status])).toEqual([
      [1, 'vervangen'],
      [2, 'ter_goedkeuring'],
    ]);
    const approved = await step(REGISSEUR, referralId, 'arrangement/approve', {});
    expect(approved.stage).toBe('uitvoering');
    expect(approved.arrangements.at(-1)).toEqual(expect.objectContaining({ version: 2, status: 'goedgekeurd' }));
  }, 60_000);

  it('extends an arrangement (verlengen): the new evaluation date fires again', async () => {
    const referralId = await startReferral();
    await toUitvoering(referralId);
    await untilStage(referralId, 'evaluatie');
    const extended = await step(REGISSEUR, referralId, 'evaluation', { outcome: 'verlengen', summary: 'Goede voortgang', endDate: '2027-12-31', evaluationDate: secondsFromNow(3) });
    expect(extended.stage).toBe('uitvoering');
    expect(extended.arrangements.at(-1)).toEqual(expect.objectContaining({ endDate: '2027-12-31', status: 'goedgekeurd' }));
    await untilStage(referralId, 'evaluatie');
    const closed = await step(REGISSEUR, referralId, 'evaluation', { outcome: 'afsluiten', summary: 'Afgerond' });
    expect(closed.stage).toBe('afgesloten');
    expect(closed.evaluations.map((e) => e.outcome)).toEqual(['verlengen', 'afsluiten']);
  }, 90_000);

  it('adjusts an arrangement (bijstellen): back to a new draft', async () => {
    const referralId = await startReferral();
    await toUitvoering(referralId, 120);
    // A regisseur may evaluate before the planned date (DOMAIN: an arrangement that clearly does not work).
    const adjusted = await step(REGISSEUR, referralId, 'evaluation', { outcome: 'bijstellen', summary: 'Intensiteit te laag' });
    expect(adjusted.stage).toBe('arrangement');
    expect(adjusted.evaluationDueAt).toBeUndefined();
    const redrafted = await step(SCHOOL, referralId, 'arrangement', arrangementBody('2027-04-01', { intensity: { level: 'intensief', hoursPerWeek: 8 } }));
    expect(redrafted.arrangements.map((a) => [a.version, a.status])).toEqual([
      [1, 'vervangen'],
      [2, 'ter_goedkeuring'],
    ]);
  }, 60_000);

  it('scales up (opschalen): back to the loket for a new toewijzing', async () => {
    const referralId = await startReferral();
    await toUitvoering(referralId, 120);
    const scaledUp = await step(REGISSEUR, referralId, 'evaluation', { outcome: 'opschalen', summary: 'Specialistische jeugdhulp nodig' });
    expect(scaledUp.stage).toBe('toewijzing');
    const reallocated = await step(LOKET, referralId, 'toewijzing', toewijzingBody({ route: 'jeugdhulp', providerId: 'zorg-77' }));
    expect(reallocated.stage).toBe('arrangement');
    expect(reallocated.toewijzingen.map((t) => t.route)).toEqual(['gecombineerd', 'jeugdhulp']);
  }, 60_000);

  it('completes a case whose worker restarted in the middle of it', async () => {
    const referralId = await startReferral();
    await step(LOKET, referralId, 'toewijzing', toewijzingBody());
    await step(SCHOOL, referralId, 'arrangement', arrangementBody(secondsFromNow(4)));
    await step(REGISSEUR, referralId, 'arrangement/approve', {});

    // The evaluation timer falls due while no worker runs; the new worker picks the case up.
    await stack.stopWorker();
    await stack.startWorker();
    await untilStage(referralId, 'evaluatie');
    const closed = await step(REGISSEUR, referralId, 'evaluation', { outcome: 'afsluiten', summary: 'Afgerond na herstart' });
    expect(closed.stage).toBe('afgesloten');
    const timeline = await stack.as(REGISSEUR).get<TimelineBody>(`/api/referrals/${referralId}/events`);
    expect(timeline.body.items.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  }, 90_000);
});
