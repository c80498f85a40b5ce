import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Client, Connection } from '@temporalio/client';
import type { Browser, Page } from 'playwright-core';
import type { Actor } from '@schakel/domain';
import { aanbodBody, arrangementBody, GEMEENTE, LOKET, REGISSEUR, SCHOOL, startReferralBody, toewijzingBody, wijkteamBody } from '@schakel/domain/testing';
import { wachtlijstWorkflowId } from '@schakel/workflows/contracts';
import { TEST_DATA_CONVERTER } from '../../../tools/src/workflow-spec.test-support';
import type { AanbodListResponseDto, AanbodResponseDto } from '../src/providers/dto/aanbod.response';
import { ApiTestStack, eventually } from './api-e2e.test-helper';
import { LAPTOP, launchChromium, openPage, screenshot, seriousAxeViolations, signInAs, TABLET, untilVisible } from './web-interface.test-helper';

/**
 * The screens of issue 11 in Chromium against the real API, worker, Temporal and Postgres: the provider catalogue
 * (read by everyone, kept by the loket, a stale change refused with 412 and explained), the toewijzing to an aanbod
 * of the catalogue that puts the case on a full aanbod's wachtlijst (the case page shows the place, the position
 * and the overbrugging), the wachtlijst figures, and the parents' view with inzage — their own child only.
 */
