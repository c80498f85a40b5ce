import { gzipSync } from 'node:zlib';
import { Logger } from '@nestjs/common';
import request from 'supertest';
import { QueryFailedError } from 'typeorm';
import { LOKET, REGISSEUR, SCHOOL, startReferralBody } from '@schakel/domain/testing';
import { ReferralsRepository } from '../src/referrals/referrals.repository';
import { ApiTestStack, type ErrorBody } from './api-e2e.test-helper';

/**
 * Issue 5 §6, hardening of the HTTP surface, through the real API: security headers, CORS from config, body
 * size limits, rate limiting per client, and error bodies that never carry a stack trace or SQL. The fuzzing
 * of every endpoint is in fuzz.e2e.ts.
 */

const ALLOWED_ORIGIN = 'https://app.schakel.example';
const FOREIGN_ORIGIN = 'https://evil.example';

type Server = Parameters<typeof request>[0];

function serverOf(stack: ApiTestStack): Server {
  return stack.app.getHttpServer() as Server;
}

function expectError(response: request.Response, status: number, code: string): ErrorBody {
  const body = response.body as ErrorBody;
  expect({ status: response.status, code: body.code }).toEqual({ status, code });
  expect(body.statusCode).toBe(status);
  expect(body.requestId).toBe(response.headers['x-request-id']);
  return body;
}

/** A JSON body of about `bytes` bytes that is otherwise a valid start. */
function startBodyOfSize(bytes: number): string {
  const body = JSON.stringify(startReferralBody({ summary: '' }));
  return body.replace('"summary":""', `"summary":"${'x'.repeat(bytes - body.length)}"`);
}

