import { createHash, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import type { Actor } from '@schakel/domain';
import { oidcClaimsOf } from '../src/auth/oidc-issuer.test-helper';

export const PKCE_CLIENT_ID = 'schakel-web';
export const PKCE_AUDIENCE = 'schakel-api';

/**
 * A small OpenID Provider with a login the browser can walk through (issue 8 §2): discovery, JWKS, an
 * authorization endpoint that signs `user` in at once and redirects back with a code, and a token endpoint
 * that gives the access token only for the right PKCE verifier (RFC 7636, S256). It answers cross-origin
 * requests, as a provider serving a browser client must.
 */
export class TestPkceProvider {
  /** Who the next login is; the provider asks no password. */
  user: Actor | undefined;
  readonly exchanges: Array<{ granted: boolean; reason?: string }> = [];
  private readonly codes = new Map<string, { challenge: string; method: string; redirectUri: string; clientId: string; user: Actor }>();

  private constructor(
    private readonly server: Server,
    private readonly key: { kid: string; privateKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey']; publicJwk: JWK },
  ) {}

  static async start(): Promise<TestPkceProvider> {
    const { publicKey, privateKey } = await generateKeyPair('ES256');
    const kid = `es256-${randomUUID()}`;
    const server = createServer();
    const provider = new TestPkceProvider(server, { kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' } });
    server.on('request', (request, response) => void provider.handle(request, response));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    return provider;
  }

  get issuer(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    const closed = once(this.server, 'close');
    this.server.close();
    this.server.closeAllConnections();
    await closed;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.issuer);
    const json = (status: number, body: unknown): void => {
      response.writeHead(status, { 'content-type': 'application/json', 'access-control-allow-origin': '*' }).end(JSON.stringify(body));
    };
    if (request.method === 'GET' && url.pathname === '/.well-known/openid-configuration') {
      return json(200, {
        issuer: this.issuer,
        jwks_uri: `${this.issuer}/jwks.json`,
        authorization_endpoint: `${this.issuer}/authorize`,
        token_endpoint: `${this.issuer}/token`,
        code_challenge_methods_supported: ['S256'],
      });
    }
    if (request.method === 'GET' && url.pathname === '/jwks.json') return json(200, { keys: [this.key.publicJwk] });
    if (request.method === 'GET' && url.pathname === '/authorize') {
      const q = url.searchParams;
      const redirectUri = q.get('redirect_uri');
      if (q.get('response_type') !== 'code' || q.get('client_id') !== PKCE_CLIENT_ID || redirectUri === null || !q.get('code_challenge') || this.user === undefined) {
        return json(400, { error: 'invalid_request' });
      }
      const code = randomUUID();
      this.codes.set(code, { challenge: q.get('code_challenge') ?? '', method: q.get('code_challenge_method') ?? 'plain', redirectUri, clientId: PKCE_CLIENT_ID, user: this.user });
      const back = new URL(redirectUri);
      back.searchParams.set('code', code);
      back.searchParams.set('state', q.get('state') ?? '');
      response.writeHead(302, { location: back.toString() }).end();
      return;
    }
    if (request.method === 'POST' && url.pathname === '/token') {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const grant = this.codes.get(form.get('code') ?? '');
      const verifier = form.get('code_verifier') ?? '';
      const refuse = (reason: string) => {
        this.exchanges.push({ granted: false, reason });
        json(400, { error: 'invalid_grant', error_description: reason });
      };
      if (form.get('grant_type') !== 'authorization_code' || grant === undefined) return refuse('unknown code');
      this.codes.delete(form.get('code') ?? '');
      if (grant.method !== 'S256') return refuse('only S256');
      if (createHash('sha256').update(verifier).digest('base64url') !== grant.challenge) return refuse('code_verifier does not match');
      if (form.get('redirect_uri') !== grant.redirectUri || form.get('client_id') !== grant.clientId) return refuse('redirect_uri or client_id differs');
      const now = Math.floor(Date.now() / 1000);
      const accessToken = await new SignJWT({ ...oidcClaimsOf(grant.user), iss: this.issuer, aud: PKCE_AUDIENCE, iat: now, exp: now + 600 })
        .setProtectedHeader({ alg: 'ES256', kid: this.key.kid, typ: 'JWT' })
        .sign(this.key.privateKey);
      this.exchanges.push({ granted: true });
      return json(200, { access_token: accessToken, token_type: 'Bearer', expires_in: 600 });
    }
    json(404, { error: 'not_found' });
  }
}