describe('issue 11 screens in Chromium (catalogue, wachtlijst, parents)', () => {
  let stack: ApiTestStack;
  let baseUrl: string;
  let browser: Browser;
  let temporal: Client;
  const marker = randomBytes(3).toString('hex');
  const fullName = `OZA De Brug vol ${marker}`;
  const wijkteamName = `Wijkteam Delfshaven ${marker}`;
  const waitingChild = `lln-wacht-${marker}`;
  const ouderChild = `lln-ouder-${marker}`;
  const otherChild = `lln-ander-${marker}`;
  const OUDER: Actor = { sub: `digid-${marker}`, role: 'ouder', children: [ouderChild] };
  let fullAanbodId = '';

  beforeAll(async () => {
    browser = await launchChromium();
    stack = await ApiTestStack.start();
    baseUrl = await stack.listen();
    const connection = await Connection.connect({ address: process.env['TEMPORAL_ADDRESS'] ?? '127.0.0.1:7233' });
    temporal = new Client({ connection, dataConverter: TEST_DATA_CONVERTER });

    // A full onderwijszorgarrangement that fits the fixtures' case (gecombineerd, swv-2801, PO), and a wijkteam
    // (jeugdhulp) that the toewijzing must not offer for the gecombineerd route.
    const full = await stack.as(LOKET).post<AanbodResponseDto>(
      '/api/providers',
      aanbodBody({
        aanbieder: { code: 'oza-debrug', name: 'Stichting De Brug' },
        name: fullName,
        kind: 'onderwijszorgarrangement',
        route: 'gecombineerd',
        funders: ['swv', 'gemeente'],
        sectors: ['PO', 'SBO'],
        capacity: 0,
        intakeRoutes: ['swv_commissie'],
      }),
    );
    expect(full.status).toBe(201);
    fullAanbodId = full.body.id;
    expect((await stack.as(LOKET).post('/api/providers', wijkteamBody({ name: wijkteamName }))).status).toBe(201);

    for (const childRef of [waitingChild, otherChild]) {
      expect((await stack.as(SCHOOL).post('/api/referrals', startReferralBody({ childRef }))).status).toBe(201);
    }
    // The ouder's child: allocated with a note, an arrangement rejected with a reason, drafted again.
    const started = await stack.as(SCHOOL).post<{ referralId: string }>('/api/referrals', startReferralBody({ childRef: ouderChild }));
    expect(started.status).toBe(201);
    const id = started.body.referralId;
    expect((await stack.as(LOKET).post(`/api/referrals/${id}/toewijzing`, toewijzingBody({ note: 'School en zorg samen past het best.' }))).status).toBe(200);
    expect((await stack.as(SCHOOL).post(`/api/referrals/${id}/arrangement`, arrangementBody('2027-03-01'))).status).toBe(200);
    expect((await stack.as(REGISSEUR).post(`/api/referrals/${id}/arrangement/reject`, { reason: 'De doelen zijn nog te algemeen.' })).status).toBe(200);
    await eventually(() => stack.as(OUDER).get(`/api/children/${ouderChild}/ouder-overzicht`), (r) => r.status === 200, 30_000, "the ouder's overzicht");
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    // A wachtlijst never ends by itself; the one started here ends with the test's worker.
    if (fullAanbodId !== '') await temporal?.workflow.getHandle(wachtlijstWorkflowId(fullAanbodId)).terminate('e2e done').catch(() => undefined);
    await temporal?.connection.close();
    await stack?.stop();
  }, 60_000);

  async function expectAccessible(page: Page): Promise<void> {
    expect(await seriousAxeViolations(page)).toEqual([]);
  }

  const navigation = (page: Page) => page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link').allTextContents();

  it('lets the loket add, change and retire an aanbod, explaining a stale change (412) in Dutch', async () => {
    const name = `SO De Vuurtoren ${marker}`;
    const { context, page, problems } = await openPage(browser, LAPTOP);
    await signInAs(page, baseUrl, 'Loket samenwerkingsverband');
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Aanbod' }).click();
    await page.getByRole('heading', { name: 'Aanbod', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Nieuw aanbod' }).click();

    const form = page.getByRole('form', { name: 'Nieuw aanbod' });
    await form.getByLabel('Code van de aanbieder').fill('so-vuurtoren');
    await form.getByLabel('Naam van de aanbieder').fill('Stichting SO De Vuurtoren');
    await form.getByLabel('Naam van het aanbod').fill(name);
    await form.getByLabel('Soort aanbod').selectOption('so');
    // An SO school needs a TLV: the form says so before the API is asked.
    await form.getByRole('button', { name: 'Aanbod toevoegen' }).click();
    await form.getByText('Plaatsing op deze school vraagt een toelaatbaarheidsverklaring').waitFor();
    await form.getByText('Vul een functiemailbox in').waitFor();
    await expect(form.getByLabel('Contact: functiemailbox').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(form.getByLabel('Route', { exact: true }).inputValue()).resolves.toBe('onderwijs');
    await expectAccessible(page);
    await screenshot(page, 'aanbod-nieuw');
    await form.getByLabel('Toelaatbaarheidsverklaring (TLV)').check();
    await form.getByLabel('Capaciteit (plaatsen)').fill('3');
    await form.getByLabel('Contact: functiemailbox').fill('aanmelding@vuurtoren.example');
    await form.getByRole('button', { name: 'Aanbod toevoegen' }).click();
    await page.getByText(`Aanbod “${name}” is toegevoegd.`).waitFor();

    const row = () => page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: new RegExp(name) }) });
    await row().waitFor();
    // Capaciteit, bezet, vrij.
    await expect(row().locator('td.num').allTextContents()).resolves.toEqual(['3', '0', '3']);
    await expect(page.getByRole('row').filter({ hasText: fullName }).locator('td.num').allTextContents()).resolves.toEqual(['0', '0', 'Vol']);
    await expectAccessible(page);
    await screenshot(page, 'aanbod-catalogus');

    // Someone else raises the capacity while the loket's form is open: saving is refused and explained.
    await page.getByRole('button', { name: `${name} wijzigen` }).click();
    const edit = page.getByRole('form', { name: 'Aanbod wijzigen' });
    await page.getByRole('heading', { name: `Aanbod wijzigen: ${name}` }).waitFor();
    await expect(edit.getByLabel('Naam van het aanbod').inputValue()).resolves.toBe(name);
    const list = await stack.as(LOKET).get<AanbodListResponseDto>('/api/providers?limit=100');
    const id = list.body.items.find((item) => item.name === name)?.id ?? '';
    expect((await stack.as(LOKET).patch(`/api/providers/${id}`, { capacity: 4 }, { 'If-Match': '"1"' })).status).toBe(200);
    await edit.getByLabel('Capaciteit (plaatsen)').fill('5');
    await edit.getByRole('button', { name: 'Wijziging opslaan' }).click();
    await page.getByText('Niet opgeslagen: iemand anders heeft dit aanbod gewijzigd nadat u het opende (u bewerkte versie 1).').waitFor();
    await expectAccessible(page);
    await screenshot(page, 'aanbod-412');
    await page.getByRole('button', { name: 'Nieuwste versie laden' }).click();
    await page.getByText('De nieuwste versie is geladen.').waitFor();
    await expect(edit.getByLabel('Capaciteit (plaatsen)').inputValue()).resolves.toBe('4');
    await edit.getByLabel('Capaciteit (plaatsen)').fill('5');
    await edit.getByRole('button', { name: 'Wijziging opslaan' }).click();
    await page.getByText(`Aanbod “${name}” is gewijzigd (versie 3).`).waitFor();
    // The list reloads after the answer: wait for the new capacity and free places before reading the row.
    await row().locator('td.num').filter({ hasText: /^5$/ }).nth(1).waitFor();
    await expect(row().locator('td.num').allTextContents()).resolves.toEqual(['5', '0', '5']);

    await page.getByRole('button', { name: `${name} wijzigen` }).click();
    await page.getByLabel('Reden van beëindiging').fill('Locatie gesloten');
    await page.getByRole('button', { name: 'Aanbod beëindigen' }).click();
    await page.getByText(`Aanbod “${name}” is beëindigd en staat niet meer in de lijst.`).waitFor();
    await row().waitFor({ state: 'detached' });
    expect((await stack.as(LOKET).get<AanbodResponseDto>(`/api/providers/${id}`)).body.retired).toMatchObject({ reason: 'Locatie gesloten' });
    expect(problems).toEqual([`412 PATCH /api/providers/${id}`]);
    await context.close();
  }, 90_000);

  it('shows a school the catalogue to read and filter, without changing it', async () => {
    const { context, page, problems } = await openPage(browser, TABLET);
    await signInAs(page, baseUrl, 'Intern begeleider, basisschool 12AB');
    await expect(navigation(page)).resolves.toEqual(['Aanmelden', 'Verwijzingen', 'Aanbod']);
    await page.goto(`${baseUrl}/#/aanbod`);
    await page.getByRole('row').filter({ hasText: fullName }).waitFor();
    await expect(page.getByRole('button', { name: 'Nieuw aanbod' }).count()).resolves.toBe(0);
    await expect(page.getByRole('columnheader', { name: 'Beheer' }).count()).resolves.toBe(0);
    await page.getByLabel('Alleen met vrije plaatsen').check();
    // The full aanbod leaves the list once the filtered answer is in; the wijkteam with free places stays.
    await page.getByRole('row').filter({ hasText: fullName }).waitFor({ state: 'detached' });
    await expect(page.getByRole('row').filter({ hasText: wijkteamName }).count()).resolves.toBe(1);
    await page.getByLabel('Route', { exact: true }).selectOption('gecombineerd');
    await page.getByText('Geen aanbod dat aan deze filters voldoet.').waitFor();
    await expectAccessible(page);
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  it('lets the loket assign a full aanbod from the catalogue; the case page shows the wachtlijst, the position and the overbrugging', async () => {
    const { context, page, problems } = await openPage(browser, LAPTOP);
    await signInAs(page, baseUrl, 'Loket samenwerkingsverband');
    const card = () => page.getByRole('article', { name: `Leerling ${waitingChild}` });
    await untilVisible(page, card);
    const choice = card().getByLabel('Aanbod uit de catalogus');
    await choice.locator('option', { hasText: fullName }).waitFor({ state: 'attached' });
    // Only aanbod of the case's region, route and sector: the wijkteam (jeugdhulp) is not offered for gecombineerd.
    await expect(choice.locator('option').allTextContents()).resolves.toEqual(['Geen: aanbieder als vrije tekst', `${fullName} — vol, wachtlijst`]);
    await choice.selectOption({ label: `${fullName} — vol, wachtlijst` });
    await expect(card().getByLabel('Aanbieder').count()).resolves.toBe(0);
    await card().getByLabel('Regisseur').fill('regisseur-1');
    await expectAccessible(page);
    await screenshot(page, 'toewijzing-aanbod');
    await card().getByRole('button', { name: 'Toewijzen' }).click();
    await card().getByText(`Toegewezen aan ${fullName}. Het aanbod is vol: de leerling staat op de wachtlijst (fase Wacht op plaats).`).waitFor();

    const waitingList = page.getByRole('list', { name: 'Wachten op een plaats' });
    await untilVisible(page, () => waitingList.getByRole('link', { name: `Leerling ${waitingChild}` }));
    await waitingList.getByRole('link', { name: `Leerling ${waitingChild}` }).click();
    await expect(page.locator('.stage-path [aria-current="step"]').textContent()).resolves.toBe('Wacht op plaats');
    const panel = page.getByRole('region', { name: 'Wachten op een plaats' });
    await panel.getByText(`${fullName} (Onderwijszorgarrangement, Stichting De Brug)`).waitFor();
    await untilVisible(page, () => page.getByRole('list', { name: 'Tijdlijn' }).getByText('Op de wachtlijst geplaatst'));
    await expect(panel.locator('dd').allTextContents()).resolves.toEqual(expect.arrayContaining(['Wacht op een plaats', '1 (bij plaatsing op de wachtlijst)', '0 in totaal, 0 bezet, 0 vrij']));

    await panel.getByLabel('Overbruggingszorg', { exact: true }).selectOption('ambulanteHulp');
    await panel.getByRole('button', { name: 'Overbrugging vastleggen' }).click();
    await panel.getByText('Overbrugging vastgelegd: Ambulante hulp.').waitFor();
    await expect(panel.locator('dd').allTextContents()).resolves.toEqual(expect.arrayContaining(['1 van 1 wachtenden', 'Ambulante hulp']));
    await expectAccessible(page);
    await screenshot(page, 'zaak-wacht-op-plaats');
    expect(problems).toEqual([]);
    await context.close();
  }, 90_000);

  it('shows the gemeente the wachtlijst figures per region and kind as a table with bars', async () => {
    // The list writes its figures to the read model after each change: wait until the overbrugging is counted.
    await eventually(
      () => stack.as(GEMEENTE).get<{ groups: Array<{ kind: string; waiting: number; waitingWithoutOverbrugging: number }> }>('/api/monitor/wachtlijsten'),
      (r) => r.body.groups.some((group) => group.kind === 'onderwijszorgarrangement' && group.waiting === 1 && group.waitingWithoutOverbrugging === 0),
      30_000,
      'the overbrugging in the wachtlijst figures',
    );
    const { context, page, problems } = await openPage(browser, LAPTOP);
    await signInAs(page, baseUrl, 'Gemeente, beleidsmedewerker');
    await expect(navigation(page)).resolves.toEqual(['Thuiszitters', 'Wachtlijsten', 'Aanbod']);
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Wachtlijsten' }).click();
    await page.getByRole('heading', { name: 'Wachtlijsten', level: 1 }).waitFor();
    const row = () => page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Onderwijszorgarrangement' }) });
    await untilVisible(page, row);
    // Regio, wachtend, zonder overbrugging, bruto mediaan/p90/langste, netto mediaan/p90/langste, boven de norm, verlopen.
    const cells = await row().getByRole('cell').allTextContents();
    expect(cells.slice(0, 3)).toEqual(['swv-2801', '1', '0']);
    expect(cells).toHaveLength(11);
    await expect(page.getByRole('columnheader', { name: 'Bruto wachttijd' }).count()).resolves.toBe(1);
    await expect(page.getByRole('columnheader', { name: 'Netto wachttijd' }).count()).resolves.toBe(1);
    // No child is named on the monitor.
    await expect(page.getByText(waitingChild).count()).resolves.toBe(0);
    await expectAccessible(page);
    await screenshot(page, 'wachtlijsten');
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  it("shows an ouder their own child's case in plain Dutch and the inzage to read and download; another child is not found", async () => {
    const { context, page, problems } = await openPage(browser, TABLET);
    await page.goto(`${baseUrl}/`);
    // A reference that is no child's is refused beside the field, by the domain's own rule.
    await page.getByRole('button', { name: 'Aanmelden voor dit kind' }).click();
    await page.locator('#dev-child-error').waitFor();
    await page.getByLabel('Referentie van het kind').fill(ouderChild);
    await page.getByRole('button', { name: 'Aanmelden voor dit kind' }).click();
    await page.getByRole('heading', { name: 'Mijn kind', level: 1 }).waitFor();
    await expect(navigation(page)).resolves.toEqual(['Mijn kind']);
    await page.getByRole('link', { name: `Overzicht van kind ${ouderChild}` }).click();
    await page.getByRole('heading', { name: `Ondersteuning van kind ${ouderChild}` }).waitFor();
    await page.getByText('De regisseur komt van swv-2801.').waitFor();
    await page.getByText('Reden: De doelen zijn nog te algemeen.').waitFor();
    await page.getByText('Reden: School en zorg samen past het best.').waitFor();
    await page.getByText('Volgende stap:').waitFor();
    await expectAccessible(page);
    await screenshot(page, 'ouder-overzicht');

    await page.getByRole('button', { name: 'Inzage vragen' }).click();
    await page.getByText('Uw verzoek om inzage is ontvangen op').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Dossier downloaden (JSON)' }).click()]);
    expect(download.suggestedFilename()).toBe(`dossier-${ouderChild}.json`);
    const dossier = JSON.parse(readFileSync(await download.path(), 'utf8')) as { childRef: string; cases: unknown[] };
    expect({ childRef: dossier.childRef, cases: dossier.cases.length }).toEqual({ childRef: ouderChild, cases: 1 });
    await page.getByText('De gegevens bekijken (JSON)').click();
    await expect(page.getByLabel('Dossier als JSON').textContent()).resolves.toContain(`"childRef": "${ouderChild}"`);
    await expectAccessible(page);
    await screenshot(page, 'ouder-inzage');

    // Another parent's child: the API answers 404, the page says it found nothing, in Dutch.
    await page.getByRole('link', { name: 'Mijn kind' }).first().click();
    await page.getByLabel('Referentie van het kind').fill(otherChild);
    await page.getByRole('button', { name: 'Bekijken' }).click();
    await page.getByText(`Wij vinden geen gegevens van een kind met referentie ${otherChild} bij uw account.`).waitFor();
    await expect(page.getByText('Waar staat het nu:').count()).resolves.toBe(0);
    await expectAccessible(page);
    expect(problems).toEqual(['400 POST /api/dev/tokens', `404 GET /api/children/${otherChild}/ouder-overzicht`]);
    await context.close();
  }, 90_000);
});
