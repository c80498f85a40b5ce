import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type JWTPayload } from 'jose';
import type { Actor } from '@schakel/domain';
import { DEFAULT_OIDC_CLAIMS } from '../config/api.config';

export const TEST_OIDC_AUDIENCE = 'schakel-api';

export interface TestSigningKey {
  kid: string;
  alg: 'RS256' | 'ES256';
  privateKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
  publicJwk: JWK;
}

/** An Actor as the identity provider writes it, under the default claim names (DEFAULT_OIDC_CLAIMS). */
export function oidcClaimsOf(actor: Actor): JWTPayload {
  return {
    sub: actor.sub,
    [DEFAULT_OIDC_CLAIMS.role]: actor.role,
    ...(actor.org !== undefined && { [DEFAULT_OIDC_CLAIMS.org]: actor.org }),
    ...(actor.region !== undefined && { [DEFAULT_OIDC_CLAIMS.region]: actor.region }),
    ...(actor.children !== undefined && { [DEFAULT_OIDC_CLAIMS.children]: actor.children }),
  };
}

/**
 * A real OpenID Provider endpoint for tests (issue 5 §1: tests run against a JWKS endpoint served by the test
 * itself): node:http on 127.0.0.1, serving `/.well-known/openid-configuration` and `/jwks.json` with keys
 * generated here, and counting the fetches so tests can show what the verifier caches.
 */
export class TestOidcIssuer {
  readonly requests = { discovery: 0, jwks: 0 };
  /** A provider outage: the discovery endpoint answers 503 while set. */
  discoveryDown = false;
  /** The issuer the discovery document names; by default the one it is served from. */
  discoveryIssuer: string | undefined;
  private published: TestSigningKey[] = [];

  private constructor(private readonly server: Server) {}

  static async start(): Promise<TestOidcIssuer> {
    const server = createServer();
    const issuer = new TestOidcIssuer(server);
    server.on('request', (request, response) => {
      const answer = issuer.answer(request.method, request.url);
      response.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    return issuer;
  }

  get issuer(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  get jwksUrl(): string {
    return `${this.issuer}/jwks.json`;
  }

  /** A new key pair; published in the JWKS unless `publish: false` (a key the provider never announced). */
  async createKey(alg: TestSigningKey['alg'], options: { publish?: boolean } = {}): Promise<TestSigningKey> {
    const { publicKey, privateKey } = await generateKeyPair(alg);
    const kid = `${alg.toLowerCase()}-${randomUUID()}`;
    const key: TestSigningKey = { kid, alg, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
    if (options.publish ?? true) this.publish(key);
    return key;
  }

  publish(key: TestSigningKey): void {
    this.published.push(key);
  }

  withdraw(key: TestSigningKey): void {
    this.published = this.published.filter((published) => published.kid !== key.kid);
  }

  /**
   * A token from this issuer for TEST_OIDC_AUDIENCE, valid for ten minutes; `claims` add to or replace
   * those (a claim set to undefined is left out).
   */
  sign(key: TestSigningKey, claims: JWTPayload): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ iss: this.issuer, aud: TEST_OIDC_AUDIENCE, iat: now, exp: now + 600, ...claims })
      .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' })
      .sign(key.privateKey);
  }

  async close(): Promise<void> {
    const closed = once(this.server, 'close');
    this.server.close();
    // fetch keeps connections alive; without this, close waits for them to time out.
    this.server.closeAllConnections();
    await closed;
  }

  private answer(method: string | undefined, url: string | undefined): { status: number; body: unknown } {
    if (method === 'GET' && url === '/.well-known/openid-configuration') {
      this.requests.discovery += 1;
      if (this.discoveryDown) return { status: 503, body: { error: 'temporarily_unavailable' } };
      return { status: 200, body: { issuer: this.discoveryIssuer ?? this.issuer, jwks_uri: this.jwksUrl, id_token_signing_alg_values_supported: ['RS256', 'ES256'] } };
    }
    if (method === 'GET' && url === '/jwks.json') {
      this.requests.jwks += 1;
      return { status: 200, body: { keys: this.published.map((key) => key.publicJwk) } };
    }
    return { status: 404, body: { error: 'not_found' } };
  }
}
