import { SignJWT } from 'jose';
import { DomainError, type Actor } from '@schakel/domain';
import { DevTokenSigner } from './dev-token.signer';
import { Hs256TokenVerifier } from './hs256-token.verifier';

const SECRET = 'a-test-secret-that-is-longer-than-32-characters';
const ACTOR: Actor = { sub: 'regisseur-1', role: 'regisseur', org: 'swv-2801', region: 'swv-2801' };
const verifier = new Hs256TokenVerifier(SECRET);
const signer = new DevTokenSigner({ jwtSecret: SECRET, tokenTtlSeconds: 600 });
const encode = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

async function refusal(token: string): Promise<DomainError> {
  try {
    await verifier.verify(token);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected the token to be refused');
}

describe('Hs256TokenVerifier', () => {
  it('yields the actor of a token the development signer issued', async () => {
    await expect(verifier.verify(await signer.sign(ACTOR))).resolves.toEqual(ACTOR);
  });

  it('keeps org and region optional', async () => {
    await expect(verifier.verify(await signer.sign({ sub: 'a-1', role: 'admin' }))).resolves.toEqual({ sub: 'a-1', role: 'admin' });
  });

  it('refuses an expired token', async () => {
    const error = await refusal(await signer.sign(ACTOR, { expiresAt: new Date(Date.now() - 1000) }));
    expect([error.code, error.message]).toEqual(['UNAUTHENTICATED', 'The bearer token has expired']);
  });

  it('refuses a token signed with another secret', async () => {
    const forged = await new DevTokenSigner({ jwtSecret: 'another-secret-that-is-longer-than-32-chars', tokenTtlSeconds: 600 }).sign(ACTOR);
    expect((await refusal(forged)).message).toBe('The bearer token signature is not valid');
  });

  it('refuses an unsigned token (alg none), even with valid claims', async () => {
    const exp = Math.floor(Date.now() / 1000) + 600;
    expect((await refusal(`${encode({ alg: 'none' })}.${encode({ ...ACTOR, exp })}.`)).code).toBe('UNAUTHENTICATED');
  });

  it('refuses another algorithm with the same secret (HS512)', async () => {
    const token = await new SignJWT({ role: 'admin' }).setProtectedHeader({ alg: 'HS512' }).setSubject('x').setExpirationTime('5m').sign(new TextEncoder().encode(SECRET));
    expect((await refusal(token)).message).toBe('The bearer token must be signed with HS256');
  });

  it('refuses a token without expiry', async () => {
    const token = await new SignJWT({ role: 'admin' }).setProtectedHeader({ alg: 'HS256' }).setSubject('x').sign(new TextEncoder().encode(SECRET));
    expect((await refusal(token)).message).toMatch(/exp/);
  });

  it('refuses claims the domain does not know, without echoing them', async () => {
    const token = await new SignJWT({ role: 'directeur', org: 'no spaces allowed' }).setProtectedHeader({ alg: 'HS256' }).setSubject('x').setExpirationTime('5m').sign(new TextEncoder().encode(SECRET));
    const error = await refusal(token);
    expect(error.message).toBe('The bearer token has invalid claims: role, org');
  });

  it('refuses garbage', async () => {
    expect((await refusal('not-a-jwt')).message).toBe('The bearer token is malformed');
  });
});
