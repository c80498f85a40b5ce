import { randomBytes } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import type { Actor, PersonalDetailsRequest } from '@schakel/domain';
import { ADMIN, GEMEENTE, LOKET, OTHER_SCHOOL, PROVIDER, REGISSEUR, SCHOOL, startReferralBody, toewijzingBody } from '@schakel/domain/testing';
import { childPlanWorkflowId, referralWorkflowId } from '@schakel/workflows/contracts';
import type { AuditResponseDto } from '../src/audit/dto/audit.request';
import type { PersonalDetailsResponseDto } from '../src/children/dto/personal-details.response';
import { ApiTestStack, eventually, type ErrorBody } from './api-e2e.test-helper';
import { payloadsIn } from './temporal-history.test-helper';

const FG: Actor = { sub: 'fg-1', role: 'fg', org: 'swv-2801', region: 'swv-2801' };

/**
 * Issue 5 §3: the personal details the process needs are stored once, in Postgres, and returned only to
 * the roles that need them; every read and write is audited; nothing else (workflows, the read model's
 * case rows, the other answers of the API) holds them.
 */
describe("a child's personal details (real Temporal, real Postgres)", () => {
  let stack: ApiTestStack;
  const marker = randomBytes(3).toString('hex');
  const childRef = `lln-pd-${marker}`;
  const path = `/api/children/${childRef}/personal-details`;
  const familyName = `van Tuyll-${marker.replace(/\d/g, 'x')}`;
  const details: PersonalDetailsRequest = {
    child: { givenNames: 'Sanne Marie', familyName, birthDate: '2015-09-03' },
    parents: [{ name: `Petra ${familyName}`, relation: 'ouder', gezag: true, email: `petra.${marker}@example.nl` }],
  };
  let referralId: string;

  beforeAll(async () => {
    stack = await ApiTestStack.start({ withWorker: true });
    const created = await stack.as(SCHOOL).post<{ referralId: string }>('/api/referrals', startReferralBody({ childRef }));
    expect(created.status).toBe(201);
    referralId = created.body.referralId;
    // The plan exists once the referral has reported to it; the details hang off the plan.
    await eventually(() => stack.as(SCHOOL).get(`/api/children/${childRef}/plan`), (r) => r.status === 200, 30_000, 'the plan');
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
  }, 60_000);

  it('lets the school record them, and the allocated people read them once the loket has allocated the case', async () => {
    const written = await stack.as(SCHOOL).put<PersonalDetailsResponseDto>(path, details);
    expect(written.status).toBe(200);
    expect(written.headers['etag']).toBe('"1"');
    expect(written.body).toMatchObject({ childRef, ...details, version: 1, updatedBy: { sub: SCHOOL.sub, role: 'school' } });

    // Before the toewijzing the regisseur and the provider have no part in the child's plan.
    for (const actor of [REGISSEUR, PROVIDER]) expect((await stack.as(actor).get(path)).status).toBe(404);
    expect((await stack.as(LOKET).post(`/api/referrals/${referralId}/toewijzing`, toewijzingBody())).status).toBe(200);
    await eventually(() => stack.as(PROVIDER).get(path), (r) => r.status === 200, 30_000, 'the provider sees the details');
    for (const actor of [SCHOOL, LOKET, REGISSEUR, PROVIDER]) {
      const read = await stack.as(actor).get<PersonalDetailsResponseDto>(path);
      expect({ who: actor.sub, status: read.status, child: read.body.child }).toEqual({ who: actor.sub, status: 200, child: details.child });
    }
  }, 90_000);

  it('answers 404 to everyone else, gemeente, admin and the FG included, and 403 to a provider that tries to change them', async () => {
    for (const actor of [OTHER_SCHOOL, GEMEENTE, ADMIN, FG]) {
      const read = await stack.as(actor).get<ErrorBody>(path);
      expect({ who: actor.sub, status: read.status, code: read.body.code }).toEqual({ who: actor.sub, status: 404, code: 'NOT_FOUND' });
    }
    const byProvider = await stack.as(PROVIDER).put<ErrorBody>(path, { ...details, child: { ...details.child, givenNames: 'Anders' } });
    expect(byProvider.status).toBe(403);
    expect((await stack.as(SCHOOL).get<PersonalDetailsResponseDto>(path)).body.child.givenNames).toBe('Sanne Marie');
  });

  it('refuses bad input and a stale version with a clear error, and changes nothing', async () => {
    const before = await stack.as(SCHOOL).get<PersonalDetailsResponseDto>(path);
    const bsn = await stack.as(SCHOOL).put<ErrorBody>(path, { ...details, child: { ...details.child, bsn: '123456782' } });
    expect(bsn.status).toBe(400);
    expect(bsn.body.issues).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'child' })]));
    const unborn = await stack.as(SCHOOL).put<ErrorBody>(path, { ...details, child: { ...details.child, birthDate: '2099-01-01' } });
    expect(unborn.status).toBe(400);
    expect(unborn.body.issues).toEqual([expect.objectContaining({ field: 'child.birthDate' })]);
    const malformedTag = await stack.as(SCHOOL).put<ErrorBody>(path, details, { 'If-Match': 'W/"x"' });
    expect(malformedTag.status).toBe(400);
    expect(malformedTag.body.issues).toEqual([expect.objectContaining({ field: 'If-Match' })]);

    const corrected = await stack.as(REGISSEUR).put<PersonalDetailsResponseDto>(path, { ...details, parents: [{ ...details.parents[0]!, phone: '06 1234 5678' }] }, { 'If-Match': before.headers['etag']! });
    expect(corrected.status).toBe(200);
    expect(corrected.body.version).toBe(before.body.version + 1);
    // Someone who read before the regisseur's correction may not overwrite it unseen.
    const stale = await stack.as(SCHOOL).put<ErrorBody>(path, details, { 'If-Match': before.headers['etag']! });
    expect(stale.status).toBe(412);
    expect(stale.body.code).toBe('VERSION_CONFLICT');
    const after = await stack.as(SCHOOL).get<PersonalDetailsResponseDto>(path);
    expect(after.body.version).toBe(corrected.body.version);
    expect(after.body.parents[0]?.phone).toBe('06 1234 5678');
  });

  it('records every read and write of them in the audit log, with who and which request', async () => {
    const read = await stack.as(LOKET).get(path, { 'X-Request-Id': `pd-read-${marker}` });
    expect(read.status).toBe(200);
    const trail = await stack.as(FG).get<AuditResponseDto>(`/api/audit?child=${childRef}&limit=100`);
    expect(trail.status).toBe(200);
    const entries = trail.body.items.filter((entry) => entry.action.startsWith('personalDetails.'));
    expect(entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'personalDetails.write', actor: expect.objectContaining({ sub: SCHOOL.sub, role: 'school' }) }),
        expect.objectContaining({ action: 'personalDetails.read', requestId: `pd-read-${marker}`, actor: expect.objectContaining({ sub: LOKET.sub, role: 'loket' }) }),
      ]),
    );
    // A refused read leaves no trace of data returned: only reads that answered are "read".
    expect(entries.filter((entry) => entry.action === 'personalDetails.read' && entry.actor.role === 'gemeente')).toEqual([]);
  });

  it('keeps them in one table only: not in the workflows, the other read-model tables, the audit log or the plan and case answers', async () => {
    const secrets = [familyName, details.parents[0]!.email!];
    const tables = await stack.readModel.query<Array<{ name: string }>>(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`);
    const holding: string[] = [];
    for (const { name } of tables) {
      const [hit] = await stack.readModel.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM "${name}" t WHERE t::text LIKE '%' || $1 || '%'`, [familyName]);
      if ((hit?.n ?? 0) > 0) holding.push(name);
    }
    expect(holding).toEqual(['child_personal_details']);

    for (const answer of [await stack.as(SCHOOL).get(`/api/referrals/${referralId}`), await stack.as(SCHOOL).get(`/api/children/${childRef}/plan`), await stack.as(SCHOOL).get(`/api/referrals/${referralId}/events`)]) {
      expect(answer.status).toBe(200);
      expect(secrets.filter((secret) => JSON.stringify(answer.body).includes(secret))).toEqual([]);
    }

    // Decrypted with the keys, as the worker sees them: the workflows never carried the details.
    const connection = await Connection.connect({ address: stack.config.temporal.address });
    try {
      const client = new Client({ connection, namespace: stack.config.temporal.namespace });
      const codec = stack.dataConverter.payloadCodecs?.[0];
      if (codec === undefined) throw new Error('the stack has no payload codec');
      for (const workflowId of [referralWorkflowId(referralId), childPlanWorkflowId(childRef)]) {
        const history = await client.workflow.getHandle(workflowId).fetchHistory();
        const decoded = await codec.decode(payloadsIn(history));
        const text = decoded.map((payload) => Buffer.from(payload.data ?? new Uint8Array()).toString('utf8')).join('\n');
        // The decryption worked (the child's reference is in every one of its histories), so the absence below means something.
        expect(text).toContain(childRef);
        expect(secrets.filter((secret) => text.includes(secret))).toEqual([]);
      }
    } finally {
      await connection.close();
    }
  });
});
