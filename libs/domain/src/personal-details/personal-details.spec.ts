import type { Actor } from '../actor/actor';
import { domainErrorCodeOf } from '../errors/domain-error.fixture';
import { LOKET, OTHER_LOKET, OTHER_REGISSEUR, OTHER_SCHOOL, PROVIDER, REGISSEUR, SCHOOL } from '../referral/referral.fixture';
import { LEERPLICHT, VO_SCHOOL } from '../child-plan/child-plan.fixture';
import { ADMIN, GEMEENTE, OPENED, planReferral, planWithRegisseur, REFERRAL_A } from '../child-plan/child-plan.test-helper';
import { assertMayOnPersonalDetails, mayViewPersonalDetails } from './personal-details.access';
import { personalDetailsRequestSchema } from './personal-details.schema';

const VALID = {
  child: { givenNames: 'Noor', familyName: 'van der Berg', birthDate: '2016-04-12' },
  parents: [{ name: "M. d'Oliveira-de Vries", relation: 'ouder', gezag: true, phone: '+31 6 1234 5678' }],
};

const issuesOf = (body: unknown): string[] => {
  const result = personalDetailsRequestSchema.safeParse(body);
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
};

describe('personal details (issue 5 §3)', () => {
  it('accepts a child with a tussenvoegsel and a parent reachable by phone', () => {
    expect(issuesOf(VALID)).toEqual([]);
    expect(personalDetailsRequestSchema.parse({ child: VALID.child }).parents).toEqual([]);
  });

  it.each<[string, unknown, string]>([
    ['a BSN in a name', { ...VALID, child: { ...VALID.child, familyName: '123456782' } }, 'child.familyName'],
    ['digits in a name', { ...VALID, child: { ...VALID.child, givenNames: 'Noor2' } }, 'child.givenNames'],
    ['a BSN field', { ...VALID, child: { ...VALID.child, bsn: '123456782' } }, 'child'],
    ['an impossible date of birth', { ...VALID, child: { ...VALID.child, birthDate: '2016-02-30' } }, 'child.birthDate'],
    ['a parent nobody can reach', { ...VALID, parents: [{ name: 'Jan Jansen', relation: 'ouder', gezag: true }] }, 'parents.0.email'],
    ['a malformed e-mail address', { ...VALID, parents: [{ name: 'Jan Jansen', relation: 'ouder', gezag: true, email: 'jan@' }] }, 'parents.0.email'],
    ['an unknown relation', { ...VALID, parents: [{ name: 'Jan Jansen', relation: 'buurman', gezag: false, email: 'jan@example.nl' }] }, 'parents.0.relation'],
  ])('refuses %s, naming the field', (_what, body, field) => {
    expect(issuesOf(body)).toContain(field);
  });

  it('shows them to those who address the child or the family, and to nobody else', () => {
    const plan = planWithRegisseur().state;
    const sees = (actor: Actor): boolean => mayViewPersonalDetails(actor, plan);
    expect([SCHOOL, LOKET, REGISSEUR, PROVIDER].map(sees)).toEqual([true, true, true, true]);
    expect([OTHER_SCHOOL, OTHER_LOKET, OTHER_REGISSEUR, VO_SCHOOL, LEERPLICHT, GEMEENTE, ADMIN].map(sees)).toEqual([false, false, false, false, false, false, false]);
  });

  it('lets the provider see them only while its referral is open, and never change them', () => {
    const machine = planWithRegisseur();
    expect(domainErrorCodeOf(() => assertMayOnPersonalDetails(PROVIDER, machine.state, 'write'))).toBe('FORBIDDEN');
    machine.registerReferral(planReferral(REFERRAL_A, { closedAt: OPENED.toISOString(), version: 9 }), OPENED);
    expect(domainErrorCodeOf(() => assertMayOnPersonalDetails(PROVIDER, machine.state, 'view'))).toBe('NOT_FOUND');
    expect(domainErrorCodeOf(() => assertMayOnPersonalDetails(SCHOOL, machine.state, 'write'))).toBeUndefined();
  });

  it('shows them to leerplicht once the pupil is a thuiszitter', () => {
    const machine = planWithRegisseur();
    machine.registerReferral(planReferral(REFERRAL_A, { thuiszitter: true, version: 9 }), OPENED);
    expect(mayViewPersonalDetails(LEERPLICHT, machine.state)).toBe(true);
    expect(domainErrorCodeOf(() => assertMayOnPersonalDetails(LEERPLICHT, machine.state, 'write'))).toBe('FORBIDDEN');
  });
});
