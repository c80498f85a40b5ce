import { randomBytes, randomUUID } from 'node:crypto';
import type { Actor } from '@schakel/domain';
import { ADMIN, LOKET, OTHER_SCHOOL, SCHOOL, startReferralBody, toewijzingBody } from '@schakel/domain/testing';
import type { AuditResponseDto } from '../src/audit/dto/audit.request';
import { ApiTestStack, eventually, type ErrorBody } from './api-e2e.test-helper';

/** The functionaris gegevensbescherming: reads the audit trail, nothing else (ACCESS_POLICY 'audit.read'). */
const FG: Actor = { sub: 'fg-1', role: 'fg', org: 'swv-2801', region: 'swv-2801' };

/**
 * Issue 5 §4: every read and change of a case is on record — who, which role and organisation, what,
 * when, under which request id — and admin and the FG can read the trail per referral or per child.
 */
describe('the audit trail through the API (real Temporal and Postgres)', () => {
  let stack: ApiTestStack;
  const childRef = `lln-audit-${randomBytes(4).toString('hex')}`;
  let referralId: string;

  beforeAll(async () => {
    stack = await ApiTestStack.start({ withWorker: true });
    const created = await stack.as(SCHOOL).post<{ referralId: string }>('/api/referrals', startReferralBody({ childRef }));
    referralId = created.body.referralId;
    expect((await stack.as(LOKET).post(`/api/referrals/${referralId}/toewijzing`, toewijzingBody())).status).toBe(200);
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
  }, 60_000);

  const trail = async (query: string, actor: Actor = FG): Promise<AuditResponseDto> => {
    const response = await stack.as(actor).get<AuditResponseDto>(`/api/audit?${query}`);
    expect(response.status).toBe(200);
    return response.body;
  };

  it('records a read of a case with who, role, organisation and request id, and the changes from the timeline', async () => {
    const requestId = `audit-${randomUUID()}`;
    expect((await stack.as(LOKET).get(`/api/referrals/${referralId}`, { 'X-Request-Id': requestId })).status).toBe(200);
    const { items } = await trail(`case=${referralId}`);
    expect(items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'referral.read', actor: { sub: LOKET.sub, role: 'loket', org: LOKET.org }, referralId, childRef, requestId }),
        expect.objectContaining({ action: 'referral.submitted', actor: expect.objectContaining({ sub: SCHOOL.sub, role: 'school' }), eventSeq: 1 }),
        expect.objectContaining({ action: 'toewijzing.made', actor: expect.objectContaining({ sub: LOKET.sub }) }),
      ]),
    );
  });

  it("records the timeline's and the work list's reads, and the child's plan read and steps under the child", async () => {
    expect((await stack.as(SCHOOL).get(`/api/referrals/${referralId}/events`)).status).toBe(200);
    expect((await stack.as(SCHOOL).get('/api/referrals?limit=5')).status).toBe(200);
    await eventually(() => stack.as(LOKET).get(`/api/children/${childRef}/plan`), (r) => r.status === 200, 30_000, 'the plan');
    const actions = (await trail(`case=${referralId}`)).items.filter((e) => e.actor.sub === SCHOOL.sub).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['referral.events.read', 'referral.listed']));
    const child = await trail(`child=${childRef}`, ADMIN);
    expect(child.items).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'plan.read', actor: expect.objectContaining({ sub: LOKET.sub }), childRef })]));
  });

  it('records nothing for a refused read, and keeps the trail to admin and the FG', async () => {
    expect((await stack.as(OTHER_SCHOOL).get(`/api/referrals/${referralId}`)).status).toBe(404);
    expect((await trail(`case=${referralId}`)).items.some((e) => e.actor.sub === OTHER_SCHOOL.sub)).toBe(false);
    for (const actor of [SCHOOL, LOKET]) expect((await stack.as(actor).get(`/api/audit?case=${referralId}`)).status).toBe(403);
    const both = await stack.as(FG).get<ErrorBody>(`/api/audit?case=${referralId}&child=${childRef}`);
    expect({ status: both.status, fields: both.body.issues?.map((i) => i.field) }).toEqual({ status: 400, fields: ['case'] });
  });

  it('records that the FG looked, and pages through a long trail', async () => {
    await trail(`case=${referralId}`);
    const first = await trail(`case=${referralId}&limit=2`);
    expect(first.items).toHaveLength(2);
    expect(first.nextAfter).toBe(first.items[1]?.id);
    const second = await trail(`case=${referralId}&limit=2&after=${first.nextAfter ?? ''}`);
    expect(second.items[0]?.id).not.toBe(first.items[0]?.id);
    expect(Number(second.items[0]?.id)).toBeGreaterThan(Number(first.items[1]?.id));
    expect((await trail(`case=${referralId}&limit=500`)).items.some((e) => e.action === 'audit.read' && e.actor.role === 'fg')).toBe(true);
  });
});
