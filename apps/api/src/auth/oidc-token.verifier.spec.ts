import { SignJWT } from 'jose';
import { UpstreamUnavailableError } from '../errors/upstream-unavailable.error';
import { DomainError, type Actor } from '@schakel/domain';
import { DEFAULT_OIDC_CLAIMS, type OidcConfig } from '../config/api.config';
import { oidcClaimsOf, TEST_OIDC_AUDIENCE, TestOidcIssuer, type TestSigningKey } from './oidc-issuer.test-helper';
import { OidcTokenVerifier, type OidcKeySetOptions } from './oidc-token.verifier';

const LOKET: Actor = { sub: 'loket-1', role: 'loket', org: 'swv-2801', region: 'swv-2801' };
const encode = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
const nowSeconds = (): number => Math.floor(Date.now() / 1000);

describe('OidcTokenVerifier against a JWKS endpoint served by the test', () => {
  let idp: TestOidcIssuer;
  let rsa: TestSigningKey;
  let ec: TestSigningKey;

  beforeEach(async () => {
    idp = await TestOidcIssuer.start();
    rsa = await idp.createKey('RS256');
    ec = await idp.createKey('ES256');
  });

  afterEach(async () => {
    await idp.close();
  });

  function verifierFor(config: Partial<OidcConfig> = {}, keySet: Partial<OidcKeySetOptions> = {}): OidcTokenVerifier {
    return new OidcTokenVerifier({ issuer: idp.issuer, audience: TEST_OIDC_AUDIENCE, jwksUrl: undefined, clockToleranceSeconds: 30, claims: { ...DEFAULT_OIDC_CLAIMS }, ...config }, keySet);
  }

  /** The refusal, checked to be UNAUTHENTICATED and to echo no part of the token. */
  /** The identity provider could not be reached: not the token's fault, so 503 (UpstreamUnavailableError), not 401. */
  async function unavailable(token: string, verifier = verifierFor()): Promise<string> {
    const error: unknown = await verifier.verify(token).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamUnavailableError);
    return (error as UpstreamUnavailableError).message;
  }

  async function refusal(token: string, verifier = verifierFor()): Promise<string> {
    try {
      await verifier.verify(token);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      expect(error.code).toBe('UNAUTHENTICATED');
      for (const part of token.split('.').filter((p) => p.length > 0)) expect(error.message).not.toContain(part);
      return error.message;
    }
    throw new Error('expected the token to be refused');
  }

  describe('accepts', () => {
    it('yields the actor of an RS256 token from the issuer', async () => {
      await expect(verifierFor().verify(await idp.sign(rsa, oidcClaimsOf(LOKET)))).resolves.toEqual(LOKET);
    });

    it('yields the actor of an ES256 token from the issuer', async () => {
      await expect(verifierFor().verify(await idp.sign(ec, oidcClaimsOf(LOKET)))).resolves.toEqual(LOKET);
    });

    it('keeps org and region optional', async () => {
      await expect(verifierFor().verify(await idp.sign(rsa, oidcClaimsOf({ sub: 'admin-1', role: 'admin' })))).resolves.toEqual({ sub: 'admin-1', role: 'admin' });
    });

    it('reads the role from the configured claim only, not from a claim that happens to be called role', async () => {
      const token = await idp.sign(rsa, { ...oidcClaimsOf({ sub: 'ib-1', role: 'school' }), role: 'admin' });
      await expect(verifierFor().verify(token)).resolves.toEqual({ sub: 'ib-1', role: 'school' });
    });

    it('maps claims named by the configuration', async () => {
      const claims = { role: 'https://schakel.nl/role', org: 'https://schakel.nl/org', region: 'https://schakel.nl/region', children: 'https://schakel.nl/children' };
      const token = await idp.sign(rsa, { sub: 'loket-1', [claims.role]: 'loket', [claims.org]: 'swv-2801', [claims.region]: 'swv-2801' });
      await expect(verifierFor({ claims }).verify(token)).resolves.toEqual(LOKET);
      // An ouder's children, by pseudonymous reference (ADR 0016).
      const ouder = await idp.sign(rsa, { sub: 'digid-1', [claims.role]: 'ouder', [claims.children]: ['lln-7f3a9c'] });
      await expect(verifierFor({ claims }).verify(ouder)).resolves.toEqual({ sub: 'digid-1', role: 'ouder', children: ['lln-7f3a9c'] });
      const bsn = await idp.sign(rsa, { sub: 'digid-1', [claims.role]: 'ouder', [claims.children]: ['123456782'] });
      await expect(verifierFor({ claims }).verify(bsn)).rejects.toThrow('The bearer token has invalid claims: https://schakel.nl/children');
    });

    it('accepts a token that expired within the clock tolerance', async () => {
      const token = await idp.sign(rsa, { ...oidcClaimsOf(LOKET), iat: nowSeconds() - 600, exp: nowSeconds() - 10 });
      await expect(verifierFor({ clockToleranceSeconds: 30 }).verify(token)).resolves.toEqual(LOKET);
      expect(await refusal(token, verifierFor({ clockToleranceSeconds: 0 }))).toBe('The bearer token has expired');
    });
  });

  describe('refuses', () => {
    it('a token from another issuer, saying the issuer check failed', async () => {
      const token = await idp.sign(rsa, { ...oidcClaimsOf(LOKET), iss: 'https://evil.example' });
      expect(await refusal(token)).toBe('The bearer token failed the issuer (iss) check: it was not issued by the configured issuer');
    });

    it('a token for another audience, saying the audience check failed', async () => {
      const token = await idp.sign(rsa, { ...oidcClaimsOf(LOKET), aud: 'another-api' });
      expect(await refusal(token)).toBe('The bearer token failed the audience (aud) check: it is not meant for this API');
    });

    it('an expired token', async () => {
      const token = await idp.sign(rsa, { ...oidcClaimsOf(LOKET), iat: nowSeconds() - 3600, exp: nowSeconds() - 120 });
      expect(await refusal(token)).toBe('The bearer token has expired');
    });

    it('a token that is not valid yet', async () => {
      const token = await idp.sign(rsa, { ...oidcClaimsOf(LOKET), nbf: nowSeconds() + 600 });
      expect(await refusal(token)).toBe('The bearer token is not valid yet (nbf)');
    });

    it('a token without expiry', async () => {
      expect(await refusal(await idp.sign(rsa, { ...oidcClaimsOf(LOKET), exp: undefined }))).toBe('The bearer token has no exp claim');
    });

    it('an HS256 token keyed with the published public key (algorithm confusion), without fetching keys', async () => {
      const token = await new SignJWT(oidcClaimsOf(LOKET))
        .setProtectedHeader({ alg: 'HS256', kid: rsa.kid })
        .setIssuer(idp.issuer)
        .setAudience(TEST_OIDC_AUDIENCE)
        .setExpirationTime('5m')
        .sign(new TextEncoder().encode(JSON.stringify(rsa.publicJwk)));
      expect(await refusal(token)).toBe('The bearer token must be signed with RS256 or ES256');
      expect(idp.requests).toEqual({ discovery: 0, jwks: 0 });
    });

    it('an unsigned token (alg none)', async () => {
      const token = `${encode({ alg: 'none', kid: rsa.kid })}.${encode({ ...oidcClaimsOf(LOKET), iss: idp.issuer, aud: TEST_OIDC_AUDIENCE, exp: nowSeconds() + 600 })}.`;
      expect(await refusal(token)).toBe('The bearer token must be signed with RS256 or ES256');
    });

    it('a token signed with a key the issuer does not publish (unknown kid)', async () => {
      const unpublished = await idp.createKey('RS256', { publish: false });
      expect(await refusal(await idp.sign(unpublished, oidcClaimsOf(LOKET)))).toBe('The bearer token is signed with a key the issuer does not publish (unknown kid)');
    });

    it('a token whose claims were changed after signing', async () => {
      const [header, , signature] = (await idp.sign(rsa, oidcClaimsOf(LOKET))).split('.');
      const tampered = `${header}.${encode({ ...oidcClaimsOf({ ...LOKET, role: 'admin' }), iss: idp.issuer, aud: TEST_OIDC_AUDIENCE, exp: nowSeconds() + 600 })}.${signature}`;
      expect(await refusal(tampered)).toBe('The bearer token signature is not valid');
    });

    it('a token whose signature was made by another key under a published kid', async () => {
      const impostor = await idp.createKey('RS256', { publish: false });
      expect(await refusal(await idp.sign({ ...impostor, kid: rsa.kid }, oidcClaimsOf(LOKET)))).toBe('The bearer token signature is not valid');
    });

    it('a token without the role claim', async () => {
      expect(await refusal(await idp.sign(rsa, { sub: 'loket-1', schakel_org: 'swv-2801' }))).toBe('The bearer token is missing claims: schakel_role');
    });

    it('a role the domain does not know, without echoing it', async () => {
      const message = await refusal(await idp.sign(rsa, { ...oidcClaimsOf(LOKET), schakel_role: 'directeur' }));
      expect(message).toBe('The bearer token has invalid claims: schakel_role');
    });

    it('a token without sub', async () => {
      expect(await refusal(await idp.sign(rsa, { ...oidcClaimsOf(LOKET), sub: undefined }))).toBe('The bearer token has no sub claim');
    });

    it('garbage', async () => {
      expect(await refusal('not-a-jwt')).toBe('The bearer token is malformed');
    });
  });

  describe('the issuer keys', () => {
    it('discovers the JWKS URL once and fetches the keys once for many tokens', async () => {
      const verifier = verifierFor();
      for (const key of [rsa, ec, rsa]) await expect(verifier.verify(await idp.sign(key, oidcClaimsOf(LOKET)))).resolves.toEqual(LOKET);
      expect(idp.requests).toEqual({ discovery: 1, jwks: 1 });
    });

    it('uses OIDC_JWKS_URL without discovery when it is set', async () => {
      await expect(verifierFor({ jwksUrl: idp.jwksUrl }).verify(await idp.sign(rsa, oidcClaimsOf(LOKET)))).resolves.toEqual(LOKET);
      expect(idp.requests).toEqual({ discovery: 0, jwks: 1 });
    });

    it('refuses keys from a discovery document that names another issuer (OIDC Discovery §4.3)', async () => {
      idp.discoveryIssuer = 'https://evil.example';
      expect(await unavailable(await idp.sign(rsa, oidcClaimsOf(LOKET)))).toBe("The bearer token cannot be checked now: the identity provider's signing keys could not be fetched");
      expect(idp.requests.jwks).toBe(0);
    });

    it('retries a failed discovery on the next token instead of caching the failure', async () => {
      const verifier = verifierFor();
      const token = await idp.sign(rsa, oidcClaimsOf(LOKET));
      idp.discoveryDown = true;
      expect(await unavailable(token, verifier)).toMatch(/signing keys could not be fetched/);
      idp.discoveryDown = false;
      await expect(verifier.verify(token)).resolves.toEqual(LOKET);
      expect(idp.requests.discovery).toBe(2);
    });

    it('refuses tokens while the keys cannot be fetched', async () => {
      const token = await idp.sign(rsa, oidcClaimsOf(LOKET));
      const unreachable = verifierFor({ jwksUrl: `${idp.issuer}/no-such-jwks.json` });
      expect(await unavailable(token, unreachable)).toBe("The bearer token cannot be checked now: the identity provider's signing keys could not be fetched");
    });
  });

  describe('key rotation', () => {
    it('accepts a token signed with a newly published key and refuses the withdrawn key after the refetch', async () => {
      const verifier = verifierFor({}, { cooldownMs: 0 });
      const oldToken = await idp.sign(rsa, oidcClaimsOf(LOKET));
      await expect(verifier.verify(oldToken)).resolves.toEqual(LOKET);

      const next = await idp.createKey('RS256');
      idp.withdraw(rsa);
      await expect(verifier.verify(await idp.sign(next, oidcClaimsOf(LOKET)))).resolves.toEqual(LOKET);
      expect(idp.requests.jwks).toBe(2);
      expect(await refusal(oldToken, verifier)).toBe('The bearer token is signed with a key the issuer does not publish (unknown kid)');
    });

    it('refetches for an unknown kid at most once per cooldown, so made-up kids cannot flood the provider', async () => {
      const verifier = verifierFor({}, { cooldownMs: 60_000 });
      await expect(verifier.verify(await idp.sign(rsa, oidcClaimsOf(LOKET)))).resolves.toEqual(LOKET);
      const stranger = await idp.createKey('RS256', { publish: false });
      for (let i = 0; i < 3; i += 1) await refusal(await idp.sign(stranger, oidcClaimsOf(LOKET)), verifier);
      expect(idp.requests.jwks).toBe(1);
    });
  });
});
