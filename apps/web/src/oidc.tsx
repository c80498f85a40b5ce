/**
 * Production sign-in (issue 8 §2): OpenID Connect authorization code flow with PKCE (RFC 7636, S256), as a
 * public client in the browser. The endpoints come from the issuer's discovery document; the verifier and
 * state live in sessionStorage only for the round trip.
 */
const PENDING_KEY = 'schakel.oidc.pending';

interface Discovery {
  authorization_endpoint: string;
  token_endpoint: string;
}

function base64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomString(): string {
  return base64Url(crypto.getRandomValues(new Uint8Array(32)));
}

async function discover(issuer: string): Promise<Discovery> {
  const response = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
  if (!response.ok) throw new Error(`De identity provider antwoordde ${response.status}`);
  return (await response.json()) as Discovery;
}

function redirectUri(): string {
  return `${location.origin}/`;
}

/** Sends the browser to the issuer's login page. */
export async function startOidcSignIn(issuer: string, clientId: string): Promise<void> {
  const discovery = await discover(issuer);
  const verifier = randomString();
  const state = randomString();
  const challenge = base64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  sessionStorage.setItem(PENDING_KEY, JSON.stringify({ verifier, state }));
  const url = new URL(discovery.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: clientId,
    redirect_uri: redirectUri(),
    scope: 'openid',
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString();
  location.assign(url.toString());
}

/** Back from the issuer with ?code=…&state=…: exchanges the code for an access token, or null when not a callback. */
export async function completeOidcSignIn(issuer: string, clientId: string): Promise<string | null> {
  const params = new URLSearchParams(location.search);
  const code = params.get('code');
  if (code === null) return null;
  const pending = JSON.parse(sessionStorage.getItem(PENDING_KEY) ?? 'null') as { verifier: string; state: string } | null;
  sessionStorage.removeItem(PENDING_KEY);
  history.replaceState(null, '', '/');
  if (pending === null || pending.state !== params.get('state')) throw new Error('Het antwoord van de identity provider hoort niet bij deze aanmelding.');
  const discovery = await discover(issuer);
  const response = await fetch(discovery.token_endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri(), client_id: clientId, code_verifier: pending.verifier }).toString(),
  });
  if (!response.ok) throw new Error(`De identity provider weigerde de code (${response.status})`);
  const tokens = (await response.json()) as { access_token?: string };
  if (!tokens.access_token) throw new Error('De identity provider gaf geen access token.');
  return tokens.access_token;
}
