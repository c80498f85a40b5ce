import { randomBytes } from 'node:crypto';
import { dutchDateOf, endOfDutchDayOf, type Actor, type DeadlinePolicyFile } from '@schakel/domain';
import {
  aanmeldingBody,
  arrangementBody,
  LOKET,
  OTHER_REGISSEUR,
  OTHER_SCHOOL,
  overdrachtBody,
  PROVIDER,
  REGISSEUR,
  SCHOOL,
  scheduleTransitionBody,
  secondsPolicy,
  SO_SCHOOL,
  startReferralBody,
  toewijzingBody,
  VO_SCHOOL,
  warmeOverdrachtBody,
} from '@schakel/domain/testing';
import type { ChildPlanResponseDto } from '../src/children/dto/child-plan.response';
import type { NotificationListResponseDto } from '../src/notifications/dto/notification.response';
import { ApiTestStack, eventually, secondsFromNow, type ApiResponse, type ErrorBody, type ReferralStateBody } from './api-e2e.test-helper';

/**
 * How long before its start date an overstap must be confirmed in this run: the overstapBevestiging
 * term, anchored to the start date (issue 4 §2). A start LEAD + 3 s ahead is due 3 s after scheduling.
 */
const LEAD_SECONDS = 10;
const SECONDS_POLICY = secondsPolicy(300);

/**
 * The test policy in seconden (ADR 0004), as a policy file: the referral's own terms (300 s) stay quiet
 * during a test; only the overstap's confirmation term is short enough to pass when a test waits for it.
 */
const E2E_POLICY: DeadlinePolicyFile = {
  version: '2026.9-e2e',
  name: 'E2E-beleid voor het plan van het kind',
  source: 'apps/api/test/child-plan.e2e.ts',
  defaultHolidayRegion: 'midden',
  rules: { ...SECONDS_POLICY.rules, overstapBevestiging: { ...SECONDS_POLICY.rules.overstapBevestiging, term: { amount: LEAD_SECONDS, unit: 'seconden' } } },
  regions: {},
};

const GEMEENTE: Actor = { sub: 'gemeente-1', role: 'gemeente', org: 'gm-0344', region: 'swv-2801' };
const LEERPLICHT: Actor = { sub: 'lpa-1', role: 'leerplicht', org: 'gm-0344', region: 'swv-2801' };

type Plan = ChildPlanResponseDto;

/**
 * The child's plan end to end (issue 4 §4): HTTP → API → real Temporal (the referral and the child's
 * plan workflows) → real worker → HTTP. Plan workflow ids are per child across the whole dev server, so
 * every test uses a child reference of its own.
 */
