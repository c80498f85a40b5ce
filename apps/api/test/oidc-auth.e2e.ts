import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { LOKET } from '@schakel/domain/testing';
import { oidcClaimsOf, TEST_OIDC_AUDIENCE, TestOidcIssuer, type TestSigningKey } from '../src/auth/oidc-issuer.test-helper';
import { ApiTestStack, type ErrorBody, type ListBody } from './api-e2e.test-helper';

const API_MAIN = join(__dirname, '../dist/main.js');

/**
 * Issue 5 §1 end to end: the API in AUTH_MODE=oidc accepts the identity provider's tokens, verified against a
 * JWKS endpoint this test serves, and no longer accepts the development signer's HS256 tokens.
 */
describe('the API in AUTH_MODE=oidc', () => {
  let idp: TestOidcIssuer;
  let key: TestSigningKey;
  let stack: ApiTestStack;

  beforeAll(async () => {
    idp = await TestOidcIssuer.start();
    key = await idp.createKey('RS256');
    stack = await ApiTestStack.start({ withWorker: false, env: { AUTH_MODE: 'oidc', OIDC_ISSUER: idp.issuer, OIDC_AUDIENCE: TEST_OIDC_AUDIENCE } });
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
    await idp?.close();
  }, 60_000);

  it('answers GET /api/referrals for a valid token from the issuer', async () => {
    const response = await stack.withAuthorization(`Bearer ${await idp.sign(key, oidcClaimsOf(LOKET))}`).get<ListBody>('/api/referrals');
    expect([response.status, response.body]).toEqual([200, { items: [], nextCursor: null }]);
    expect(idp.requests).toEqual({ discovery: 1, jwks: 1 });
  });

  it('refuses a development HS256 token with 401', async () => {
    const response = await stack.as(LOKET).get<ErrorBody>('/api/referrals');
    expect([response.status, response.body.code, response.body.message]).toEqual([401, 'UNAUTHENTICATED', 'The bearer token must be signed with RS256 or ES256']);
    expect(response.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
  });

  it('refuses a token from the issuer that is meant for another API', async () => {
    const response = await stack.withAuthorization(`Bearer ${await idp.sign(key, { ...oidcClaimsOf(LOKET), aud: 'another-api' })}`).get<ErrorBody>('/api/referrals');
    expect([response.status, response.body.code]).toEqual([401, 'UNAUTHENTICATED']);
    expect(response.body.message).toMatch(/audience \(aud\) check/);
  });
});

/**
 * The built API, started as `npm start` and the Dockerfile start it (`npm test` builds first): in production
 * it must stop at its configuration, naming AUTH_MODE, before it connects to anything or listens.
 */
describe('the API process with SCHAKEL_ENV=production', () => {
  it('refuses to boot with AUTH_MODE=development', async () => {
    const api = spawn(process.execPath, [API_MAIN], {
      env: {
        PATH: process.env['PATH'],
        SCHAKEL_ENV: 'production',
        AUTH_MODE: 'development',
        AUTH_JWT_SECRET: 'a-secret-of-more-than-thirty-two-characters',
        OIDC_ISSUER: 'https://login.schakel.example',
        OIDC_AUDIENCE: TEST_OIDC_AUDIENCE,
        DATABASE_URL: 'postgres://schakel@127.0.0.1:9/schakel',
        TEMPORAL_ADDRESS: '127.0.0.1:9',
        PORT: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    api.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      // Should the refusal ever regress, the API boots: stop it, and let the assertions below say so.
      if (stdout.includes('Listening on')) api.kill('SIGTERM');
    });
    api.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = (await once(api, 'close')) as [number | null];

    expect({ code, stdout, stderr }).toEqual({
      code: 1,
      stdout: '',
      stderr: 'Invalid configuration:\n  - AUTH_MODE: must not be development when SCHAKEL_ENV=production: production accepts only OIDC tokens (AUTH_MODE=oidc)\n',
    });
  });
});