describe('HTTP hardening (issue 5 §6)', () => {
  /** Default settings plus one allowed CORS origin. */
  let stack: ApiTestStack;
  let schoolToken: string;

  beforeAll(async () => {
    stack = await ApiTestStack.start({ withWorker: false, env: { CORS_ORIGINS: ALLOWED_ORIGIN } });
    schoolToken = await stack.token(SCHOOL);
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
  }, 60_000);

  describe('security headers', () => {
    it('sends the OWASP headers for a JSON API on answers and refusals alike, and no framework banner', async () => {
      const answers = [
        await request(serverOf(stack)).get('/api/policy').set('Authorization', `Bearer ${schoolToken}`),
        await request(serverOf(stack)).get('/api/referrals'),
        await request(serverOf(stack)).get('/api/no-such-route'),
        await request(serverOf(stack)).get('/api/referrals').set('X-Request-Id', 'not valid'),
      ];
      expect(answers.map((a) => a.status)).toEqual([200, 401, 404, 400]);
      for (const answer of answers) {
        expect(answer.headers).toEqual(
          expect.objectContaining({
            'content-security-policy': "default-src 'none';frame-ancestors 'none';base-uri 'none';form-action 'none'",
            'x-content-type-options': 'nosniff',
            'x-frame-options': 'DENY',
            'referrer-policy': 'no-referrer',
            'cross-origin-resource-policy': 'same-origin',
            'cache-control': 'no-store',
          }),
        );
        expect(answer.headers['x-powered-by']).toBeUndefined();
        // Not production: HSTS would pin a developer's localhost to https (security-headers.policy.spec.ts covers production).
        expect(answer.headers['strict-transport-security']).toBeUndefined();
      }
    });

    it('gives the Swagger UI a page policy that its own markup satisfies: same-origin scripts only', async () => {
      const page = await request(serverOf(stack)).get('/api/docs');
      expect(page.status).toBe(200);
      const policy = page.headers['content-security-policy'];
      expect(policy).toContain("script-src 'self'");
      expect(policy).toContain("frame-ancestors 'none'");
      expect(policy).not.toContain('unsafe-eval');
      const scripts = [...page.text.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
      expect(scripts.length).toBeGreaterThan(0);
      for (const [, attributes, inline] of scripts) {
        // An inline script, or one from another origin, would be blocked by script-src 'self'.
        expect(attributes).toMatch(/src=["']\.?\/?[^"':]*["']/);
        expect(inline?.trim()).toBe('');
      }
      const init = await request(serverOf(stack)).get('/api/docs/swagger-ui-init.js');
      expect(init.status).toBe(200);
    });
  });

  describe('CORS from CORS_ORIGINS', () => {
    it('lets a listed origin read answers, naming exactly that origin', async () => {
      const response = await request(serverOf(stack)).get('/api/policy').set('Authorization', `Bearer ${schoolToken}`).set('Origin', ALLOWED_ORIGIN);
      expect(response.status).toBe(200);
      expect(response.headers['access-control-allow-origin']).toBe(ALLOWED_ORIGIN);
      expect(response.headers['access-control-expose-headers']).toContain('X-Request-Id');
      // A browser client reads the ETag it must send back as If-Match on a versioned write.
      expect(response.headers['access-control-expose-headers']).toContain('ETag');
      expect(response.headers['access-control-allow-credentials']).toBeUndefined();
      expect(response.headers['vary']).toMatch(/Origin/);
    });

    it('sends no CORS headers to another origin, so its browser cannot read the answer', async () => {
      const response = await request(serverOf(stack)).get('/api/policy').set('Authorization', `Bearer ${schoolToken}`).set('Origin', FOREIGN_ORIGIN);
      expect(response.status).toBe(200);
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
      expect(response.headers['vary']).toMatch(/Origin/);
    });

    it('answers a preflight from a listed origin with the methods and headers the API uses', async () => {
      const response = await request(serverOf(stack))
        .options('/api/referrals')
        .set('Origin', ALLOWED_ORIGIN)
        .set('Access-Control-Request-Method', 'POST')
        .set('Access-Control-Request-Headers', 'authorization,content-type,idempotency-key');
      expect(response.status).toBe(204);
      expect(response.headers['access-control-allow-origin']).toBe(ALLOWED_ORIGIN);
      expect(response.headers['access-control-allow-methods']).toBe('GET,HEAD,POST,PUT,PATCH,DELETE');
      expect(response.headers['access-control-allow-headers']).toBe('Authorization,Content-Type,Idempotency-Key,If-Match,X-Request-Id');
      expect(response.headers['access-control-max-age']).toBe('600');
    });

    it('refuses a preflight from any other origin with 403, without CORS headers', async () => {
      for (const origin of [FOREIGN_ORIGIN, 'null', `${ALLOWED_ORIGIN}.evil.example`, 'http://app.schakel.example']) {
        const response = await request(serverOf(stack)).options('/api/referrals').set('Origin', origin).set('Access-Control-Request-Method', 'POST');
        expectError(response, 403, 'FORBIDDEN');
        expect(response.headers['access-control-allow-origin']).toBeUndefined();
      }
    });
  });

  describe('body size limit (API_BODY_LIMIT, 64kb by default)', () => {
    it('refuses a JSON body over the limit with 413 before parsing it, and changes nothing', async () => {
      const response = await request(serverOf(stack))
        .post('/api/referrals')
        .set('Authorization', `Bearer ${schoolToken}`)
        .set('Content-Type', 'application/json')
        .send(startBodyOfSize(64 * 1024 + 1));
      expect(expectError(response, 413, 'PAYLOAD_TOO_LARGE').message).toBe('The request body is larger than the limit of 65536 bytes');
      expect(await stack.countWorkflows()).toBe(0);
    });

    it('reads a body just under the limit (and refuses it for its content, not its size)', async () => {
      const response = await request(serverOf(stack))
        .post('/api/referrals')
        .set('Authorization', `Bearer ${schoolToken}`)
        .set('Content-Type', 'application/json')
        .send(startBodyOfSize(64 * 1024 - 100));
      // The summary is far longer than a summary may be.
      expect(expectError(response, 400, 'VALIDATION_FAILED').issues?.map((i) => i.field)).toEqual(['summary']);
    });

    it('limits urlencoded bodies too', async () => {
      const response = await request(serverOf(stack))
        .post('/api/referrals')
        .set('Authorization', `Bearer ${schoolToken}`)
        .set('Content-Type', 'application/x-www-form-urlencoded')
        .send(`summary=${'x'.repeat(70 * 1024)}`);
      expectError(response, 413, 'PAYLOAD_TOO_LARGE');
    });

    it('limits the unpacked size of a compressed body (a gzip bomb)', async () => {
      const packed = gzipSync(Buffer.from(startBodyOfSize(1024 * 1024)));
      expect(packed.length).toBeLessThan(8 * 1024);
      const response = await request(serverOf(stack))
        .post('/api/referrals')
        .set('Authorization', `Bearer ${schoolToken}`)
        .set('Content-Type', 'application/json')
        .set('Content-Encoding', 'gzip')
        // As bytes: superagent would otherwise serialise a Buffer sent as JSON (its types expect a string back).
        .serialize((bytes: Buffer) => bytes as unknown as string)
        .send(packed);
      expectError(response, 413, 'PAYLOAD_TOO_LARGE');
    });

    it('refuses a charset or encoding it cannot read (415) or a body that does not inflate (400), in its own words', async () => {
      const charset = await request(serverOf(stack))
        .post('/api/referrals')
        .set('Authorization', `Bearer ${schoolToken}`)
        .set('Content-Type', 'application/json; charset=klingon-1')
        .send('{}');
      expect(expectError(charset, 415, 'UNSUPPORTED_MEDIA_TYPE').message).toBe('Unsupported charset: send JSON as UTF-8');
      const encoding = await request(serverOf(stack))
        .post('/api/referrals')
        .set('Authorization', `Bearer ${schoolToken}`)
        .set('Content-Type', 'application/json')
        .set('Content-Encoding', 'x-klingon')
        .send('{}');
      expectError(encoding, 415, 'UNSUPPORTED_MEDIA_TYPE');
      const notGzip = await request(serverOf(stack))
        .post('/api/referrals')
        .set('Authorization', `Bearer ${schoolToken}`)
        .set('Content-Type', 'application/json')
        .set('Content-Encoding', 'gzip')
        .send('{}');
      expect(expectError(notGzip, 400, 'VALIDATION_FAILED').message).toBe('The request body is not valid for its Content-Encoding');
    });
  });

  describe('error bodies carry no internals', () => {
    /** The one body an unexpected failure may produce: no stack, no SQL, no parameter values, no error text. */
    function expectOpaque500(response: request.Response): void {
      expect(response.status).toBe(500);
      expect(response.body).toEqual({ statusCode: 500, code: 'INTERNAL_ERROR', message: 'Internal server error', requestId: response.headers['x-request-id'] });
    }

    it('answers a failed query with "Internal server error" only, and logs it without its parameters', async () => {
      const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
      const repository = stack.app.get(ReferralsRepository);
      const driverError = Object.assign(new Error('column "child_ref" does not exist'), { code: '42703' });
      const failed = jest
        .spyOn(repository, 'list')
        .mockRejectedValueOnce(new QueryFailedError('SELECT * FROM "referral" WHERE "child_ref" = $1', ['lln-secret-child'], driverError));
      try {
        const response = await request(serverOf(stack)).get('/api/referrals').set('Authorization', `Bearer ${await stack.token(LOKET)}`);
        expectOpaque500(response);
        expect(response.text).not.toMatch(/SELECT|referral"|child_ref|lln-secret|42703|QueryFailedError/);
        const logLine = logged.mock.calls.map((call) => String(call[0])).join('\n');
        expect(logLine).toContain('SQLSTATE 42703');
        expect(logLine).not.toContain('lln-secret-child');
      } finally {
        failed.mockRestore();
        logged.mockRestore();
      }
    });

    it('answers a bug (an Error with a stack) with "Internal server error" only', async () => {
      const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
      const repository = stack.app.get(ReferralsRepository);
      const failed = jest.spyOn(repository, 'list').mockRejectedValueOnce(new TypeError("Cannot read properties of undefined (reading 'secretField')"));
      try {
        const response = await request(serverOf(stack)).get('/api/referrals').set('Authorization', `Bearer ${await stack.token(LOKET)}`);
        expectOpaque500(response);
        expect(response.text).not.toMatch(/secretField|TypeError|\bat\b|\.ts:\d+/);
      } finally {
        failed.mockRestore();
        logged.mockRestore();
      }
    });
  });
});

describe('rate limiting per client (RATE_LIMIT_PER_MINUTE=5)', () => {
  let stack: ApiTestStack;

  beforeAll(async () => {
    stack = await ApiTestStack.start({ withWorker: false, env: { RATE_LIMIT_PER_MINUTE: '5' } });
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
  }, 60_000);

  async function policyAs(authorization: string | undefined): Promise<request.Response> {
    const call = request(serverOf(stack)).get('/api/policy');
    return authorization === undefined ? call : call.set('Authorization', authorization);
  }

  it('allows a burst of 5 per token subject, then answers 429 with Retry-After; another subject keeps its own budget', async () => {
    const school = `Bearer ${await stack.token(SCHOOL)}`;
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await policyAs(school)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    const limited = await policyAs(school);
    expect(expectError(limited, 429, 'RATE_LIMITED').message).toMatch(/^Too many requests; retry after \d+ s$/);
    // 5 a minute refills one every 12 s.
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(12);
    // A new token for the same subject is the same client.
    expect((await policyAs(`Bearer ${await stack.token(SCHOOL)}`)).status).toBe(429);
    expect((await policyAs(`Bearer ${await stack.token(LOKET)}`)).status).toBe(200);
  });

  it('counts requests without a valid token by address, so a forged subject cannot spend another client’s budget', async () => {
    const encode = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
    const forged = `Bearer ${encode({ alg: 'none', typ: 'JWT' })}.${encode({ sub: REGISSEUR.sub, role: 'regisseur', exp: Math.floor(Date.now() / 1000) + 600 })}.`;
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await policyAs(i % 2 === 0 ? forged : undefined)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    // The regisseur whose subject the forged token names still has a full budget.
    const regisseur = `Bearer ${await stack.token(REGISSEUR)}`;
    for (let i = 0; i < 5; i += 1) expect((await policyAs(regisseur)).status).toBe(200);
  });

  it('never limits the health endpoint, which probes call without a token', async () => {
    const statuses = new Set<number>();
    for (let i = 0; i < 12; i += 1) statuses.add((await request(serverOf(stack)).get('/api/health')).status);
    expect(statuses.has(429)).toBe(false);
  });
});
