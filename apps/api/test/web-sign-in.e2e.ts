import type { Browser } from 'playwright-core';
import { REGISSEUR } from '@schakel/domain/testing';
import { ApiTestStack } from './api-e2e.test-helper';
import { PKCE_AUDIENCE, PKCE_CLIENT_ID, TestPkceProvider } from './pkce-provider.test-helper';
import { LAPTOP, launchChromium, openPage, screenshot, seriousAxeViolations } from './web-interface.test-helper';

/**
 * Production sign-in of the web interface (issue 8 §2): with AUTH_MODE=oidc the browser signs in at the
 * configured issuer with the authorization code flow and PKCE (S256), exchanges the code itself, and the API
 * accepts the issuer's access token. The development sign-in does not exist in this mode.
 */
describe('web interface sign-in with OIDC (authorization code + PKCE, in Chromium)', () => {
  let provider: TestPkceProvider;
  let stack: ApiTestStack;
  let baseUrl: string;
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
    provider = await TestPkceProvider.start();
    stack = await ApiTestStack.start({
      withWorker: false,
      env: { AUTH_MODE: 'oidc', OIDC_ISSUER: provider.issuer, OIDC_AUDIENCE: PKCE_AUDIENCE, OIDC_CLIENT_ID: PKCE_CLIENT_ID },
    });
    baseUrl = await stack.listen();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    await provider?.close();
  }, 60_000);

  it('signs a regisseur in at the issuer with PKCE and lands on the werkvoorraad; no development tokens exist', async () => {
    expect((await fetch(`${baseUrl}/api/dev/tokens`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"user":"regisseur"}' })).status).toBe(404);
    // The page may fetch from the issuer (discovery, code exchange), and from nowhere else.
    expect((await fetch(`${baseUrl}/`)).headers.get('content-security-policy')).toContain(`connect-src 'self' ${provider.issuer};`);

    provider.user = REGISSEUR;
    const { context, page, problems } = await openPage(browser, LAPTOP);
    await page.goto(`${baseUrl}/`);
    const login = page.getByRole('button', { name: `Aanmelden via ${new URL(provider.issuer).host}` });
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'aanmelden-oidc');
    await login.click();
    await page.getByRole('heading', { name: 'Werkvoorraad' }).waitFor();
    await expect(page.getByText(`Regisseur: ${REGISSEUR.sub}`).isVisible()).resolves.toBe(true);
    expect(provider.exchanges).toEqual([{ granted: true }]);
    // The code and state are gone from the address bar once exchanged.
    expect(new URL(page.url()).search).toBe('');
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);
});
