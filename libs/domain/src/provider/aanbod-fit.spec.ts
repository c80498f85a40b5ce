import { ageInYearsOn, judgeAanbodFit, type AanbodCaseFacts, type AanbodFitFacts } from './aanbod-fit.rule';
import { aanbodBody, wijkteamBody } from './aanbod.fixture';

const stored = (body = aanbodBody()): AanbodFitFacts => ({ ...body, wijken: body.wijken ?? [], retired: null });

/** A PO pupil of 9 in the fixtures' region, on the onderwijs route. */
const CASE: AanbodCaseFacts = { route: 'onderwijs', region: 'swv-2801', sector: 'PO', ageInYears: 9 };

const criteria = (aanbod: AanbodFitFacts, facts: AanbodCaseFacts): string[] => judgeAanbodFit(aanbod, facts).map((misfit) => misfit.criterion);

describe('whether an aanbod fits a case (issue 11 §1, for the toewijzing of §2)', () => {
  it('fits a case of its route, region, sector and age, also when it is full', () => {
    expect(judgeAanbodFit(stored(), CASE)).toEqual([]);
    // A full aanbod puts the case on its wachtlijst (issue 11 §2); capacity is no reason not to fit.
    expect(judgeAanbodFit(stored(aanbodBody({ capacity: 0 })), CASE)).toEqual([]);
  });

  it.each<[string, AanbodCaseFacts, string]>([
    ['another route', { ...CASE, route: 'jeugdhulp' }, 'route'],
    ['another region', { ...CASE, region: 'swv-2001' }, 'region'],
    ['a sector it does not serve', { ...CASE, sector: 'VO' }, 'sector'],
    ['a child too young', { ...CASE, ageInYears: 3 }, 'age'],
    ['a child too old', { ...CASE, ageInYears: 14 }, 'age'],
  ])('does not fit %s, and says why', (_what, facts, criterion) => {
    expect(criteria(stored(), facts)).toEqual([criterion]);
  });

  it('gives every reason at once, in a fixed order', () => {
    const misfits = judgeAanbodFit(stored(), { route: 'jeugdhulp', region: 'swv-2001', sector: 'MBO', ageInYears: 17 });
    expect(misfits.map((m) => m.criterion)).toEqual(['route', 'region', 'sector', 'age']);
    expect(misfits[3]?.message).toBe('SO De Vuurtoren (cluster 3) serves ages 4-13, the child is 17');
  });

  it('includes both ends of the age range', () => {
    expect(criteria(stored(), { ...CASE, ageInYears: 4 })).toEqual([]);
    expect(criteria(stored(), { ...CASE, ageInYears: 13 })).toEqual([]);
  });

  it('judges the wijk only when the aanbod serves named wijken and the case knows its wijk', () => {
    const team = stored(wijkteamBody());
    const jeugdhulp: AanbodCaseFacts = { ...CASE, route: 'jeugdhulp' };
    expect(criteria(team, { ...jeugdhulp, wijk: 'Spangen' })).toEqual([]);
    expect(criteria(team, { ...jeugdhulp, wijk: ' spangen ' })).toEqual([]);
    expect(criteria(team, { ...jeugdhulp, wijk: 'Feijenoord' })).toEqual(['wijk']);
    expect(criteria(team, jeugdhulp)).toEqual([]);
    expect(criteria(stored(), { ...CASE, wijk: 'Feijenoord' })).toEqual([]);
  });

  it('does not fit once retired', () => {
    const retired = { ...stored(), retired: { at: '2026-12-01T10:00:00.000Z', by: { sub: 'loket-1', role: 'loket' as const }, reason: 'Locatie gesloten' } };
    expect(judgeAanbodFit(retired, CASE)).toEqual([{ criterion: 'retired', message: 'SO De Vuurtoren (cluster 3) is no longer offered (retired on 2026-12-01)' }]);
  });

  it('counts age in whole years from the birthday itself', () => {
    expect(ageInYearsOn('2016-04-12', '2026-04-11')).toBe(9);
    expect(ageInYearsOn('2016-04-12', '2026-04-12')).toBe(10);
    expect(ageInYearsOn('2016-04-12', '2016-04-12')).toBe(0);
    expect(ageInYearsOn('2016-02-29', '2027-02-28')).toBe(10);
    expect(ageInYearsOn('2016-02-29', '2027-03-01')).toBe(11);
    expect(ageInYearsOn('2016-02-29', '2028-02-29')).toBe(12);
  });
});
