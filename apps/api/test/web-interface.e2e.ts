import { randomBytes } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { arrangementBody, LOKET, REGISSEUR, SCHOOL, startReferralBody, toewijzingBody } from '@schakel/domain/testing';
import { ApiTestStack, eventually, secondsFromNow } from './api-e2e.test-helper';
import { LAPTOP, launchChromium, openPage, screenshot, seriousAxeViolations, signInAs, TABLET, untilVisible } from './web-interface.test-helper';

/**
 * The caseworker's web interface in a real browser (issue 8 §4): Debian's Chromium driven by playwright-core
 * against the API listening on a port, with a real worker, Temporal and Postgres behind it. One case goes
 * through the screens in order — the school's form, the loket's queue, the school's arrangement, the
 * regisseur's werkvoorraad, the case page — each screen checked with axe and saved as a screenshot.
 */
describe('web interface in Chromium (real API, Temporal and Postgres)', () => {
  let stack: ApiTestStack;
  let baseUrl: string;
  let browser: Browser;
  const childRef = `lln-web-${randomBytes(4).toString('hex')}`;
  let referralId = '';

  beforeAll(async () => {
    browser = await launchChromium();
    stack = await ApiTestStack.start();
    baseUrl = await stack.listen();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  }, 60_000);

  async function expectAccessible(page: Parameters<typeof seriousAxeViolations>[0]): Promise<void> {
    expect(await seriousAxeViolations(page)).toEqual([]);
  }

  it('serves the interface under / with its own page CSP, while JSON keeps the policy that allows nothing', async () => {
    const page = await fetch(`${baseUrl}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.headers.get('content-security-policy')).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    );
    const json = await fetch(`${baseUrl}/api/health/live`);
    expect(json.headers.get('content-security-policy')).toBe("default-src 'none';frame-ancestors 'none';base-uri 'none';form-action 'none'");
    // The development sign-in issues tokens only from the development signer, only for the listed test users.
    const refused = await fetch(`${baseUrl}/api/dev/tokens`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ user: 'admin' }) });
    expect(refused.status).toBe(400);
  });

  it('lets a school submit a referral through the form, showing inline validation for a bad field first', async () => {
    const { context, page, problems } = await openPage(browser, LAPTOP);
    await signInAs(page, baseUrl, 'Intern begeleider, basisschool 12AB');
    // On a fresh load the first Tab reaches the skip link, and Enter moves focus to the content.
    await page.reload();
    await page.getByRole('button', { name: 'Afmelden' }).waitFor();
    const focused = () =>
      page.evaluate(() => {
        const active = (globalThis as unknown as { document: { activeElement: { id: string; textContent: string } | null } }).document.activeElement;
        return { id: active?.id, textContent: active?.textContent };
      });
    await page.keyboard.press('Tab');
    await expect(focused()).resolves.toEqual(expect.objectContaining({ textContent: 'Naar de inhoud' }));
    await page.keyboard.press('Enter');
    await expect(focused()).resolves.toEqual(expect.objectContaining({ id: 'inhoud' }));
    // The school's navigation offers what the access policy lets a school do, and nothing for other roles.
    const menu = page.getByRole('navigation', { name: 'Hoofdmenu' });
    await expect(menu.getByRole('link').allTextContents()).resolves.toEqual(['Aanmelden', 'Verwijzingen', 'Aanbod']);
    await page.getByRole('link', { name: 'Nieuwe aanmelding' }).click();

    const childField = page.getByLabel('Leerlingreferentie');
    await childField.fill('123456789');
    await childField.blur();
    await expect(page.getByText('Dit lijkt op een BSN').isVisible()).resolves.toBe(true);
    await expect(childField.getAttribute('aria-invalid')).resolves.toBe('true');
    await expectAccessible(page);
    await screenshot(page, 'aanmelden-validatie');

    await childField.fill(childRef);
    await page.getByLabel('Beschrijving van de zorg').fill('Trekt zich terug in de klas');
    await page.getByLabel('De ouders zijn geïnformeerd over deze aanmelding').check();
    await page.getByLabel('De ouders geven toestemming').check();
    await page.getByLabel('Samenvatting van de ondersteuningsvraag').fill('Basisondersteuning is uitgeput; school vraagt om een arrangement.');
    await expect(page.getByText('Dit lijkt op een BSN').count()).resolves.toBe(0);
    // Keyboard only: Enter in a field submits the form.
    await childField.press('Enter');

    await page.getByRole('heading', { name: `Zaak van leerling ${childRef}` }).waitFor();
    await page.getByText('Aanmelding ontvangen').waitFor();
    referralId = decodeURIComponent(new URL(page.url()).hash).replace(/^#\/zaak\//, '').replace(/\?.*$/, '');
    expect(referralId).toMatch(/^[0-9a-f-]{36}$/);
    await expectAccessible(page);
    await screenshot(page, 'zaak-aangemeld');
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  it('lets the loket allocate the referral from its toewijzing queue (tablet width)', async () => {
    const { context, page, problems } = await openPage(browser, TABLET);
    await signInAs(page, baseUrl, 'Loket samenwerkingsverband');
    await page.getByRole('heading', { name: 'Toewijzing', level: 1 }).waitFor();
    const card = () => page.getByRole('article', { name: `Leerling ${childRef}` });
    await untilVisible(page, card);
    await card().getByLabel('Aanbieder').fill('zorg-42');
    await card().getByLabel('Regisseur').fill('regisseur-1');
    await expectAccessible(page);
    await screenshot(page, 'toewijzing-wachtrij');
    await card().getByRole('button', { name: 'Toewijzen' }).click();
    await card().getByText('Toegewezen. De zaak is nu in fase Arrangement.').waitFor();
    await screenshot(page, 'toewijzing-gedaan');
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  it('lets the school draft the arrangement on the case page', async () => {
    const { context, page, problems } = await openPage(browser, LAPTOP);
    await signInAs(page, baseUrl, 'Intern begeleider, basisschool 12AB');
    // The school's own list shows the referral with its stage; the case opens from it.
    const row = () => page.getByRole('row').filter({ hasText: childRef });
    await untilVisible(page, () => row().getByText('Arrangement'));
    await screenshot(page, 'verwijzingen-school');
    await row().getByRole('link', { name: childRef }).click();
    await page.getByLabel('Doelen (één per regel)').fill('Werkt zelfstandig 20 minuten aan een taak\nVraagt hulp aan de leerkracht');
    await page.getByRole('button', { name: 'Arrangement indienen' }).click();
    await page.getByText('Het arrangement is ingediend en wacht op goedkeuring van de regisseur.').waitFor();
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  it("lets the regisseur approve in the werkvoorraad and shows the server's answer; a colleague is not offered the case", async () => {
    const colleague = await openPage(browser, LAPTOP);
    await signInAs(colleague.page, baseUrl, 'Regisseur 2');
    await colleague.page.getByRole('heading', { name: 'Werkvoorraad' }).waitFor();
    await colleague.page.getByText('Geen arrangementen die op uw goedkeuring wachten.').waitFor();
    await colleague.context.close();

    const { context, page, problems } = await openPage(browser, LAPTOP);
    await signInAs(page, baseUrl, 'Regisseur 1');
    await page.getByRole('heading', { name: 'Werkvoorraad' }).waitFor();
    const card = () => page.getByRole('article', { name: `Leerling ${childRef}` });
    await untilVisible(page, card);
    await expectAccessible(page);
    await screenshot(page, 'werkvoorraad');
    await card().getByLabel('Notitie bij goedkeuring (optioneel)').fill('Besproken met ouders');
    await card().getByRole('button', { name: 'Goedkeuren' }).click();
    await card().getByText('Goedgekeurd. De zaak is nu in fase Uitvoering.').waitFor();
    await screenshot(page, 'werkvoorraad-goedgekeurd');
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  it('shows the approval on the case timeline, with who acted, and the child plan (laptop and tablet)', async () => {
    const { context, page, problems } = await openPage(browser, LAPTOP);
    await signInAs(page, baseUrl, 'Regisseur 1');
    await page.goto(`${baseUrl}/#/zaak/${referralId}`);
    const timeline = page.getByRole('list', { name: 'Tijdlijn' });
    await untilVisible(page, () => timeline.getByText('Arrangement goedgekeurd'));
    const approved = timeline.getByRole('listitem').filter({ hasText: 'Arrangement goedgekeurd' });
    await expect(approved.textContent()).resolves.toMatch(/Regisseur regisseur-1.*Fase: Uitvoering.*Besproken met ouders/);
    const steps = await timeline.locator('.timeline-item strong').allTextContents();
    expect(steps.slice(0, 5)).toEqual(['Aangemeld', 'Toewijzing gevraagd', 'Toegewezen', 'Arrangement ingediend', 'Arrangement goedgekeurd']);
    await expect(page.locator('.stage-path [aria-current="step"]').textContent()).resolves.toBe('Uitvoering');
    await page.getByRole('heading', { name: 'Plan van het kind' }).waitFor();
    await expect(page.getByRole('region', { name: 'Plan van het kind' }).textContent()).resolves.toContain('regisseur-1');
    await expectAccessible(page);
    await screenshot(page, 'zaak-tijdlijn');
    await page.setViewportSize(TABLET);
    await expectAccessible(page);
    await screenshot(page, 'zaak-tijdlijn-tablet');
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  it('lets the regisseur record a due evaluation from the werkvoorraad, closing the case', async () => {
    // A case driven through the API up to its evaluation date, a few seconds ahead; the workflow's timer moves it on.
    const evaluatedChild = `lln-eval-${randomBytes(3).toString('hex')}`;
    const started = await stack.as(SCHOOL).post<{ referralId: string }>('/api/referrals', startReferralBody({ childRef: evaluatedChild }));
    expect(started.status).toBe(201);
    const id = started.body.referralId;
    expect((await stack.as(LOKET).post(`/api/referrals/${id}/toewijzing`, toewijzingBody())).status).toBe(200);
    expect((await stack.as(SCHOOL).post(`/api/referrals/${id}/arrangement`, arrangementBody(secondsFromNow(2)))).status).toBe(200);
    expect((await stack.as(REGISSEUR).post(`/api/referrals/${id}/arrangement/approve`, {})).status).toBe(200);
    await eventually(() => stack.as(REGISSEUR).get<{ stage: string }>(`/api/referrals/${id}`), (r) => r.body.stage === 'evaluatie', 30_000, 'stage evaluatie');

    const { context, page, problems } = await openPage(browser, TABLET);
    await signInAs(page, baseUrl, 'Regisseur 1');
    const evaluations = page.getByRole('list', { name: 'Evaluaties' });
    await untilVisible(page, () => evaluations.getByRole('link', { name: `Leerling ${evaluatedChild}` }));
    await evaluations.getByRole('link', { name: `Leerling ${evaluatedChild}` }).click();
    await page.getByLabel('Samenvatting van de evaluatie').fill('Doelen behaald; leerling functioneert weer in de klas.');
    await expectAccessible(page);
    await screenshot(page, 'evaluatie');
    await page.getByRole('button', { name: 'Evaluatie vastleggen' }).click();
    await page.getByText('Evaluatie vastgelegd. De zaak is nu in fase Afgesloten.').waitFor();
    await untilVisible(page, () => page.getByRole('list', { name: 'Tijdlijn' }).getByText('Zaak afgesloten'));
    expect(problems).toEqual([]);
    await context.close();
  }, 90_000);

  it('shows leerplicht the thuiszitter monitor as a chart of counts per duration', async () => {
    const since = new Date(Date.now() - 40 * 86_400_000).toISOString().slice(0, 10);
    const started = await stack.as(SCHOOL).post('/api/referrals', startReferralBody({ childRef: `lln-thuis-${randomBytes(3).toString('hex')}`, thuiszitter: { isThuiszitter: true, since } }));
    expect(started.status).toBe(201);
    const { context, page, problems } = await openPage(browser, LAPTOP);
    await signInAs(page, baseUrl, 'Leerplichtambtenaar');
    await page.getByRole('heading', { name: 'Thuiszitters', level: 1 }).waitFor();
    await expect(page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link').allTextContents()).resolves.toEqual(['Verwijzingen', 'Thuiszitters', 'Wachtlijsten', 'Aanbod']);
    const chart = page.getByRole('img', { name: /Thuiszitters per duur/ });
    await untilVisible(page, () => page.getByRole('img', { name: /4 tot 8 weken 1/ }));
    await expect(chart.isVisible()).resolves.toBe(true);
    // Leerplicht hears of a thuiszitter at once (a notification), and sees the case among the escalations.
    await untilVisible(page, () => page.getByRole('list', { name: 'Meldingen' }).getByRole('listitem'));
    await expectAccessible(page);
    await screenshot(page, 'thuiszitters');
    expect(problems).toEqual([]);
    await context.close();

    // The gemeente sees figures only: the monitor, no case list and no case links.
    const gemeente = await openPage(browser, TABLET);
    await signInAs(gemeente.page, baseUrl, 'Gemeente, beleidsmedewerker');
    await gemeente.page.getByRole('img', { name: /Thuiszitters per duur/ }).waitFor();
    await expect(gemeente.page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link').allTextContents()).resolves.toEqual(['Thuiszitters', 'Wachtlijsten', 'Aanbod']);
    await expect(gemeente.page.getByRole('heading', { name: 'Escalaties' }).count()).resolves.toBe(0);
    expect(await seriousAxeViolations(gemeente.page)).toEqual([]);
    expect(gemeente.problems).toEqual([]);
    await gemeente.context.close();
  }, 60_000);
});
