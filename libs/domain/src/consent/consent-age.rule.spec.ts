import { ageBandOf, ageInYears } from './child-age.rule';
import { consentRequiredFor, isConsentComplete, missingConsent, CONSENT_DECISIONS } from './consent-age.rule';
import { inzageRefusalReason, mayExerciseInzage } from './inzage-right.rule';
import { inzageDueOn } from './inzage-term.rule';

describe('the child’s age', () => {
  it('counts whole years, the birthday itself included', () => {
    expect(ageInYears('2014-05-10', '2026-05-09')).toBe(11);
    expect(ageInYears('2014-05-10', '2026-05-10')).toBe(12);
    expect(ageInYears('2010-12-31', '2026-01-01')).toBe(15);
  });

  it('gives someone born on 29 February their birthday on 1 March in a common year', () => {
    expect(ageInYears('2012-02-29', '2028-02-28')).toBe(15);
    expect(ageInYears('2012-02-29', '2027-02-28')).toBe(14);
    expect(ageInYears('2012-02-29', '2027-03-01')).toBe(15);
    expect(ageInYears('2012-02-29', '2028-02-29')).toBe(16);
  });

  it('draws the bands at 12, 16 and 18, and refuses an impossible age', () => {
    expect([0, 11, 12, 15, 16, 17, 18, 23].map(ageBandOf)).toEqual(['onder12', 'onder12', 'twaalfTotZestien', 'twaalfTotZestien', 'zestienTotAchttien', 'zestienTotAchttien', 'meerderjarig', 'meerderjarig']);
    expect(() => ageBandOf(-1)).toThrow(RangeError);
    expect(() => ageBandOf(12.5)).toThrow(RangeError);
  });
});

describe('consent by age (DOMAIN.md §3.2, DOMAIN-PROVIDERS.md §4.1)', () => {
  const parties = (decision: (typeof CONSENT_DECISIONS)[number], age: number) => consentRequiredFor(decision, age).required.join('+');

  it('lets the parents decide on sharing data under 12, parents and child together from 12 to 15, the young person alone from 16', () => {
    expect([11, 12, 15, 16, 17].map((age) => parties('gegevensdeling', age))).toEqual(['ouders', 'ouders+jongere', 'ouders+jongere', 'jongere', 'jongere']);
  });

  it('applies the same bands to jeugdhulp itself, with every parent with gezag', () => {
    expect([11, 14, 16].map((age) => parties('jeugdhulp', age))).toEqual(['ouders', 'ouders+jongere', 'jongere']);
    expect(consentRequiredFor('jeugdhulp', 9).parents).toBe('all');
  });

  it('keeps the OPP handelingsdeel with the parents until 18, hearing the pupil at every age', () => {
    expect([8, 13, 17].map((age) => consentRequiredFor('oppHandelingsdeel', age))).toEqual(
      [8, 13, 17].map(() => expect.objectContaining({ required: ['ouders'], heard: ['jongere'] })),
    );
    expect(consentRequiredFor('oppHandelingsdeel', 18)).toMatchObject({ required: ['jongere'], parents: null });
  });

  it('needs one parent with gezag to sign a TLV application, and lets a pupil of 16 object', () => {
    expect(consentRequiredFor('tlvAanvraag', 11)).toMatchObject({ required: ['ouders'], parents: 'one', mayObject: ['ouders'] });
    expect(consentRequiredFor('tlvAanvraag', 16)).toMatchObject({ required: ['ouders'], mayObject: ['ouders', 'jongere'] });
  });

  it('lets an MBO student of 16 agree to extra support alone, a younger one with a parent', () => {
    expect([15, 16].map((age) => parties('mboOndersteuning', age))).toEqual(['ouders+jongere', 'jongere']);
  });

  it('leaves the voorschool overdracht to the parents', () => {
    expect(parties('voorschoolOverdracht', 3)).toBe('ouders');
  });

  it('is complete only with everyone required: both parents with joint gezag, one where one suffices', () => {
    const sharing = consentRequiredFor('gegevensdeling', 13);
    expect(isConsentComplete(sharing, { jongere: true, parentsWithGezag: 2, parentsConsenting: 1 })).toBe(false);
    expect(missingConsent(sharing, { jongere: false, parentsWithGezag: 2, parentsConsenting: 2 })).toEqual(['jongere']);
    expect(isConsentComplete(sharing, { jongere: true, parentsWithGezag: 2, parentsConsenting: 2 })).toBe(true);
    expect(isConsentComplete(consentRequiredFor('tlvAanvraag', 10), { jongere: false, parentsWithGezag: 2, parentsConsenting: 1 })).toBe(true);
    expect(isConsentComplete(consentRequiredFor('gegevensdeling', 17), { jongere: true, parentsWithGezag: 2, parentsConsenting: 0 })).toBe(true);
  });

  it('never completes a parents’ consent for a child without a parent with gezag', () => {
    expect(isConsentComplete(consentRequiredFor('jeugdhulp', 5), { jongere: false, parentsWithGezag: 0, parentsConsenting: 0 })).toBe(false);
    expect(() => isConsentComplete(consentRequiredFor('jeugdhulp', 5), { jongere: false, parentsWithGezag: 1, parentsConsenting: 2 })).toThrow(RangeError);
  });
});

describe('inzage (AVG art. 15)', () => {
  it('belongs to the parents under 16 and to the young person from 12', () => {
    expect([11, 12, 15, 16].map((age) => mayExerciseInzage('ouder', age))).toEqual([true, true, true, false]);
    expect([11, 12, 15, 16].map((age) => mayExerciseInzage('jongere', age))).toEqual([false, true, true, true]);
  });

  it('leaves it to the gezag in the token when no date of birth is on record', () => {
    expect(mayExerciseInzage('ouder', null)).toBe(true);
    expect(mayExerciseInzage('jongere', null)).toBe(true);
    expect(inzageRefusalReason('ouder')).toMatch(/16/);
  });

  it('is due one calendar month after receipt, on the month’s last day when it has no such day', () => {
    expect(inzageDueOn('2026-11-23')).toBe('2026-12-23');
    expect(inzageDueOn('2026-12-15')).toBe('2027-01-15');
    expect(inzageDueOn('2027-01-31')).toBe('2027-02-28');
    expect(inzageDueOn('2028-01-31')).toBe('2028-02-29');
    expect(inzageDueOn('2026-11-23', 2)).toBe('2027-02-23');
  });
});
