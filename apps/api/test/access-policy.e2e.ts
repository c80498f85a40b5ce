import { randomBytes } from 'node:crypto';
import { permits, rolesFor, scopesOf, type AccessAction, type Actor, type CaseFacts } from '@schakel/domain';
import {
  ADMIN,
  arrangementBody,
  GEMEENTE,
  LEERPLICHT,
  LOKET,
  OTHER_LOKET,
  OTHER_REGISSEUR,
  OTHER_SCHOOL,
  PROVIDER,
  REGISSEUR,
  SCHOOL,
  scheduleTransitionBody,
  startReferralBody,
  toewijzingBody,
  VO_SCHOOL,
} from '@schakel/domain/testing';
import { ApiTestStack, eventually, type ApiResponse, type ErrorBody } from './api-e2e.test-helper';

/**
 * Issue 5 §2: every role, in and out of scope, against every case endpoint, expecting exactly what the
 * access policy (libs/domain/src/access/access-policy.ts) says. The cases are closed (a withdrawn
 * referral, a cancelled overstap), so a permitted step answers 409 and nothing changes; a role the
 * policy does not list for the endpoint gets 403 from the guard; outside the view scope 404; inside it
 * but without the step 403.
 */
/** The child of the cases below; an ouder's token names it (issue 11 §6). */
const ACL_CHILD = `lln-acl-${randomBytes(4).toString('hex')}`;

const ACTORS: Record<string, Actor> = {
  'school, own': SCHOOL,
  'school, other': OTHER_SCHOOL,
  'school, receiving': VO_SCHOOL,
  'loket, own region': LOKET,
  'loket, other region': OTHER_LOKET,
  'regisseur, assigned': REGISSEUR,
  'regisseur, same region': OTHER_REGISSEUR,
  'regisseur, other region': { sub: 'regisseur-9', role: 'regisseur', org: 'swv-3000', region: 'swv-3000' },
  'provider, allocated': PROVIDER,
  'provider, other': { sub: 'aanbieder-9', role: 'provider', org: 'zorg-99', region: 'swv-2801' },
  'leerplicht, own region': LEERPLICHT,
  'leerplicht, other region': { sub: 'lpa-9', role: 'leerplicht', org: 'gem-0999', region: 'swv-3000' },
  gemeente: GEMEENTE,
  admin: ADMIN,
  'fg (functionaris gegevensbescherming)': { sub: 'fg-1', role: 'fg', org: 'swv-2801', region: 'swv-2801' },
  // Parents by the children their token names (gezag); the young person acting alone is covered in ouders.e2e.ts,
  // as the child's age (set by the personal details below) decides between them.
  'ouder, own child': { sub: 'digid-ouder-1', role: 'ouder', children: ['lln-broertje-1', ACL_CHILD] },
  'ouder, other child': { sub: 'digid-ouder-9', role: 'ouder', children: ['lln-ander-kind-9'] },
};

interface Endpoint {
  action: AccessAction;
  path: string;
  body?: unknown;
  /** A body is POSTed unless said otherwise. */
  method?: 'PUT';
  /** What a permitted request answers; by default 200 for a read and 409 for a step on the closed case. */
  permitted?: number;
}

/** What the policy says one request must answer, for a case the caller may or may not see. */
function expectedStatus(actor: Actor, endpoint: Endpoint, view: AccessAction, facts: CaseFacts, permittedStatus: number): number {
  if (endpoint.action === view) return permits(actor, view, facts) ? permittedStatus : 404;
  if (!rolesFor(endpoint.action).includes(actor.role)) return 403;
  if (permits(actor, endpoint.action, facts)) return permittedStatus;
  // A regisseur of the case's region who does not direct it is told so (NOT_ASSIGNED_REGISSEUR).
  const regionalRegisseur = actor.role === 'regisseur' && actor.region === facts.region && scopesOf(endpoint.action, 'regisseur').includes('assignedRegisseur');
  if (regionalRegisseur || permits(actor, view, facts)) return 403;
  return 404;
}

