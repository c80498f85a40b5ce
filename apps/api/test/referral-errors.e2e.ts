import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { Actor } from '@schakel/domain';
import { arrangementBody, LOKET, OTHER_LOKET, OTHER_REGISSEUR, OTHER_SCHOOL, PROVIDER, REGISSEUR, SCHOOL, startReferralBody, toewijzingBody } from '@schakel/domain/testing';
import { DevTokenSigner } from '../src/auth/dev-token.signer';
import { ApiTestStack, type ErrorBody, type ReferralStateBody, type TimelineBody } from './api-e2e.test-helper';

/**
 * Every refusal of issue 2 §3 ("Errors") through HTTP, against real Temporal and Postgres: the status,
 * the error code, the fields named — and that a refused step changes nothing.
 */
describe('refusals through the API (real Temporal and Postgres)', () => {
  let stack: ApiTestStack;
  /** A referral in stage arrangement (concept) with REGISSEUR assigned. */
  let referralId: string;

  beforeAll(async () => {
    stack = await ApiTestStack.start();
    const started = await stack.as(SCHOOL).post<{ referralId: string }>('/api/referrals', startReferralBody());
    referralId = started.body.referralId;
    const allocated = await stack.as(LOKET).post(`/api/referrals/${referralId}/toewijzing`, toewijzingBody());
    expect(allocated.status).toBe(200);
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
  }, 60_000);

  async function snapshot(): Promise<{ state: ReferralStateBody; timeline: TimelineBody }> {
    const state = await stack.as(REGISSEUR).get<ReferralStateBody>(`/api/referrals/${referralId}`);
    const timeline = await stack.as(REGISSEUR).get<TimelineBody>(`/api/referrals/${referralId}/events`);
    return { state: state.body, timeline: timeline.body };
  }

  function expectError(response: { status: number; body: unknown; headers: Record<string, string> }, status: number, code: string): ErrorBody {
    const body = response.body as ErrorBody;
    expect({ status: response.status, code: body.code }).toEqual({ status, code });
    expect(body.statusCode).toBe(status);
    expect(body.requestId).toBe(response.headers['x-request-id']);
    return body;
  }

  describe('400: invalid input names each field', () => {
    it('refuses a start body and names every bad field, before any workflow exists', async () => {
      const response = await stack.as(SCHOOL).post('/api/referrals', {
        childRef: '123456782',
        school: { brin: '12ab', sector: 'HBO' },
        concerns: [],
        thuiszitter: { isThuiszitter: true },
        parents: { informed: false, consent: true },
        summary: '',
        extra: 1,
      });
      const body = expectError(response, 400, 'VALIDATION_FAILED');
      expect(body.issues?.map((i) => i.field).sort()).toEqual(
        ['(body)', 'childRef', 'concerns', 'parents.informed', 'school.brin', 'school.sector', 'summary', 'thuiszitter.since'].sort(),
      );
      expect(body.issues?.find((i) => i.field === 'childRef')?.message).toMatch(/BSN/);
    });

    it('refuses a step body and names the fields', async () => {
      const response = await stack.as(SCHOOL).post(`/api/referrals/${referralId}/arrangement`, { ...arrangementBody('2027-01-01'), goals: [], startDate: '2027-13-01' });
      const body = expectError(response, 400, 'VALIDATION_FAILED');
      expect(body.issues?.map((i) => i.field)).toEqual(expect.arrayContaining(['goals', 'startDate']));
    });

    it('refuses an evaluation with an unknown outcome', async () => {
      const response = await stack.as(REGISSEUR).post(`/api/referrals/${referralId}/evaluation`, { outcome: 'doorgaan', summary: 'x' });
      expectError(response, 400, 'VALIDATION_FAILED');
    });

    it('refuses an id that is not a UUID, naming id', async () => {
      const response = await stack.as(LOKET).get('/api/referrals/not-a-uuid');
      expect(expectError(response, 400, 'VALIDATION_FAILED').issues).toEqual([{ field: 'id', message: 'must be a UUID' }]);
    });

    it('refuses malformed JSON', async () => {
      const response = await stack.as(SCHOOL).postRaw('/api/referrals', '{"childRef": ');
      expect(expectError(response, 400, 'VALIDATION_FAILED').issues).toEqual([{ field: '(body)', message: 'is not valid JSON' }]);
    });

    it('refuses bad list filters and a forged cursor', async () => {
      const response = await stack.as(LOKET).get('/api/referrals?limit=500&stage=klaar&cursor=bm90LWEtY3Vyc29y&sort=asc');
      expect(expectError(response, 400, 'VALIDATION_FAILED').issues?.map((i) => i.field).sort()).toEqual(['(query)', 'cursor', 'limit', 'stage']);
    });

    it('refuses a bad Idempotency-Key and a bad X-Request-Id', async () => {
      const key = await stack.as(SCHOOL).post('/api/referrals', startReferralBody(), { 'Idempotency-Key': 'x'.repeat(101) });
      expect(expectError(key, 400, 'VALIDATION_FAILED').issues?.[0]?.field).toBe('Idempotency-Key');
      const requestId = await stack.as(SCHOOL).get('/api/referrals', { 'X-Request-Id': 'has spaces in it' });
      expect(expectError(requestId, 400, 'VALIDATION_FAILED').issues?.[0]?.field).toBe('X-Request-Id');
    });
  });

  describe('401: no valid token', () => {
    it('refuses a request without a token', async () => {
      const response = await stack.as(null).get('/api/referrals');
      expectError(response, 401, 'UNAUTHENTICATED');
      expect(response.headers['www-authenticate']).toBe('Bearer');
    });

    it('refuses an expired token', async () => {
      const token = await stack.token(SCHOOL, { expiresAt: new Date(Date.now() - 60_000) });
      expect(expectError(await stack.withAuthorization(`Bearer ${token}`).get('/api/referrals'), 401, 'UNAUTHENTICATED').message).toMatch(/expired/);
    });

    it('refuses a token signed with another secret', async () => {
      const token = await new DevTokenSigner({ jwtSecret: 'another-secret-that-is-at-least-32-characters', tokenTtlSeconds: 600 }).sign(SCHOOL);
      expectError(await stack.withAuthorization(`Bearer ${token}`).get('/api/referrals'), 401, 'UNAUTHENTICATED');
    });

    it('refuses an unsigned token (alg none)', async () => {
      const encode = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
      const unsigned = `${encode({ alg: 'none', typ: 'JWT' })}.${encode({ sub: 'ib-1', role: 'admin', exp: Math.floor(Date.now() / 1000) + 600 })}.`;
      expectError(await stack.withAuthorization(`Bearer ${unsigned}`).get('/api/referrals'), 401, 'UNAUTHENTICATED');
    });

    it('refuses malformed tokens, a token without expiry and a token with an unknown role', async () => {
      expectError(await stack.withAuthorization('Bearer not.a.token').get('/api/referrals'), 401, 'UNAUTHENTICATED');
      expectError(await stack.withAuthorization('Basic dXNlcjpwYXNz').get('/api/referrals'), 401, 'UNAUTHENTICATED');
      const key = new TextEncoder().encode(stack.config.auth.jwtSecret);
      const noExpiry = await new SignJWT({ role: 'school', org: '12AB' }).setProtectedHeader({ alg: 'HS256' }).setSubject('ib-1').sign(key);
      expectError(await stack.withAuthorization(`Bearer ${noExpiry}`).get('/api/referrals'), 401, 'UNAUTHENTICATED');
      const badRole = await new SignJWT({ role: 'directeur' }).setProtectedHeader({ alg: 'HS256' }).setSubject('d-1').setExpirationTime('5m').sign(key);
      expectError(await stack.withAuthorization(`Bearer ${badRole}`).get('/api/referrals'), 401, 'UNAUTHENTICATED');
    });
  });

  describe('403: wrong role or not the assigned regisseur', () => {
    it('refuses a start by anyone but a school', async () => {
      expectError(await stack.as(LOKET).post('/api/referrals', startReferralBody()), 403, 'FORBIDDEN');
    });

    it('refuses a school token without a region, and a school referring another school’s pupil', async () => {
      const noRegion: Actor = { sub: 'ib-2', role: 'school', org: '12AB' };
      expectError(await stack.as(noRegion).post('/api/referrals', startReferralBody()), 403, 'FORBIDDEN');
      expectError(await stack.as(OTHER_SCHOOL).post('/api/referrals', startReferralBody()), 403, 'FORBIDDEN');
    });

    it('refuses a toewijzing by a regisseur, an approval by a school and a withdrawal by a provider', async () => {
      const before = await snapshot();
      expectError(await stack.as(REGISSEUR).post(`/api/referrals/${referralId}/toewijzing`, toewijzingBody()), 403, 'FORBIDDEN');
      expectError(await stack.as(SCHOOL).post(`/api/referrals/${referralId}/arrangement/approve`, {}), 403, 'FORBIDDEN');
      expectError(await stack.as(PROVIDER).post(`/api/referrals/${referralId}/withdraw`, { reason: 'x' }), 403, 'FORBIDDEN');
      expect(await snapshot()).toEqual(before);
    });

    it('refuses an approval by a regisseur of the region who is not assigned, and changes nothing', async () => {
      const submitted = await stack.as(SCHOOL).post<ReferralStateBody>(`/api/referrals/${referralId}/arrangement`, arrangementBody('2027-02-01'));
      expect(submitted.status).toBe(200);
      const before = await snapshot();
      const refused = await stack.as(OTHER_REGISSEUR).post(`/api/referrals/${referralId}/arrangement/approve`, { note: 'Akkoord' });
      expectError(refused, 403, 'NOT_ASSIGNED_REGISSEUR');
      const rejected = await stack.as(OTHER_REGISSEUR).post(`/api/referrals/${referralId}/arrangement/reject`, { reason: 'Nee' });
      expectError(rejected, 403, 'NOT_ASSIGNED_REGISSEUR');
      expect(await snapshot()).toEqual(before);
    });
  });

  describe('404: unknown or outside the caller’s scope', () => {
    it('answers 404 for a referral that does not exist, for reads and steps alike', async () => {
      const unknown = randomUUID();
      expectError(await stack.as(LOKET).get(`/api/referrals/${unknown}`), 404, 'NOT_FOUND');
      expectError(await stack.as(LOKET).get(`/api/referrals/${unknown}/events`), 404, 'NOT_FOUND');
      expectError(await stack.as(LOKET).post(`/api/referrals/${unknown}/toewijzing`, toewijzingBody()), 404, 'NOT_FOUND');
    });

    it('answers 404, never 403, to people outside the case', async () => {
      const before = await snapshot();
      expectError(await stack.as(OTHER_SCHOOL).get(`/api/referrals/${referralId}`), 404, 'NOT_FOUND');
      expectError(await stack.as(OTHER_LOKET).get(`/api/referrals/${referralId}/events`), 404, 'NOT_FOUND');
      expectError(await stack.as(OTHER_LOKET).post(`/api/referrals/${referralId}/withdraw`, { reason: 'x' }), 404, 'NOT_FOUND');
      const gemeente: Actor = { sub: 'gem-1', role: 'gemeente', org: 'gm0363', region: 'swv-2801' };
      expectError(await stack.as(gemeente).get(`/api/referrals/${referralId}`), 404, 'NOT_FOUND');
      expect(await snapshot()).toEqual(before);
    });

    it('answers 404 for an unknown route', async () => {
      expectError(await stack.as(LOKET).get('/api/nothing-here'), 404, 'NOT_FOUND');
    });
  });

  describe('409: a step the stage does not allow changes nothing', () => {
    it('refuses a second toewijzing while the arrangement awaits approval', async () => {
      const before = await snapshot();
      expect(before.state.stage).toBe('arrangement');
      const refused = await stack.as(LOKET).post(`/api/referrals/${referralId}/toewijzing`, toewijzingBody());
      expect(expectError(refused, 409, 'STAGE_CONFLICT').message).toMatch(/arrangement/);
      const evaluation = await stack.as(REGISSEUR).post(`/api/referrals/${referralId}/evaluation`, { outcome: 'afsluiten', summary: 'Te vroeg' });
      expectError(evaluation, 409, 'STAGE_CONFLICT');
      const after = await snapshot();
      expect(after.state.version).toBe(before.state.version);
      expect(after.timeline.items).toEqual(before.timeline.items);
    });
  });

  describe('health and documentation', () => {
    it('reports all parts up without a token', async () => {
      const response = await stack.as(null).get('/api/health');
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ status: 'ok', checks: { postgres: 'up', temporal: 'up', worker: 'up' } });
    });

    it('serves the OpenAPI document with the request bodies from the domain schemas', async () => {
      const response = await stack.as(null).get<{ paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { required?: string[] } }> } }>> }>('/api/docs-json');
      expect(response.status).toBe(200);
      const start = response.body.paths['/api/referrals']?.['post']?.requestBody?.content['application/json']?.schema;
      expect(start?.required).toEqual(expect.arrayContaining(['childRef', 'school', 'concerns', 'thuiszitter', 'parents', 'summary']));
      expect(Object.keys(response.body.paths)).toEqual(expect.arrayContaining(['/api/referrals/{id}/arrangement/approve', '/api/health']));
    });

    it('echoes a given request id and records it on the timeline', async () => {
      const started = await stack.as(SCHOOL).post<{ referralId: string }>('/api/referrals', startReferralBody(), { 'X-Request-Id': 'trace-42' });
      expect(started.headers['x-request-id']).toBe('trace-42');
      const withdrawn = await stack.as(SCHOOL).post(`/api/referrals/${started.body.referralId}/withdraw`, { reason: 'Test' }, { 'X-Request-Id': 'trace-43' });
      expect(withdrawn.headers['x-request-id']).toBe('trace-43');
      const timeline = await stack.as(SCHOOL).get<TimelineBody>(`/api/referrals/${started.body.referralId}/events`);
      expect(timeline.body.items.map((e) => e.requestId)).toEqual(['trace-42', null, 'trace-43']);
    });
  });
});

describe('health without a worker (real Temporal and Postgres)', () => {
  let stack: ApiTestStack;

  beforeAll(async () => {
    stack = await ApiTestStack.start({ withWorker: false });
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
  }, 60_000);

  it('answers 503 naming the worker when no worker polls the task queue', async () => {
    const response = await stack.as(null).get('/api/health');
    expect(response.status).toBe(503);
    expect(response.body).toEqual({ status: 'unavailable', checks: { postgres: 'up', temporal: 'up', worker: 'down' } });
  });

  it('still refuses an invalid start without reaching Temporal', async () => {
    const response = await stack.as(SCHOOL).post('/api/referrals', { ...startReferralBody(), summary: '' });
    expect(response.status).toBe(400);
    expect(await stack.countWorkflows()).toBe(0);
  });
});