describe("the child's plan through the API (real Temporal and Postgres)", () => {
  let stack: ApiTestStack;

  beforeAll(async () => {
    stack = await ApiTestStack.start({ withWorker: true, policy: E2E_POLICY });
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
  }, 60_000);

  const today = (): string => dutchDateOf(Date.now());
  const newChildRef = (): string => `lln-plan-${randomBytes(4).toString('hex')}`;

  async function startReferral(childRef: string, actor: Actor = SCHOOL): Promise<string> {
    const response = await stack.as(actor).post<{ referralId: string }>('/api/referrals', startReferralBody({ childRef }));
    expect(response.status).toBe(201);
    return response.body.referralId;
  }

  async function referralStep(actor: Actor, referralId: string, path: string, body: unknown): Promise<ReferralStateBody> {
    const response = await stack.as(actor).post<ReferralStateBody>(`/api/referrals/${referralId}/${path}`, body);
    if (response.status !== 200) throw new Error(`${path} answered ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body;
  }

  function getPlan(childRef: string, actor: Actor = LOKET): Promise<ApiResponse<Plan>> {
    return stack.as(actor).get<Plan>(`/api/children/${childRef}/plan`);
  }

  async function plan(childRef: string, actor: Actor = LOKET): Promise<Plan> {
    const response = await getPlan(childRef, actor);
    if (response.status !== 200) throw new Error(`GET plan answered ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body;
  }

  /** The plan once `done` holds: the referrals report to it, and its timers fire, in their own time. */
  function untilPlan(childRef: string, done: (p: Plan) => boolean, what: string, timeoutMs = 30_000): Promise<Plan> {
    return eventually(
      async () => {
        const response = await getPlan(childRef);
        return response.status === 200 ? response.body : null;
      },
      (p): p is Plan => p !== null && done(p),
      timeoutMs,
      what,
    ) as Promise<Plan>;
  }

  async function planStep(actor: Actor, childRef: string, path: string, body: unknown, headers: Record<string, string> = {}, status = 200): Promise<Plan> {
    const response = await stack.as(actor).post<Plan>(`/api/children/${childRef}/${path}`, body, headers);
    if (response.status !== status) throw new Error(`${path} answered ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body;
  }

  function expectError(response: ApiResponse<unknown>, status: number, code: string): ErrorBody {
    const body = response.body as ErrorBody;
    expect({ status: response.status, code: body.code }).toEqual({ status, code });
    return body;
  }

  /** A referral of the child with its arrangement approved: stage uitvoering, reported to the plan. */
  async function referralInUitvoering(childRef: string): Promise<string> {
    const referralId = await startReferral(childRef);
    await referralStep(LOKET, referralId, 'toewijzing', toewijzingBody());
    await referralStep(SCHOOL, referralId, 'arrangement', arrangementBody('2027-03-01'));
    const approved = await referralStep(REGISSEUR, referralId, 'arrangement/approve', { note: 'Akkoord' });
    expect(approved.stage).toBe('uitvoering');
    await untilPlan(childRef, (p) => p.referrals.some((r) => r.referralId === referralId && r.arrangement?.status === 'goedgekeurd'), 'arrangement in the plan');
    return referralId;
  }

  it('gives two referrals for one child one plan and one regisseur, and refuses a second regisseur', async () => {
    const childRef = newChildRef();
    const first = await startReferral(childRef);
    const allocated = await referralStep(LOKET, first, 'toewijzing', toewijzingBody());
    expect(allocated.toewijzingen.at(-1)?.regisseurId).toBe(REGISSEUR.sub);

    const second = await startReferral(childRef);
    await untilPlan(childRef, (p) => p.referrals.length === 2, 'second referral in the plan');
    const conflict = await stack.as(LOKET).post(`/api/referrals/${second}/toewijzing`, toewijzingBody({ regisseurId: OTHER_REGISSEUR.sub }));
    const refusal = expectError(conflict, 409, 'REGISSEUR_CONFLICT');
    expect(refusal.issues).toEqual([expect.objectContaining({ field: 'regisseurId' })]);
    // The refused toewijzing changed nothing: the referral still waits for one.
    const unchanged = await stack.as(LOKET).get<ReferralStateBody>(`/api/referrals/${second}`);
    expect(unchanged.body.stage).toBe('toewijzing');
    expect(unchanged.body.toewijzingen).toEqual([]);

    // Without a regisseur named, the second referral takes the child's.
    const { regisseurId: _omitted, ...withoutRegisseur } = toewijzingBody();
    const joined = await referralStep(LOKET, second, 'toewijzing', withoutRegisseur);
    expect(joined.stage).toBe('arrangement');
    expect(joined.toewijzingen.at(-1)?.regisseurId).toBe(REGISSEUR.sub);

    const shared = await untilPlan(childRef, (p) => p.referrals.every((r) => r.stage === 'arrangement'), 'both referrals in stage arrangement');
    expect(shared.referrals.map((r) => r.referralId)).toEqual([first, second]);
    expect(shared.referrals.map((r) => r.regisseurId)).toEqual([REGISSEUR.sub, REGISSEUR.sub]);
    expect(shared.regisseur).toEqual(expect.objectContaining({ regisseurId: REGISSEUR.sub, referralId: first }));
    expect(shared.regisseurHistory).toHaveLength(1);
    expect(shared.school).toEqual(expect.objectContaining({ brin: '12AB', sector: 'PO' }));
    expect(shared.timeline.filter((e) => e.type === 'referral.registered').map((e) => e.referralId)).toEqual([first, second]);
    expect(shared.timeline.filter((e) => e.type === 'regisseur.assigned')).toEqual([expect.objectContaining({ referralId: first, actor: { sub: LOKET.sub, role: 'loket', org: LOKET.org } })]);
    // The regisseur is involved in the plan and sees the same view.
    expect((await plan(childRef, REGISSEUR)).version).toBeGreaterThanOrEqual(shared.version);
  }, 90_000);

  it('carries a PO → VO overstap through to the new school, with the arrangement continued there', async () => {
    const childRef = newChildRef();
    const referralId = await referralInUitvoering(childRef);

    // The receiving school knows nothing of the child until its aanmelding is on record.
    expectError(await getPlan(childRef, VO_SCHOOL), 404, 'NOT_FOUND');
    const scheduled = await planStep(SCHOOL, childRef, 'transitions', scheduleTransitionBody(secondsFromNow(LEAD_SECONDS + 15)), { 'X-Request-Id': 'e2e-overstap-plan' }, 201);
    expect(scheduled.transitions).toEqual([expect.objectContaining({ transitionId: 'overstap-1', kind: 'overstap', status: 'gepland', needsTlv: false, policyVersion: E2E_POLICY.version })]);
    // The policy the overstap keeps stays in the workflow; the view shows its version only.
    expect(scheduled.transitions[0]).not.toHaveProperty('policy');
    expect(scheduled.openDeadlines).toEqual([expect.objectContaining({ rule: 'overstapBevestiging', transitionId: 'overstap-1', level: 0 })]);
    expect(scheduled.timeline.at(-1)).toEqual(expect.objectContaining({ type: 'transition.scheduled', requestId: 'e2e-overstap-plan', actor: { sub: SCHOOL.sub, role: 'school', org: SCHOOL.org } }));
    expectError(await getPlan(childRef, VO_SCHOOL), 404, 'NOT_FOUND');

    const registered = await planStep(VO_SCHOOL, childRef, 'transitions/overstap-1/aanmelding', aanmeldingBody(today()));
    expect(registered.transitions[0]?.aanmelding).toEqual(expect.objectContaining({ receivedOn: today(), recordedBy: { sub: VO_SCHOOL.sub, role: 'school', org: VO_SCHOOL.org } }));
    expect((await getPlan(childRef, VO_SCHOOL)).status).toBe(200);

    await planStep(SCHOOL, childRef, 'transitions/overstap-1/overdracht', overdrachtBody(today()), { 'X-Request-Id': 'e2e-overdracht' });
    await planStep(VO_SCHOOL, childRef, 'transitions/overstap-1/admission', { outcome: 'toegelaten', decidedOn: today() });
    // A retried step with the same Idempotency-Key is applied once and answers with the first outcome.
    const warm = await planStep(VO_SCHOOL, childRef, 'transitions/overstap-1/warme-overdracht', warmeOverdrachtBody(today()), { 'Idempotency-Key': `warm-${childRef}` });
    const warmAgain = await planStep(VO_SCHOOL, childRef, 'transitions/overstap-1/warme-overdracht', warmeOverdrachtBody(today()), { 'Idempotency-Key': `warm-${childRef}` });
    expect(warmAgain.version).toBe(warm.version);
    await planStep(REGISSEUR, childRef, 'transitions/overstap-1/arrangements', { arrangements: [{ referralId, outcome: 'voortgezet' }] });
    const confirmed = await planStep(REGISSEUR, childRef, 'transitions/overstap-1/confirm', { note: 'Alles rond' });
    expect(confirmed.transitions[0]?.status).toBe('bevestigd');
    expect(confirmed.openDeadlines.filter((d) => d.transitionId === 'overstap-1')).toEqual([]);

    // The start date is a durable timer in the plan's workflow: nobody calls the API to complete it.
    const moved = await untilPlan(childRef, (p) => p.transitions[0]?.status === 'afgerond', 'overstap afgerond', 60_000);
    expect(moved.school).toEqual(expect.objectContaining({ brin: '34CD', sector: 'VO' }));
    expect(moved.schools).toEqual([
      expect.objectContaining({ brin: '12AB', sector: 'PO', until: moved.transitions[0]?.startsAt }),
      expect.objectContaining({ brin: '34CD', sector: 'VO', from: moved.transitions[0]?.startsAt, transitionId: 'overstap-1' }),
    ]);
    expect(moved.schools[1]).not.toHaveProperty('until');
    expect(moved.transitions[0]?.arrangementContinuations?.arrangements).toEqual([{ referralId, outcome: 'voortgezet' }]);
    expect(moved.referrals).toEqual([expect.objectContaining({ referralId, stage: 'uitvoering', closedAt: null, arrangement: expect.objectContaining({ status: 'goedgekeurd' }) })]);

    const steps = moved.timeline.filter((e) => e.transitionId === 'overstap-1' && e.type.startsWith('transition.')).map((e) => [e.type, e.actor.sub]);
    expect(steps).toEqual([
      ['transition.scheduled', SCHOOL.sub],
      ['transition.aanmelding', VO_SCHOOL.sub],
      ['transition.overdracht', SCHOOL.sub],
      ['transition.admission', VO_SCHOOL.sub],
      ['transition.warme_overdracht', VO_SCHOOL.sub],
      ['transition.arrangements', REGISSEUR.sub],
      ['transition.confirmed', REGISSEUR.sub],
      ['transition.completed', 'schakel'],
    ]);
    expect(moved.timeline.find((e) => e.type === 'transition.overdracht')?.requestId).toBe('e2e-overdracht');
    expect(moved.timeline.map((e) => e.seq)).toEqual([...moved.timeline.map((e) => e.seq)].sort((a, b) => a - b));
    // The new school now holds the plan; the referral's school still has its open referral in it.
    expect((await getPlan(childRef, VO_SCHOOL)).status).toBe(200);
    expect((await getPlan(childRef, SCHOOL)).status).toBe(200);
  }, 120_000);

  it('escalates an overstap that is not confirmed by its deadline before the start date', async () => {
    const childRef = newChildRef();
    await startReferral(childRef);
    await untilPlan(childRef, (p) => p.school !== null, 'plan opened');
    // Due LEAD_SECONDS before the start, i.e. 3 s from now: nobody confirms it.
    const scheduled = await planStep(SCHOOL, childRef, 'transitions', scheduleTransitionBody(secondsFromNow(LEAD_SECONDS + 3)), {}, 201);
    const deadline = scheduled.openDeadlines.find((d) => d.rule === 'overstapBevestiging');
    expect(deadline).toEqual(expect.objectContaining({ transitionId: 'overstap-1', level: 0 }));
    // Leerplicht is not involved in an overstap on track.
    expectError(await getPlan(childRef, LEERPLICHT), 404, 'NOT_FOUND');

    const escalated = await untilPlan(childRef, (p) => p.timeline.some((e) => e.type === 'deadline.escalated'), 'deadline.escalated on the timeline');
    expect(escalated.timeline.find((e) => e.type === 'deadline.escalated')).toEqual(
      expect.objectContaining({ transitionId: 'overstap-1', actor: expect.objectContaining({ sub: 'schakel' }), data: expect.objectContaining({ deadlineId: deadline?.id, rule: 'overstapBevestiging', level: 1 }) }),
    );
    expect(escalated.transitions[0]?.status).toBe('gepland');

    const notifications = await eventually(
      () => stack.as(SCHOOL).get<NotificationListResponseDto>('/api/me/notifications?limit=100'),
      (r) => r.status === 200 && r.body.items.some((n) => n.childRef === childRef && n.kind === 'escalation'),
      20_000,
      "the sending school's escalation notice",
    );
    expect(notifications.body.items.find((n) => n.childRef === childRef && n.kind === 'escalation')).toEqual(
      expect.objectContaining({ rule: 'overstapBevestiging', level: 1, transitionId: 'overstap-1', recipient: expect.objectContaining({ role: 'school', org: SCHOOL.org }) }),
    );
    // The second rung reaches leerplicht, which now sees the plan of a pupil at risk of staying home.
    await untilPlan(childRef, (p) => p.openDeadlines.some((d) => d.rule === 'overstapBevestiging' && d.level >= 2), 'second escalation level');
    expect((await getPlan(childRef, LEERPLICHT)).status).toBe(200);
  }, 90_000);

  it('waits for a TLV on the route PO → SO, then admits and keeps a re-assessment term', async () => {
    const childRef = newChildRef();
    await startReferral(childRef);
    await untilPlan(childRef, (p) => p.school !== null, 'plan opened');
    const scheduled = await planStep(SCHOOL, childRef, 'transitions', scheduleTransitionBody(secondsFromNow(600), { to: { sector: 'SO', brin: '56EF' } }), {}, 201);
    expect(scheduled.transitions[0]).toEqual(expect.objectContaining({ needsTlv: true, zorgplicht: true }));
    await planStep(SO_SCHOOL, childRef, 'transitions/overstap-1/aanmelding', aanmeldingBody(today()));

    // SO admits only with a TLV from the samenwerkingsverband (DOMAIN.md §1.3).
    const early = await stack.as(SO_SCHOOL).post(`/api/children/${childRef}/transitions/overstap-1/admission`, { outcome: 'toegelaten', decidedOn: today() });
    expect(expectError(early, 409, 'STAGE_CONFLICT').message).toMatch(/TLV/);

    const applied = await planStep(LOKET, childRef, 'transitions/overstap-1/tlv-application', { appliedOn: today() });
    expect(applied.openDeadlines.map((d) => d.rule)).toContain('tlvBesluit');
    const validUntil = '2028-07-31';
    await planStep(LOKET, childRef, 'transitions/overstap-1/tlv-decision', { decision: 'afgegeven', decidedOn: today(), validFrom: today(), validUntil, category: 'laag' });
    const admitted = await planStep(SO_SCHOOL, childRef, 'transitions/overstap-1/admission', { outcome: 'toegelaten', decidedOn: today() });

    const transition = admitted.transitions[0];
    expect(transition?.admission).toEqual(expect.objectContaining({ outcome: 'toegelaten', recordedBy: { sub: SO_SCHOOL.sub, role: 'school', org: SO_SCHOOL.org } }));
    expect(transition?.tlv).toEqual(expect.objectContaining({ appliedOn: today(), decision: { decision: 'afgegeven', decidedOn: today(), validFrom: today(), validUntil, category: 'laag' } }));
    const rules = admitted.openDeadlines.map((d) => d.rule);
    expect(rules).toContain('tlvHerbeoordeling');
    expect(rules).not.toContain('tlvBesluit');
    // Re-assessed by the end of the TLV's last valid day (geldigTot).
    expect(admitted.openDeadlines.find((d) => d.rule === 'tlvHerbeoordeling')?.dueAt).toBe(new Date(endOfDutchDayOf(validUntil)).toISOString());
    expect(admitted.timeline.filter((e) => e.transitionId === 'overstap-1' && e.type.startsWith('transition.')).map((e) => e.type)).toEqual([
      'transition.scheduled',
      'transition.aanmelding',
      'transition.tlv_applied',
      'transition.tlv_decided',
      'transition.admission',
    ]);
  }, 90_000);

  it('shows the plan to nobody outside it, and refuses bad input naming each field without changing anything', async () => {
    const childRef = newChildRef();
    await startReferral(childRef);
    const before = await untilPlan(childRef, (p) => p.school !== null, 'plan opened');

    // Outside the plan it does not exist: the same 404 as a child without a plan.
    const unknown = expectError(await getPlan(newChildRef(), SCHOOL), 404, 'NOT_FOUND');
    for (const outsider of [OTHER_SCHOOL, GEMEENTE, PROVIDER]) {
      const refused = expectError(await getPlan(childRef, outsider), 404, 'NOT_FOUND');
      expect(refused.message).toBe(unknown.message);
    }
    expectError(await stack.as(OTHER_SCHOOL).post(`/api/children/${childRef}/transitions`, scheduleTransitionBody(secondsFromNow(600), { from: { brin: '99ZZ', sector: 'PO' } })), 404, 'NOT_FOUND');

    const bsn = expectError(await getPlan('123456782', LOKET), 400, 'VALIDATION_FAILED');
    expect(bsn.issues?.map((i) => i.field)).toEqual(['ref']);
    const badTransition = expectError(await stack.as(LOKET).post(`/api/children/${childRef}/transitions/stap-1/aanmelding`, aanmeldingBody(today())), 400, 'VALIDATION_FAILED');
    expect(badTransition.issues?.map((i) => i.field)).toEqual(['transitionId']);

    const badSchedule = expectError(
      await stack.as(SCHOOL).post(`/api/children/${childRef}/transitions`, { from: { brin: '12AB', sector: 'PO' }, to: { sector: 'VO' }, startDate: 'volgend jaar', extra: true }),
      400,
      'VALIDATION_FAILED',
    );
    expect(badSchedule.issues?.map((i) => i.field).sort()).toEqual(['(body)', 'startDate', 'to.brin']);
    const badRoute = expectError(await stack.as(SCHOOL).post(`/api/children/${childRef}/transitions`, scheduleTransitionBody(secondsFromNow(600), { to: { sector: 'MBO', brin: '34CD' } })), 400, 'VALIDATION_FAILED');
    expect(badRoute.issues?.map((i) => i.field)).toEqual(['to.sector']);
    const badHandover = expectError(await stack.as(LOKET).post(`/api/children/${childRef}/regisseur/handover`, { toRegisseurId: '' }), 400, 'VALIDATION_FAILED');
    expect(badHandover.issues?.map((i) => i.field).sort()).toEqual(['reason', 'toRegisseurId']);
    const badExtension = expectError(await stack.as(LOKET).post(`/api/children/${childRef}/deadlines/overstapBevestiging-1/extend`, { amount: -1 }), 400, 'VALIDATION_FAILED');
    expect(badExtension.issues?.map((i) => i.field)).toEqual(expect.arrayContaining(['amount']));

    const after = await plan(childRef);
    expect(after.version).toBe(before.version);
    expect(after.transitions).toEqual([]);
    expect(after.timeline).toEqual(before.timeline);
  }, 60_000);

  it('keeps answering reads and steps through HTTP after the plan continued as new', async () => {
    // A worker whose plans continue as new after 20 history events (CHILD_PLAN_HISTORY_LIMIT).
    await stack.stopWorker();
    await stack.startWorker({ childPlanHistoryLimit: 20 });
    try {
      const childRef = newChildRef();
      const referralIds: string[] = [];
      for (let i = 0; i < 4; i += 1) referralIds.push(await startReferral(childRef));
      await referralStep(LOKET, referralIds[0] as string, 'toewijzing', toewijzingBody());
      for (const to of [OTHER_REGISSEUR, REGISSEUR, OTHER_REGISSEUR]) {
        await planStep(LOKET, childRef, 'regisseur/handover', { toRegisseurId: to.sub, reason: 'Wisseling binnen het team' });
      }
      await eventually(() => stack.countExecutions(`child-${childRef}`), (runs) => runs > 1, 30_000, 'a second run of the plan');

      const carried = await untilPlan(childRef, (p) => p.referrals.length === 4, 'all referrals in the new run');
      expect(carried.regisseur?.regisseurId).toBe(OTHER_REGISSEUR.sub);
      expect(carried.regisseurHistory.map((r) => r.regisseurId)).toEqual([REGISSEUR.sub, OTHER_REGISSEUR.sub, REGISSEUR.sub, OTHER_REGISSEUR.sub]);
      expect(carried.timeline.map((e) => e.seq)).toEqual(carried.timeline.map((_, i) => i + 1));
      // A step on the new run, and the referrals still follow the plan's regisseur.
      const scheduled = await planStep(LOKET, childRef, 'transitions', scheduleTransitionBody('2027-08-30'), {}, 201);
      expect(scheduled.transitions.map((t) => t.transitionId)).toEqual(['overstap-1']);
      // The handover reaches the referral by a signal from the plan: eventually the new regisseur directs it.
      const referral = await eventually(() => stack.as(OTHER_REGISSEUR).get<ReferralStateBody>(`/api/referrals/${referralIds[0] as string}`), (r) => r.status === 200, 30_000, 'the referral following the handover');
      expect(referral.status).toBe(200);
    } finally {
      await stack.stopWorker();
      await stack.startWorker();
    }
  }, 90_000);

  it('documents the plan and every step in OpenAPI, without the overstap’s policy', async () => {
    type Schema = { properties?: Record<string, unknown>; required?: string[] };
    const response = await stack.as(null).get<{ paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, Schema> } }>('/api/docs-json');
    expect(response.status).toBe(200);
    const steps = ['aanmelding', 'overdracht', 'tlv-application', 'tlv-decision', 'admission', 'warme-overdracht', 'arrangements', 'confirm', 'cancel'];
    expect(Object.keys(response.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/children/{ref}/plan',
        '/api/children/{ref}/transitions',
        ...steps.map((step) => `/api/children/{ref}/transitions/{transitionId}/${step}`),
        '/api/children/{ref}/regisseur/handover',
        ...['pause', 'resume', 'extend'].map((step) => `/api/children/{ref}/deadlines/{deadlineId}/${step}`),
      ]),
    );
    const transition = response.body.components.schemas['Transition'];
    expect(Object.keys(transition?.properties ?? {})).toEqual(expect.arrayContaining(['policyVersion', 'tlv', 'admission', 'deadlines']));
    expect(transition?.properties).not.toHaveProperty('policy');
    expect(Object.keys(response.body.components.schemas['ChildPlan']?.properties ?? {})).toEqual(
      expect.arrayContaining(['schools', 'regisseur', 'regisseurHistory', 'referrals', 'transitions', 'openDeadlines', 'timeline']),
    );
  });
});