describe('the access policy through the API: every role × endpoint × scope', () => {
  let stack: ApiTestStack;
  const childRef = ACL_CHILD;
  let referralId: string;

  beforeAll(async () => {
    stack = await ApiTestStack.start({ withWorker: true });
    const created = await stack.as(SCHOOL).post<{ referralId: string }>('/api/referrals', startReferralBody({ childRef }));
    expect(created.status).toBe(201);
    referralId = created.body.referralId;
    expect((await stack.as(LOKET).post(`/api/referrals/${referralId}/toewijzing`, toewijzingBody())).status).toBe(200);
    // The child's plan: an overstap scheduled and called off, so each of its steps meets a closed overstap.
    await eventually(() => stack.as(LOKET).get(`/api/children/${childRef}/plan`), (r) => r.status === 200, 30_000, 'the plan');
    expect((await stack.as(LOKET).post(`/api/children/${childRef}/transitions`, scheduleTransitionBody('2027-08-30'))).status).toBe(201);
    expect((await stack.as(LOKET).post(`/api/children/${childRef}/transitions/overstap-1/cancel`, { reason: 'Ouders kiezen later' })).status).toBe(200);
    expect((await stack.as(LOKET).post(`/api/referrals/${referralId}/withdraw`, { reason: 'Ouders trekken de aanmelding in' })).status).toBe(200);
    await eventually(() => stack.countExecutions(`referral-${referralId}`), (n) => n === 1, 10_000);
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
  }, 60_000);

  const referralFacts = (): CaseFacts => ({ schools: ['12AB'], region: 'swv-2801', regisseurId: REGISSEUR.sub, providerIds: ['zorg-42'], thuiszitter: false, childRef });
  const referralEndpoints = (): Endpoint[] => [
    { action: 'referral.view', path: `/api/referrals/${referralId}` },
    { action: 'referral.view', path: `/api/referrals/${referralId}/events` },
    { action: 'referral.toewijzing', path: `/api/referrals/${referralId}/toewijzing`, body: toewijzingBody() },
    { action: 'referral.arrangement', path: `/api/referrals/${referralId}/arrangement`, body: arrangementBody('2027-03-01') },
    { action: 'referral.approve', path: `/api/referrals/${referralId}/arrangement/approve`, body: {} },
    { action: 'referral.reject', path: `/api/referrals/${referralId}/arrangement/reject`, body: { reason: 'Niet passend' } },
    { action: 'referral.evaluate', path: `/api/referrals/${referralId}/evaluation`, body: { outcome: 'afsluiten', summary: 'Klaar' } },
    { action: 'referral.withdraw', path: `/api/referrals/${referralId}/withdraw`, body: { reason: 'Nogmaals' } },
    { action: 'referral.deadline', path: `/api/referrals/${referralId}/deadlines/toewijzing-1/pause`, body: { reason: 'Wacht' } },
    { action: 'referral.reportThuiszitter', path: `/api/referrals/${referralId}/thuiszitter`, body: { since: '2026-11-02', kind: 'absoluut_verzuim' } },
    // Overbrugging (issue 11 §4): the withdrawn case waits for no place, so a permitted caller meets 409.
    { action: 'referral.overbrugging', path: `/api/referrals/${referralId}/overbrugging`, body: { form: 'ambulanteHulp' } },
    { action: 'referral.overbrugging', path: `/api/referrals/${referralId}/overbrugging/end`, body: {} },
    // Consent gates and the zienswijze (issue 11 §6, ADR 0019): the parent of this child answers, staff record paper.
    { action: 'referral.toestemming', path: `/api/referrals/${referralId}/toestemming`, body: { gateId: 'toestemming-1', besluit: 'toestemming' } },
    { action: 'referral.paperToestemming', path: `/api/referrals/${referralId}/toestemming/paper`, body: { gateId: 'toestemming-1', party: 'ouders', besluit: 'toestemming', signedOn: '2026-11-02', formOnFile: true } },
    { action: 'referral.zienswijze', path: `/api/referrals/${referralId}/zienswijze`, body: { text: 'Wij willen meepraten.' } },
  ];

  /** The plan after the overstap was cancelled: the sending school stays the sender of its own overstap. */
  const planFacts = (): CaseFacts => ({ schools: ['12AB'], sendingSchool: '12AB', region: 'swv-2801', regisseurId: REGISSEUR.sub, providerIds: [], thuiszitter: false, childRef });
  const planEndpoints = (): Endpoint[] => {
    const t = `/api/children/${childRef}/transitions/overstap-1`;
    return [
      { action: 'plan.view', path: `/api/children/${childRef}/plan` },
      { action: 'plan.aanmelding', path: `${t}/aanmelding`, body: { receivedOn: '2026-11-02', supportNeedExpected: true } },
      { action: 'plan.overdracht', path: `${t}/overdracht`, body: { documents: [{ kind: 'onderwijskundig_rapport', reference: 'OSO:okr-1', sentOn: '2026-11-02', channel: 'oso' }], parentsZienswijze: { given: false } } },
      { action: 'plan.tlvApplication', path: `${t}/tlv-application`, body: { appliedOn: '2026-11-02' } },
      { action: 'plan.tlvDecision', path: `${t}/tlv-decision`, body: { decision: 'geweigerd', decidedOn: '2026-11-02', reason: 'Niet nodig' } },
      { action: 'plan.admission', path: `${t}/admission`, body: { outcome: 'toegelaten', decidedOn: '2026-11-02' } },
      { action: 'plan.warmeOverdracht', path: `${t}/warme-overdracht`, body: { heldOn: '2026-11-02', participants: ['mentor', 'intaker'], summary: 'Gesprek' } },
      // The voorschool → PO steps (issue 11 §5) on a school's overstap: no voorschool sends here, so no provider sees it.
      { action: 'plan.voorschoolConsent', path: `${t}/voorschool-consent`, body: { givenOn: '2026-11-02', parentsWithGezag: 1, parentsConsenting: 1, form: 'schriftelijk' } },
      { action: 'plan.voorschoolOverdracht', path: `${t}/voorschool-overdracht`, body: { sentOn: '2026-11-02', ve: null, documents: [] } },
      { action: 'plan.arrangements', path: `${t}/arrangements`, body: { arrangements: [] } },
      { action: 'plan.confirm', path: `${t}/confirm`, body: {} },
      { action: 'plan.cancel', path: `${t}/cancel`, body: { reason: 'Nogmaals' } },
      { action: 'plan.deadline', path: `/api/children/${childRef}/deadlines/overstapBevestiging-1/pause`, body: { reason: 'Wacht' } },
    ];
  };

  async function call(actor: Actor, endpoint: Endpoint): Promise<ApiResponse<unknown>> {
    if (endpoint.body === undefined) return stack.as(actor).get(endpoint.path);
    return endpoint.method === 'PUT' ? stack.as(actor).put(endpoint.path, endpoint.body) : stack.as(actor).post(endpoint.path, endpoint.body);
  }

  /** Every actor against every endpoint: the answers that differ from what the policy says. */
  async function mismatches(endpoints: Endpoint[], view: AccessAction, facts: CaseFacts): Promise<string[]> {
    const found: string[] = [];
    for (const [who, actor] of Object.entries(ACTORS)) {
      for (const endpoint of endpoints) {
        const expected = expectedStatus(actor, endpoint, view, facts, endpoint.permitted ?? (endpoint.body === undefined ? 200 : 409));
        const response = await call(actor, endpoint);
        if (response.status !== expected) found.push(`${who} ${endpoint.action} ${endpoint.path}: ${response.status} (${(response.body as ErrorBody).code ?? ''}), policy says ${expected}`);
      }
    }
    return found;
  }

  it('answers every referral endpoint for every actor exactly as the policy says', async () => {
    expect(await mismatches(referralEndpoints(), 'referral.view', referralFacts())).toEqual([]);
  }, 120_000);

  it("answers every step of the child's plan for every actor exactly as the policy says", async () => {
    expect(await mismatches(planEndpoints(), 'plan.view', planFacts())).toEqual([]);
  }, 120_000);

  it("answers the child's personal details for every actor exactly as the policy says", async () => {
    const path = `/api/children/${childRef}/personal-details`;
    const details = { child: { givenNames: 'Fleur', familyName: 'de Boer', birthDate: '2016-05-01' }, parents: [] };
    expect((await stack.as(SCHOOL).put(path, details)).status).toBe(200);
    // The plan's facts, with the providers of its open referrals (none: the referral was withdrawn).
    const endpoints: Endpoint[] = [
      { action: 'personalDetails.view', path },
      { action: 'personalDetails.write', path, body: details, method: 'PUT', permitted: 200 },
    ];
    expect(await mismatches(endpoints, 'personalDetails.view', planFacts())).toEqual([]);
  }, 120_000);

  it("answers the parents' overzicht and inzage for every actor exactly as the policy says", async () => {
    const endpoints: Endpoint[] = [
      { action: 'child.overzicht', path: `/api/children/${childRef}/ouder-overzicht` },
      { action: 'child.dossier', path: `/api/children/${childRef}/dossier` },
    ];
    // Judged on the plan's facts: outside its view the child does not exist (404), staff are refused by role (403).
    expect(await mismatches(endpoints.map((e) => ({ ...e, permitted: 200 })), 'plan.view', planFacts())).toEqual([]);
  }, 120_000);

  it('lists a case in the work list for exactly the actors whose view scope holds it', async () => {
    for (const [who, actor] of Object.entries(ACTORS)) {
      const list = await stack.as(actor).get<{ items: Array<{ referralId: string }> }>('/api/referrals?limit=100');
      expect({ who, status: list.status, listed: list.body.items.some((i) => i.referralId === referralId) }).toEqual({ who, status: 200, listed: permits(actor, 'referral.view', referralFacts()) });
    }
  });

  it('keeps figures and the system to their roles', async () => {
    for (const [who, actor] of Object.entries(ACTORS)) {
      for (const [action, path] of [['monitor.thuiszitters', '/api/monitor/thuiszitters'], ['monitor.wachtlijsten', '/api/monitor/wachtlijsten'], ['policy.read', '/api/policy'], ['notifications.read', '/api/me/notifications'], ['webhooks.manage', '/api/webhooks'], ['audit.read', `/api/audit?case=${referralId}`], ['provider.view', '/api/providers'], ['inzage.list', '/api/inzage-requests']] as const) {
        const response = await stack.as(actor).get(path);
        expect({ who, path, status: response.status }).toEqual({ who, path, status: rolesFor(action).includes(actor.role) ? 200 : 403 });
      }
    }
  });
});
