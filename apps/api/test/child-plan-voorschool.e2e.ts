import { randomBytes } from 'node:crypto';
import { dutchDateOf, type DeadlinePolicyFile } from '@schakel/domain';
import {
  aanmeldingBody,
  lateToddler,
  LOKET,
  OTHER_VOORSCHOOL,
  PROVIDER,
  SCHOOL,
  scheduleVoorschoolBody,
  secondsPolicy,
  voorschoolConsentBody,
  voorschoolOverdrachtBody,
  VOORSCHOOL,
} from '@schakel/domain/testing';
import type { ChildPlanResponseDto } from '../src/children/dto/child-plan.response';
import type { NotificationListResponseDto } from '../src/notifications/dto/notification.response';
import { ApiTestStack, eventually, type ErrorBody } from './api-e2e.test-helper';

const SECONDS_POLICY = secondsPolicy(300);

/** The test policy in seconden: everything quiet but the voorschool overdracht, which is late from the start. */
const E2E_POLICY: DeadlinePolicyFile = {
  version: '2026.9-voorschool',
  name: 'E2E-beleid voor de overstap voorschool → PO',
  source: 'apps/api/test/child-plan-voorschool.e2e.ts',
  defaultHolidayRegion: 'midden',
  rules: SECONDS_POLICY.rules,
  regions: {},
};

/**
 * The voorschool → PO overstap end to end (issue 11 §5): HTTP → API → real Temporal and the real worker →
 * Postgres (personal details, notifications) → HTTP. The loket starts the toddler's plan; the voorschool acts
 * as a provider organisation.
 */
describe('the voorschool → PO overstap through the API (real Temporal and Postgres)', () => {
  let stack: ApiTestStack;

  beforeAll(async () => {
    stack = await ApiTestStack.start({ withWorker: true, policy: E2E_POLICY });
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
  }, 60_000);

  const today = (): string => dutchDateOf(Date.now());

  it('starts the plan, gates the overdracht on the parents’ consent, escalates it late, and documents the endpoints', async () => {
    const childRef = `lln-vs-${randomBytes(4).toString('hex')}`;
    const { birthDate, startDate } = lateToddler(Date.now());
    const base = `/api/children/${childRef}`;
    const schedule = scheduleVoorschoolBody(startDate);

    // Only the loket (or the child's regisseur) schedules; a voorschool cannot.
    expect((await stack.as(VOORSCHOOL).post<ErrorBody>(`${base}/transitions/voorschool`, schedule)).status).toBe(403);
    // The loket starts the plan, but the rules count from the date of birth: it is recorded first.
    const noBirthDate = await stack.as(LOKET).post<ErrorBody>(`${base}/transitions/voorschool`, schedule);
    expect([noBirthDate.status, noBirthDate.body.code]).toEqual([409, 'STAGE_CONFLICT']);
    const details = { child: { givenNames: 'Mila', familyName: 'de Vries', birthDate }, parents: [{ name: 'Eva de Vries', relation: 'ouder', gezag: true, email: 'eva@example.nl' }] };
    expect((await stack.as(LOKET).put(`${base}/personal-details`, details)).status).toBe(200);

    const scheduled = await stack.as(LOKET).post<ChildPlanResponseDto>(`${base}/transitions/voorschool`, schedule);
    expect(scheduled.status).toBe(201);
    expect(scheduled.body.transitions[0]).toMatchObject({ kind: 'voorschool', from: { sector: 'voorschool', org: 'vs-0042' }, to: { sector: 'PO', brin: '12AB' } });
    expect(scheduled.body.openDeadlines.map((d) => d.rule)).toContain('voorschoolOverdracht');
    // The plan keeps the dates the rules need, never the date of birth.
    expect(JSON.stringify(scheduled.body)).not.toContain(birthDate);

    // The voorschool sees the plan it sends from; another voorschool and an allocated provider do not.
    expect((await stack.as(VOORSCHOOL).get(`${base}/plan`)).status).toBe(200);
    expect((await stack.as(OTHER_VOORSCHOOL).get(`${base}/plan`)).status).toBe(404);
    expect((await stack.as(PROVIDER).get(`${base}/plan`)).status).toBe(404);

    // Late from the start: the voorschool hears the escalation as a provider of its organisation.
    const notices = await eventually(
      () => stack.as(VOORSCHOOL).get<NotificationListResponseDto>('/api/me/notifications?limit=100'),
      (r) => r.status === 200 && r.body.items.some((n) => n.childRef === childRef && n.kind === 'escalation'),
      30_000,
      'the voorschool overdracht escalation',
    );
    expect(notices.body.items.find((n) => n.childRef === childRef && n.kind === 'escalation')).toMatchObject({ rule: 'voorschoolOverdracht', level: 1 });

    const t = `${base}/transitions/overstap-1`;
    const early = await stack.as(VOORSCHOOL).post<ErrorBody>(`${t}/voorschool-overdracht`, voorschoolOverdrachtBody(today(), { documents: [] }));
    expect([early.status, early.body.code]).toEqual([409, 'STAGE_CONFLICT']);
    expect((await stack.as(SCHOOL).post(`${t}/aanmelding`, aanmeldingBody(today()))).status).toBe(200);

    const withoutConsent = await stack.as(VOORSCHOOL).post<ErrorBody>(`${t}/voorschool-overdracht`, voorschoolOverdrachtBody(today()));
    expect([withoutConsent.status, withoutConsent.body.code]).toEqual([409, 'STAGE_CONFLICT']);
    expect((await stack.as(SCHOOL).post(`${t}/voorschool-consent`, voorschoolConsentBody(today()))).status).toBe(403);
    const consent = await stack.as(VOORSCHOOL).post<ChildPlanResponseDto>(`${t}/voorschool-consent`, voorschoolConsentBody(today()));
    expect(consent.status).toBe(200);
    const sent = await stack.as(VOORSCHOOL).post<ChildPlanResponseDto>(`${t}/voorschool-overdracht`, voorschoolOverdrachtBody(today()));
    expect(sent.status).toBe(200);
    expect(sent.body.transitions[0]?.voorschool).toMatchObject({ consent: { complete: true }, overdracht: { shared: 'volledig' } });
    expect(sent.body.openDeadlines.map((d) => d.rule)).not.toContain('voorschoolOverdracht');
    expect(sent.body.timeline.map((e) => e.type)).toEqual(expect.arrayContaining(['transition.voorschool_consent', 'transition.voorschool_overdracht']));

    const doc = await stack.as(null).get<{ paths: Record<string, Record<string, unknown>> }>('/api/docs-json');
    for (const path of ['/api/children/{ref}/transitions/voorschool', '/api/children/{ref}/transitions/{transitionId}/voorschool-consent', '/api/children/{ref}/transitions/{transitionId}/voorschool-overdracht']) {
      expect(doc.body.paths[path]?.['post']).toBeDefined();
    }
  });
});
