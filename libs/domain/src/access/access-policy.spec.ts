import { ACCESS_ACTIONS, ACCESS_POLICY, ACCESS_SCOPES, rolesFor, scopesOf } from './access-policy';
import { permits, type CaseFacts } from './case-scope.predicates';
import { ADMIN, GEMEENTE, LOKET, OTHER_LOKET, OTHER_REGISSEUR, OTHER_SCHOOL, PROVIDER, REGISSEUR, SCHOOL } from '../referral/referral.fixture';

/**
 * The policy as a reviewer signed it off (issue 5 §2). A change to ACCESS_POLICY must change this
 * literal too, on purpose: the end-to-end matrix (apps/api/test/access-policy.e2e.ts) then proves the
 * running system follows the new table.
 */
const SIGNED_OFF: Record<string, string> = {
  'referral.submit': 'school:ownSchool',
  'referral.view': 'school:ownSchool loket:region regisseur:assignedRegisseur provider:allocatedProvider leerplicht:thuiszitterInRegion ouder:ownChild jongere:ownChild',
  'referral.toewijzing': 'loket:region',
  'referral.arrangement': 'school:ownSchool provider:allocatedProvider',
  'referral.approve': 'regisseur:assignedRegisseur',
  'referral.reject': 'regisseur:assignedRegisseur',
  'referral.evaluate': 'regisseur:assignedRegisseur',
  'referral.withdraw': 'school:ownSchool loket:region regisseur:assignedRegisseur',
  'referral.deadline': 'loket:region regisseur:assignedRegisseur',
  'referral.reportThuiszitter': 'school:ownSchool loket:region leerplicht:region',
  'referral.overbrugging': 'loket:region regisseur:assignedRegisseur',
  'referral.toestemming': 'ouder:ownChild jongere:ownChild',
  'referral.paperToestemming': 'loket:region regisseur:assignedRegisseur',
  'referral.zienswijze': 'ouder:ownChild jongere:ownChild',
  'plan.view': 'school:ownSchool,sendingSchool,receivingSchoolAfterAanmelding loket:region regisseur:assignedRegisseur leerplicht:thuiszitterInRegion ouder:ownChild jongere:ownChild provider:sendingVoorschool',
  'plan.schedule': 'school:ownSchool loket:region regisseur:assignedRegisseur',
  'plan.aanmelding': 'school:receivingSchool loket:region',
  'plan.overdracht': 'school:sendingSchool',
  'plan.tlvApplication': 'school:sendingSchool loket:region',
  'plan.tlvDecision': 'loket:region',
  'plan.admission': 'school:receivingSchool',
  'plan.warmeOverdracht': 'school:sendingSchool,receivingSchool regisseur:assignedRegisseur provider:sendingVoorschool',
  'plan.voorschoolConsent': 'provider:sendingVoorschool loket:region',
  'plan.voorschoolOverdracht': 'provider:sendingVoorschool',
  'plan.arrangements': 'loket:region regisseur:assignedRegisseur',
  'plan.confirm': 'loket:region regisseur:assignedRegisseur',
  'plan.cancel': 'school:sendingSchool loket:region regisseur:assignedRegisseur',
  'plan.handover': 'loket:region regisseur:assignedRegisseur',
  'plan.deadline': 'school:receivingSchool loket:region regisseur:assignedRegisseur',
  'personalDetails.view': 'school:ownSchool,sendingSchool,receivingSchoolAfterAanmelding loket:region regisseur:assignedRegisseur provider:allocatedProvider leerplicht:thuiszitterInRegion',
  'personalDetails.write': 'school:ownSchool loket:region regisseur:assignedRegisseur',
  'child.overzicht': 'ouder:ownChild jongere:ownChild',
  'child.dossier': 'ouder:ownChild jongere:ownChild',
  'inzage.list': 'loket:region fg:allRegions',
  'provider.view': 'school:anyone loket:anyone regisseur:anyone provider:anyone leerplicht:anyone gemeente:anyone admin:anyone fg:anyone',
  'provider.manage': 'loket:region admin:allRegions',
  'monitor.thuiszitters': 'gemeente:regionAggregates leerplicht:regionAggregates loket:regionAggregates admin:allRegions',
  'monitor.wachtlijsten': 'gemeente:regionAggregates leerplicht:regionAggregates loket:regionAggregates admin:allRegions',
  'policy.read': 'school:anyone loket:anyone regisseur:anyone provider:anyone leerplicht:anyone gemeente:anyone admin:anyone fg:anyone',
  'notifications.read': 'school:self loket:self regisseur:self provider:self leerplicht:self gemeente:self admin:self fg:self ouder:self jongere:self',
  'audit.read': 'admin:allRegions fg:allRegions',
  'webhooks.manage': 'school:ownOrganisation loket:ownOrganisation regisseur:ownOrganisation provider:ownOrganisation leerplicht:ownOrganisation gemeente:ownOrganisation',
};

