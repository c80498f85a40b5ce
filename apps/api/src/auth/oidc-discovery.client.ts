import { z } from 'zod';

/** The two fields of an OpenID Provider's metadata that token verification needs. */
const discoveryDocumentSchema = z.object({
  issuer: z.string(),
  jwks_uri: z.url({ protocol: /^https?$/ }),
});

/**
 * Reads the issuer's JWKS URL from its discovery document (OpenID Connect Discovery 1.0 §4). Throws a plain
 * Error naming the URL and what was wrong; the caller decides how the API answers.
 */
export async function discoverJwksUrl(issuer: string, timeoutMs: number): Promise<URL> {
  // §4.1: a terminating "/" of the issuer is removed before the well-known path is appended.
  const url = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  // No redirects, as jose fetches the JWKS itself: the document comes from the configured issuer or not at all.
  const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'error', headers: { accept: 'application/json' } });
  if (response.status !== 200) throw new Error(`${url} answered HTTP ${response.status}`);
  const document = discoveryDocumentSchema.safeParse(await response.json().catch(() => undefined));
  if (!document.success) throw new Error(`${url} is not a discovery document with issuer and jwks_uri`);
  // §4.3: the issuer in the document MUST be identical to the one it was fetched for; a document that names
  // another issuer could hand us that issuer's keys.
  if (document.data.issuer !== issuer) throw new Error(`${url} names another issuer than OIDC_ISSUER`);
  return new URL(document.data.jwks_uri);
}
