import { randomBytes } from 'node:crypto';
import { dutchDateOf, inzageDueOn, type Actor, type PersonalDetailsRequest } from '@schakel/domain';
import { arrangementBody, LOKET, REGISSEUR, SCHOOL, startReferralBody, toewijzingBody } from '@schakel/domain/testing';
import type { InzageDossierResponseDto } from '../src/ouders/dto/inzage-dossier.response';
import type { OuderOverzichtResponseDto } from '../src/ouders/dto/ouder-overzicht.response';
import { ApiTestStack, eventually, type ErrorBody } from './api-e2e.test-helper';

/**
 * Issue 11 §6 (ADR 0016): an ouder sees their own child's cases and plan, the overzicht in plain Dutch and the
 * inzage dossier, audited and recorded as a request with its one-month term; another child is 404; the child's
 * age decides between parents and young person; bad input is 400 naming the field. Real Temporal, real Postgres.
 */
describe('parents as participants (real Temporal, real Postgres)', () => {
  let stack: ApiTestStack;
  const marker = randomBytes(4).toString('hex');
  const childRef = `lln-ouder-${marker}`;
  const otherChild = `lln-ander-${marker}`;
  const OUDER: Actor = { sub: `digid-${marker}`, role: 'ouder', children: [childRef] };
  const OTHER_OUDER: Actor = { sub: `digid-ander-${marker}`, role: 'ouder', children: [otherChild] };
  const JONGERE: Actor = { sub: `digid-jongere-${marker}`, role: 'jongere', children: [childRef] };
  const MEDICAL = `Epilepsie-${marker}, medicatie volgens de neuroloog`;
  let referralId: string;
  let otherReferralId: string;

  beforeAll(async () => {
    stack = await ApiTestStack.start({ withWorker: true });
    const body = startReferralBody({
      childRef,
      concerns: [
        { area: 'leren', description: 'Leest twee jaar achter op leeftijdgenoten.' },
        { area: 'fysiek-medisch', description: MEDICAL },
      ],
    });
    const created = await stack.as(SCHOOL).post<{ referralId: string }>('/api/referrals', body);
    expect(created.status).toBe(201);
    referralId = created.body.referralId;
    const other = await stack.as(SCHOOL).post<{ referralId: string }>('/api/referrals', startReferralBody({ childRef: otherChild }));
    expect(other.status).toBe(201);
    otherReferralId = other.body.referralId;
    // The loket chooses, the school drafts, the regisseur rejects with a reason, the school drafts again.
    expect((await stack.as(LOKET).post(`/api/referrals/${referralId}/toewijzing`, toewijzingBody({ note: 'School en zorg samen past het best.' }))).status).toBe(200);
    expect((await stack.as(SCHOOL).post(`/api/referrals/${referralId}/arrangement`, arrangementBody('2027-03-01'))).status).toBe(200);
    expect((await stack.as(REGISSEUR).post(`/api/referrals/${referralId}/arrangement/reject`, { reason: 'De doelen zijn nog te algemeen.' })).status).toBe(200);
    expect((await stack.as(SCHOOL).post(`/api/referrals/${referralId}/arrangement`, arrangementBody('2027-03-01'))).status).toBe(200);
    await eventually(() => stack.as(OUDER).get(`/api/children/${childRef}/plan`), (r) => r.status === 200, 30_000, 'the plan, seen by the ouder');
    await eventually(() => stack.as(OTHER_OUDER).get(`/api/children/${otherChild}/plan`), (r) => r.status === 200, 30_000, 'the other plan');
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
  }, 60_000);

  it("lets the ouder see their own child's case, its timeline, the plan and only that case in the list", async () => {
    for (const path of [`/api/referrals/${referralId}`, `/api/referrals/${referralId}/events`, `/api/children/${childRef}/plan`]) {
      expect({ path, status: (await stack.as(OUDER).get(path)).status }).toEqual({ path, status: 200 });
    }
    const list = await stack.as(OUDER).get<{ items: Array<{ referralId: string }> }>('/api/referrals?limit=100');
    expect(list.body.items.map((i) => i.referralId)).toEqual([referralId]);
    // No step is theirs: the guard refuses by role.
    expect((await stack.as(OUDER).post(`/api/referrals/${referralId}/withdraw`, { reason: 'Wij willen stoppen' })).status).toBe(403);
  });

  it('answers 404 for another child, on every endpoint, and 403 to staff on the parents’ endpoints', async () => {
    for (const path of [
      `/api/referrals/${otherReferralId}`,
      `/api/referrals/${otherReferralId}/events`,
      `/api/children/${otherChild}/plan`,
      `/api/children/${otherChild}/ouder-overzicht`,
      `/api/children/${otherChild}/dossier`,
      `/api/children/lln-bestaat-niet-${marker}/dossier`,
    ]) {
      const response = await stack.as(OUDER).get<ErrorBody>(path);
      expect({ path, status: response.status, code: response.body.code }).toEqual({ path, status: 404, code: 'NOT_FOUND' });
    }
    for (const actor of [SCHOOL, LOKET, REGISSEUR]) {
      for (const path of [`/api/children/${childRef}/ouder-overzicht`, `/api/children/${childRef}/dossier`]) {
        expect({ who: actor.sub, path, status: (await stack.as(actor).get(path)).status }).toEqual({ who: actor.sub, path, status: 403 });
      }
    }
  });

  it('tells the ouder in plain Dutch where the case stands, what comes next and by when, and why decisions were taken', async () => {
    const response = await stack.as(OUDER).get<OuderOverzichtResponseDto>(`/api/children/${childRef}/ouder-overzicht`);
    expect(response.status).toBe(200);
    const [shown] = response.body.cases;
    expect(response.body.cases).toHaveLength(1);
    expect(shown).toMatchObject({
      referralId,
      stage: 'arrangement',
      stageText: expect.stringContaining('ligt bij de regisseur ter goedkeuring'),
      regisseur: { assigned: true, organisation: 'swv-2801' },
      nextStep: { text: 'De goedkeuring van het arrangement.', dueOn: expect.stringMatching(/^\d{4}-\d\d-\d\d$/), overdue: false },
    });
    expect(shown?.decisions.map((d) => d.reason)).toEqual(['School en zorg samen past het best.', 'De doelen zijn nog te algemeen.']);
    expect(JSON.stringify(response.body)).not.toContain(REGISSEUR.sub);
    expect(JSON.stringify(response.body)).not.toContain(otherChild);
  });

  it('answers a request of inzage at once with the whole dossier, medical content left out, recorded with its term and audited', async () => {
    const details: PersonalDetailsRequest = {
      child: { givenNames: 'Fleur', familyName: 'de Boer', birthDate: '2016-05-01' },
      parents: [{ name: 'Petra de Boer', relation: 'ouder', gezag: true, email: `petra.${marker}@example.nl` }],
    };
    expect((await stack.as(SCHOOL).put(`/api/children/${childRef}/personal-details`, details)).status).toBe(200);
    const response = await stack.as(OUDER).get<InzageDossierResponseDto>(`/api/children/${childRef}/dossier`);
    expect(response.status).toBe(200);
    const text = JSON.stringify(response.body);
    expect(response.body.childRef).toBe(childRef);
    expect(response.body.personalDetails).toEqual({ child: details.child, parents: [{ name: 'Petra de Boer', relation: 'ouder', gezag: true }] });
    expect(response.body.cases).toHaveLength(1);
    expect(text).toContain('Leest twee jaar achter op leeftijdgenoten.');
    expect(text).toContain('De doelen zijn nog te algemeen.');
    for (const absent of [MEDICAL, `petra.${marker}@example.nl`, SCHOOL.sub, REGISSEUR.sub, otherChild]) expect({ absent, found: text.includes(absent) }).toEqual({ absent, found: false });
    expect(response.body.leftOut.map((l) => l.reason).sort()).toEqual(['derden', 'medisch']);
    const today = dutchDateOf(Date.now());
    expect(response.body.request).toMatchObject({ dueOn: inzageDueOn(today) });

    const [recorded] = await stack.readModel.query<Array<{ child_ref: string; due_on: string; answered: boolean; role: string }>>(
      `SELECT child_ref, to_char(due_on, 'YYYY-MM-DD') AS due_on, answered_at IS NOT NULL AS answered, requested_by->>'role' AS role FROM inzage_request WHERE id = $1`,
      [response.body.request.id],
    );
    expect(recorded).toEqual({ child_ref: childRef, due_on: inzageDueOn(today), answered: true, role: 'ouder' });
    const audited = await stack.readModel.query<Array<{ action: string; actor_sub: string }>>(`SELECT action, actor_sub FROM audit_log WHERE child_ref = $1 AND action LIKE 'child.%'`, [childRef]);
    expect(audited).toEqual(expect.arrayContaining([{ action: 'child.dossier.read', actor_sub: OUDER.sub }, { action: 'child.overzicht.read', actor_sub: OUDER.sub }]));
  });

  it('gives the rights to the parents under 12 and to the young person from 16', async () => {
    // Ten years old (born 2016): the parents; the child has no rights of their own yet.
    expect((await stack.as(JONGERE).get<ErrorBody>(`/api/children/${childRef}/dossier`)).status).toBe(403);
    const current = await stack.as(SCHOOL).get<PersonalDetailsRequest>(`/api/children/${childRef}/personal-details`);
    const seventeen = { child: { ...current.body.child, birthDate: `${Number(dutchDateOf(Date.now()).slice(0, 4)) - 17}-01-15` }, parents: current.body.parents };
    expect((await stack.as(SCHOOL).put(`/api/children/${childRef}/personal-details`, seventeen)).status).toBe(200);
    for (const path of [`/api/children/${childRef}/dossier`, `/api/children/${childRef}/ouder-overzicht`, `/api/children/${childRef}/plan`, `/api/referrals/${referralId}`]) {
      const byParent = await stack.as(OUDER).get<ErrorBody>(path);
      expect({ path, status: byParent.status, code: byParent.body.code }).toEqual({ path, status: 403, code: 'FORBIDDEN' });
    }
    expect((await stack.as(JONGERE).get(`/api/children/${childRef}/dossier`)).status).toBe(200);
    expect((await stack.as(JONGERE).get(`/api/children/${childRef}/ouder-overzicht`)).status).toBe(200);
  });

  it('documents both endpoints in the OpenAPI document, with their answers', async () => {
    const document = await stack.as(null).get<{ paths: Record<string, { get?: { tags?: string[]; responses: Record<string, unknown> } }> }>('/api/docs-json');
    expect(document.status).toBe(200);
    for (const path of ['/api/children/{ref}/ouder-overzicht', '/api/children/{ref}/dossier']) {
      const operation = document.body.paths[path]?.get;
      expect({ path, tags: operation?.tags, responses: Object.keys(operation?.responses ?? {}).sort() }).toEqual({ path, tags: ['ouders'], responses: expect.arrayContaining(['200', '400', '401', '403', '404']) });
    }
  });

  it('refuses bad input with a code and a message naming the field', async () => {
    const bsn = await stack.as(OUDER).get<ErrorBody>('/api/children/123456782/dossier');
    expect(bsn.status).toBe(400);
    expect(bsn.body).toMatchObject({ code: 'VALIDATION_FAILED', issues: [{ field: 'ref', message: expect.stringContaining('BSN') }] });
    const malformed = await stack.as(OUDER).get<ErrorBody>('/api/children/ab/ouder-overzicht');
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ code: 'VALIDATION_FAILED', issues: [{ field: 'ref', message: expect.stringContaining('pseudonymous reference') }] });
    // A token whose children claim names a BSN is no token at all.
    const badToken = await stack.as({ sub: 'digid-x', role: 'ouder', children: ['123456782'] } as Actor).get<ErrorBody>(`/api/children/${childRef}/dossier`);
    expect(badToken.status).toBe(401);
    expect(badToken.body.message).toContain('children');
  });
});