describe('ACCESS_POLICY', () => {
  it('is the policy that was signed off, action by action', () => {
    const table = Object.fromEntries(
      Object.entries(ACCESS_POLICY).map(([action, rule]) => [action, Object.entries(rule).map(([role, scopes]) => `${role}:${(scopes as readonly string[]).join(',')}`).join(' ')]),
    );
    expect(table).toEqual(SIGNED_OFF);
  });

  it('names only scopes it defines, and never lets gemeente, admin or fg see case content', () => {
    for (const action of Object.keys(ACCESS_POLICY) as Array<keyof typeof ACCESS_POLICY>) {
      for (const role of rolesFor(action)) for (const scope of scopesOf(action, role)) expect(Object.keys(ACCESS_SCOPES)).toContain(scope);
      if (/^(referral|plan|personalDetails|child)\./.test(action)) expect(rolesFor(action)).not.toEqual(expect.arrayContaining(['gemeente']));
      if (/^(referral|plan|personalDetails|child)\./.test(action)) expect(rolesFor(action)).not.toContain('admin');
      if (/^(referral|plan|personalDetails|child)\./.test(action)) expect(rolesFor(action)).not.toContain('fg');
    }
  });

  it('decides scope on the case: own school, region, assigned regisseur, allocated provider, thuiszitter', () => {
    const facts: CaseFacts = { schools: ['12AB01'], region: 'swv-2801', regisseurId: REGISSEUR.sub, providerIds: ['zorg-42'], thuiszitter: false };
    const sees = (actor: typeof SCHOOL) => permits(actor, 'referral.view', facts);
    // A board code (12AB) covers its vestiging (12AB01).
    expect([SCHOOL, OTHER_SCHOOL, LOKET, OTHER_LOKET, REGISSEUR, OTHER_REGISSEUR, PROVIDER, GEMEENTE, ADMIN].map(sees)).toEqual([true, false, true, false, true, false, true, false, false]);
    const leerplicht = { sub: 'lpa-1', role: 'leerplicht' as const, region: 'swv-2801' };
    expect(permits(leerplicht, 'referral.view', facts)).toBe(false);
    expect(permits(leerplicht, 'referral.view', { ...facts, thuiszitter: true })).toBe(true);
    expect(permits(leerplicht, 'referral.reportThuiszitter', facts)).toBe(true);
  });

  it('lets the voorschool of a voorschool → PO overstap (a provider) see the plan and send its overdracht, nobody else', () => {
    const facts: CaseFacts = { schools: [], sendingVoorschool: 'vs-0042', receivingSchool: '12AB01', region: 'swv-2801', regisseurId: null, providerIds: [], thuiszitter: false };
    const voorschool = { sub: 'pedagogisch-1', role: 'provider' as const, org: 'vs-0042' };
    const otherVoorschool = { sub: 'pedagogisch-2', role: 'provider' as const, org: 'vs-0099' };
    expect(['plan.view', 'plan.voorschoolConsent', 'plan.voorschoolOverdracht', 'plan.warmeOverdracht'].map((a) => permits(voorschool, a as 'plan.view', facts))).toEqual([true, true, true, true]);
    expect(['plan.view', 'plan.voorschoolOverdracht'].map((a) => permits(otherVoorschool, a as 'plan.view', facts))).toEqual([false, false]);
    // A provider allocated to a referral still sees no plan; a school never sends a voorschool overdracht.
    expect(permits(PROVIDER, 'plan.view', { ...facts, sendingVoorschool: undefined, providerIds: [PROVIDER.org ?? ''] })).toBe(false);
    expect(permits({ ...SCHOOL, org: 'vs-0042' }, 'plan.voorschoolOverdracht', facts)).toBe(false);
    expect(permits(LOKET, 'plan.voorschoolConsent', facts)).toBe(true);
  });

  it('lets an ouder or jongere see only the child their token names, and take no step on it', () => {
    const facts: CaseFacts = { schools: ['12AB'], region: 'swv-2801', regisseurId: REGISSEUR.sub, providerIds: [], thuiszitter: false, childRef: 'lln-7f3a9c' };
    const ouder = { sub: 'digid-1', role: 'ouder' as const, children: ['lln-8a2b11', 'lln-7f3a9c'] };
    const otherOuder = { sub: 'digid-2', role: 'ouder' as const, children: ['lln-8a2b11'] };
    expect(['referral.view', 'plan.view', 'child.overzicht', 'child.dossier'].map((a) => permits(ouder, a as 'plan.view', facts))).toEqual([true, true, true, true]);
    expect(['referral.view', 'plan.view', 'child.dossier'].map((a) => permits(otherOuder, a as 'plan.view', facts))).toEqual([false, false, false]);
    // Facts without a child (an older caller) admit no parent at all.
    const { childRef: _omitted, ...withoutChild } = facts;
    expect(permits(ouder, 'plan.view', withoutChild)).toBe(false);
    // Their own answers on a consent gate and their zienswijze (ADR 0019) are the only steps they take.
    const ownSteps = ['referral.toestemming', 'referral.zienswijze'];
    for (const action of ACCESS_ACTIONS.filter((a) => !a.endsWith('.view') && !a.startsWith('child.') && a !== 'notifications.read' && !ownSteps.includes(a))) expect(rolesFor(action)).not.toContain('ouder');
    expect(ownSteps.map((a) => [permits(ouder, a as 'plan.view', facts), permits(otherOuder, a as 'plan.view', facts)])).toEqual([[true, false], [true, false]]);
    // Staff record a signed paper form; they never answer for the family.
    expect(rolesFor('referral.toestemming')).toEqual(['ouder', 'jongere']);
    expect(rolesFor('referral.paperToestemming')).toEqual(['loket', 'regisseur']);
    // Staff never reach the parents' endpoints; parents never reach another role's scope.
    expect(rolesFor('child.dossier')).toEqual(['ouder', 'jongere']);
    expect(permits(SCHOOL, 'child.overzicht', facts)).toBe(false);
  });
});
