import { randomBytes } from 'node:crypto';
import type { Actor, ReferralStage } from '@schakel/domain';
import { arrangementBody, LOKET, REGISSEUR, SCHOOL, startReferralBody, toewijzingBody } from '@schakel/domain/testing';
import type { AuditResponseDto } from '../src/audit/dto/audit.request';
import type { OuderOverzichtResponseDto } from '../src/ouders/dto/ouder-overzicht.response';
import type { ReferralStateResponseDto } from '../src/referrals/dto/referral.response';
import { ApiTestStack, eventually, type ErrorBody } from './api-e2e.test-helper';

/**
 * Issue 11 §6 (ADR 0019) through the API, on the real Temporal dev server and real Postgres: a toewijzing to
 * jeugdhulp waits for the parents' toestemming, judged by the child's age from the personal details; the parent
 * answers for their own child, a parent of another child gets 404; the loket records a signed paper form; the
 * parents' overzicht says in plain Dutch what is asked and by when; every answer is in the audit trail.
 */
describe('consent gates through the API (real Temporal, real Postgres)', () => {
  let stack: ApiTestStack;
  const marker = randomBytes(4).toString('hex');
  const childRef = `lln-toest-${marker}`;
  const OUDER: Actor = { sub: `digid-${marker}`, role: 'ouder', children: [childRef] };
  const OTHER_OUDER: Actor = { sub: `digid-ander-${marker}`, role: 'ouder', children: [`lln-ander-${marker}`] };
  const FG: Actor = { sub: 'fg-1', role: 'fg', org: 'swv-2801', region: 'swv-2801' };
  const nineYearsAgo = `${new Date().getUTCFullYear() - 9}-03-01`;

  beforeAll(async () => {
    stack = await ApiTestStack.start({ withWorker: true });
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
  }, 60_000);

  /** A referral for which the school has no consent on record yet, allocated to jeugdhulp: it waits for the parents. */
  async function gatedReferral(): Promise<{ referralId: string; state: ReferralStateResponseDto }> {
    const created = await stack.as(SCHOOL).post<{ referralId: string }>('/api/referrals', startReferralBody({ childRef, parents: { informed: true, consent: false } }));
    expect(created.status).toBe(201);
    const { referralId } = created.body;
    const allocated = await stack.as(LOKET).post<ReferralStateResponseDto>(`/api/referrals/${referralId}/toewijzing`, toewijzingBody({ route: 'jeugdhulp' }));
    expect(allocated.status).toBe(200);
    return { referralId, state: allocated.body };
  }

  it('waits for the parent of a child of 9, who consents for their own child; a parent of another child gets 404', async () => {
    const { referralId: first } = await gatedReferral();
    // The date of birth is in the personal details only; one parent holds gezag.
    await eventually(() => stack.as(SCHOOL).get(`/api/children/${childRef}/plan`), (r) => r.status === 200, 30_000, 'the plan');
    const details = { child: { givenNames: 'Sem', familyName: 'Jansen', birthDate: nineYearsAgo }, parents: [{ name: 'Anna Jansen', relation: 'ouder', gezag: true, phone: '0612345678' }] };
    expect((await stack.as(SCHOOL).put(`/api/children/${childRef}/personal-details`, details)).status).toBe(200);
    await stack.as(LOKET).post(`/api/referrals/${first}/withdraw`, { reason: 'Dubbel aangemeld' });

    const { referralId, state } = await gatedReferral();
    expect(state.stage).toBe<ReferralStage>('wacht_op_toestemming');
    expect(state.toestemmingen?.[0]).toMatchObject({ id: 'toestemming-1', decision: 'gegevensdeling', status: 'open', ageKnown: true, requirement: { band: 'onder12', required: ['ouders'] } });
    // Nothing of the date of birth travels with the case.
    expect(JSON.stringify(state)).not.toContain(nineYearsAgo);

    const overzicht = await stack.as(OUDER).get<OuderOverzichtResponseDto>(`/api/children/${childRef}/ouder-overzicht`);
    expect(overzicht.status).toBe(200);
    expect(overzicht.body.toestemmingen).toEqual([
      expect.objectContaining({ referralId, gateId: 'toestemming-1', question: expect.stringContaining('jeugdhulpaanbieder'), yourTurn: true, dueText: expect.stringMatching(/^graag uiterlijk /), overdue: false }),
    ]);
    expect(overzicht.body.cases.find((c) => c.referralId === referralId)?.stageText).toMatch(/toestemming/);
    // The parent is asked in their own notifications too; the parent of another child is not.
    const asked = await eventually(
      async () => (await stack.as(OUDER).get<{ items: Array<{ referralId: string | null; rule: string; message: string }> }>('/api/me/notifications?limit=100')).body.items,
      (items) => items.some((n) => n.referralId === referralId && n.rule === 'toestemming'),
      30_000,
      "the parent's consent request",
    );
    expect(asked.find((n) => n.referralId === referralId && n.rule === 'toestemming')?.message).toMatch(/^Mogen wij de gegevens over uw kind delen/);
    const others = await stack.as(OTHER_OUDER).get<{ items: Array<{ referralId: string | null }> }>('/api/me/notifications?limit=100');
    expect(others.body.items.filter((n) => n.referralId === referralId)).toEqual([]);

    const stranger = await stack.as(OTHER_OUDER).post<ErrorBody>(`/api/referrals/${referralId}/toestemming`, { gateId: 'toestemming-1', besluit: 'toestemming' });
    expect({ status: stranger.status, code: stranger.body.code }).toEqual({ status: 404, code: 'NOT_FOUND' });
    const staff = await stack.as(LOKET).post<ErrorBody>(`/api/referrals/${referralId}/toestemming`, { gateId: 'toestemming-1', besluit: 'toestemming' });
    expect(staff.status).toBe(403);
    const malformed = await stack.as(OUDER).post<ErrorBody>(`/api/referrals/${referralId}/toestemming`, { gateId: 'toestemming-1', besluit: 'misschien' });
    expect({ status: malformed.status, code: malformed.body.code, fields: malformed.body.issues?.map((i) => i.field) }).toEqual({ status: 400, code: 'VALIDATION_FAILED', fields: ['besluit'] });

    const given = await stack.as(OUDER).post<ReferralStateResponseDto>(`/api/referrals/${referralId}/toestemming`, { gateId: 'toestemming-1', besluit: 'toestemming' });
    expect(given.status).toBe(200);
    expect(given.body.stage).toBe<ReferralStage>('arrangement');
    const again = await stack.as(OUDER).post<ErrorBody>(`/api/referrals/${referralId}/toestemming`, { gateId: 'toestemming-1', besluit: 'toestemming' });
    expect({ status: again.status, code: again.body.code }).toEqual({ status: 409, code: 'STAGE_CONFLICT' });

    const audit = await stack.as(FG).get<AuditResponseDto>(`/api/audit?case=${referralId}&limit=200`);
    expect(audit.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'toestemming.gevraagd' }),
        expect.objectContaining({ action: 'toestemming.verleend', actor: expect.objectContaining({ sub: OUDER.sub, role: 'ouder' }) }),
      ]),
    );
  }, 120_000);

  it('opens on a signed paper form recorded by the loket, and refuses a form that is not on file, naming the field', async () => {
    const { referralId } = await gatedReferral();
    const form = { gateId: 'toestemming-1', party: 'ouders', besluit: 'toestemming', signedOn: '2026-11-20', formOnFile: true };
    const notOnFile = await stack.as(LOKET).post<ErrorBody>(`/api/referrals/${referralId}/toestemming/paper`, { ...form, formOnFile: false });
    expect({ status: notOnFile.status, fields: notOnFile.body.issues?.map((i) => i.field) }).toEqual({ status: 400, fields: ['formOnFile'] });
    expect((await stack.as(SCHOOL).post(`/api/referrals/${referralId}/toestemming/paper`, form)).status).toBe(403);

    const recorded = await stack.as(LOKET).post<ReferralStateResponseDto>(`/api/referrals/${referralId}/toestemming/paper`, form);
    expect(recorded.status).toBe(200);
    expect(recorded.body.stage).toBe<ReferralStage>('arrangement');
    expect(recorded.body.toestemmingen?.[0]?.answers).toEqual([expect.objectContaining({ party: 'ouders', via: 'papier', signedOn: '2026-11-20', by: expect.objectContaining({ role: 'loket' }) })]);
    const timeline = await eventually(
      () => stack.as(LOKET).get<{ items: Array<{ type: string; actor: { role: string } }> }>(`/api/referrals/${referralId}/events`),
      (r) => r.body.items.some((e) => e.type === 'toestemming.verleend'),
      30_000,
      'the consent on the timeline',
    );
    expect(timeline.body.items.find((e) => e.type === 'toestemming.verleend')?.actor.role).toBe('loket');
  }, 120_000);

  it('holds the approval of an OPP handelingsdeel until the instemming, and shows the regisseur the zienswijze given before it', async () => {
    const created = await stack.as(SCHOOL).post<{ referralId: string }>('/api/referrals', startReferralBody({ childRef }));
    const { referralId } = created.body;
    expect((await stack.as(LOKET).post(`/api/referrals/${referralId}/toewijzing`, toewijzingBody({ route: 'onderwijs', providerId: undefined }))).status).toBe(200);
    const submitted = await stack.as(SCHOOL).post<ReferralStateResponseDto>(`/api/referrals/${referralId}/arrangement`, { ...arrangementBody('2027-03-01'), oppHandelingsdeel: true });
    expect({ stage: submitted.body.stage, decision: submitted.body.toestemmingen?.at(-1)?.decision }).toEqual({ stage: 'wacht_op_toestemming', decision: 'oppHandelingsdeel' });
    const gateId = submitted.body.toestemmingen?.at(-1)?.id ?? '';

    const tooSoon = await stack.as(REGISSEUR).post<ErrorBody>(`/api/referrals/${referralId}/arrangement/approve`, {});
    expect({ status: tooSoon.status, code: tooSoon.body.code, fields: tooSoon.body.issues?.map((i) => i.field) }).toEqual({ status: 409, code: 'STAGE_CONFLICT', fields: ['toestemmingen'] });
    const secret = `gesprek-${randomBytes(4).toString('hex')}`;
    const view = `Graag eerst een ${secret} met de intern begeleider.`;
    expect((await stack.as(OUDER).post(`/api/referrals/${referralId}/zienswijze`, { text: view })).status).toBe(200);
    expect((await stack.as(OTHER_OUDER).post(`/api/referrals/${referralId}/zienswijze`, { text: 'Niet mijn kind' })).status).toBe(404);
    expect((await stack.as(OUDER).post(`/api/referrals/${referralId}/toestemming`, { gateId, besluit: 'toestemming' })).status).toBe(200);

    const seen = await stack.as(REGISSEUR).get<ReferralStateResponseDto>(`/api/referrals/${referralId}`);
    expect(seen.body.arrangements.at(-1)?.zienswijzen).toEqual([expect.objectContaining({ party: 'ouders', text: view })]);
    const approved = await stack.as(REGISSEUR).post<ReferralStateResponseDto>(`/api/referrals/${referralId}/arrangement/approve`, {});
    expect(approved.body.stage).toBe<ReferralStage>('uitvoering');
    // The view is on the case for the regisseur; the audit trail records that it was given, never what it says.
    const audit = await eventually(
      () => stack.as(FG).get<AuditResponseDto>(`/api/audit?case=${referralId}&limit=200`),
      (r) => r.body.items.some((e) => e.action === 'arrangement.approved'),
      30_000,
    );
    expect(audit.body.items.some((e) => e.action === 'zienswijze.gegeven')).toBe(true);
    expect(JSON.stringify(audit.body)).not.toContain(secret);
  }, 120_000);
});
