import { domainErrorCodeOf } from '../errors/domain-error.fixture';
import { HOLIDAY_REGIONS, type HolidayRegion } from './holiday-region.data';
import { addTerm, atwAppliesTo, type TermUnit } from './term.calculator';


const midden = { region: 'midden' as const };
const atw = { region: 'midden' as const, atw: true };

describe('addTerm', () => {
  it('counts kalenderdagen and weken from the day after the start: the last day is start + n', () => {
    // Awb 8-week reasonable beslistermijn: received ma 2025-10-27 → ma 2025-12-22 (CALENDAR.md §5 [D]).
    expect(addTerm('2025-10-27', { amount: 8, unit: 'weken' }, midden)).toBe('2025-12-22');
    expect(addTerm('2025-10-27', { amount: 56, unit: 'kalenderdagen' }, midden)).toBe('2025-12-22');
    // VO admission decision within 6 weeks of the aanmeldweek: 2025-03-31 + 42 days = 2025-05-12 (CALENDAR.md §7.1 [D]).
    expect(addTerm('2025-03-31', { amount: 6, unit: 'weken' }, midden)).toBe('2025-05-12');
    expect(addTerm('2025-03-31', { amount: 0, unit: 'weken' }, midden)).toBe('2025-03-31');
  });

  it('applies the Atw only when asked', () => {
    // Six weeks from Sat 21 Nov 2026 end on Saturday 2 Jan 2027 → Monday 4 Jan with the Atw.
    expect(addTerm('2026-11-21', { amount: 6, unit: 'weken' }, midden)).toBe('2027-01-02');
    expect(addTerm('2026-11-21', { amount: 6, unit: 'weken' }, atw)).toBe('2027-01-04');
  });

  it('gives the Awb bezwaartermijn of CALENDAR.md §5 [D] with the Atw', () => {
    expect(addTerm('2025-11-03', { amount: 6, unit: 'weken' }, atw)).toBe('2025-12-15');
    // Nominal Thu 2025-05-29 (Hemelvaart) → Fri 05-30 gelijkgesteld → weekend → Mon 2025-06-02.
    expect(addTerm('2025-04-17', { amount: 6, unit: 'weken' }, atw)).toBe('2025-06-02');
    // Nominal Thu 2026-05-14 (Hemelvaart) → Fri 05-15 gelijkgesteld → Mon 2026-05-18.
    expect(addTerm('2026-04-02', { amount: 6, unit: 'weken' }, atw)).toBe('2026-05-18');
  });

  it('applies Atw art. 2 to a short term over a holiday (CALENDAR.md §4 worked examples [D])', () => {
    // A 3-day term whose first day is Thu 2026-05-14 (the event was the day before) → Tue 2026-05-19.
    expect(addTerm('2026-05-13', { amount: 3, unit: 'kalenderdagen' }, atw)).toBe('2026-05-19');
    // A 3-day term whose first day is Wed 2025-12-24 → Mon 2025-12-29.
    expect(addTerm('2025-12-23', { amount: 3, unit: 'kalenderdagen' }, atw)).toBe('2025-12-29');
  });

  it('does not apply the Atw to terms over 90 days or twelve weeks (Atw art. 4)', () => {
    // Sat 3 Jan 2026 + 12 weeks = Sat 28 Mar → Mon 30 Mar; + 13 weeks = Sat 4 Apr, left as it is.
    expect(addTerm('2026-01-03', { amount: 12, unit: 'weken' }, atw)).toBe('2026-03-30');
    expect(addTerm('2026-01-03', { amount: 13, unit: 'weken' }, atw)).toBe('2026-04-04');
    expect(addTerm('2026-01-03', { amount: 91, unit: 'kalenderdagen' }, atw)).toBe('2026-04-04');
    expect(atwAppliesTo({ amount: 90, unit: 'kalenderdagen' })).toBe(true);
    expect(atwAppliesTo({ amount: 91, unit: 'kalenderdagen' })).toBe(false);
    expect(atwAppliesTo({ amount: 12, unit: 'schoolweken' })).toBe(true);
    expect(atwAppliesTo({ amount: 13, unit: 'schoolweken' })).toBe(false);
  });

  it('counts werkdagen over Pasen and Kerst; the Atw has nothing left to move', () => {
    expect(addTerm('2026-04-02', { amount: 1, unit: 'werkdagen' }, midden)).toBe('2026-04-07');
    expect(addTerm('2026-12-23', { amount: 5, unit: 'werkdagen' }, atw)).toBe('2026-12-31');
    // One werkdag from Friday 27 Nov 2026 is Monday 30 Nov: "1 werkdag" is not a term of at least three days (art. 2).
    expect(addTerm('2026-11-27', { amount: 1, unit: 'werkdagen' }, atw)).toBe('2026-11-30');
  });

  it.each(HOLIDAY_REGIONS.map((region) => [region]))('counts schoolweken over the kerstvakantie in region %s', (region) => {
    expect(addTerm('2025-12-10', { amount: 3, unit: 'schoolweken' }, { region })).toBe('2026-01-14');
  });

  it('gives a different schoolweken due date per region, and moves a Saturday end with the Atw', () => {
    const due = (region: HolidayRegion) => addTerm('2025-10-15', { amount: 15, unit: 'schoolweken' }, { region });
    expect(HOLIDAY_REGIONS.map(due)).toEqual(['2026-02-18', '2026-02-25', '2026-02-11']);
    // Sat 13 Dec 2025 + 2 schoolweken: week of 15 Dec (1), kerst weeks skipped, week of 5 Jan (2) → Sat 10 Jan 2026 → Atw: Mon 12 Jan.
    expect(addTerm('2025-12-13', { amount: 2, unit: 'schoolweken' }, { region: 'noord' })).toBe('2026-01-10');
    expect(addTerm('2025-12-13', { amount: 2, unit: 'schoolweken' }, { region: 'noord', atw: true })).toBe('2026-01-12');
  });

  it('refuses bad input and answers it cannot give', () => {
    expect(domainErrorCodeOf(() => addTerm('2026-02-30', { amount: 1, unit: 'weken' }, midden))).toBe('VALIDATION_FAILED');
    expect(domainErrorCodeOf(() => addTerm('2026-01-05', { amount: -1, unit: 'weken' }, midden))).toBe('VALIDATION_FAILED');
    expect(domainErrorCodeOf(() => addTerm('2026-01-05', { amount: 1, unit: 'maanden' as TermUnit }, midden))).toBe('VALIDATION_FAILED');
    expect(domainErrorCodeOf(() => addTerm('2026-01-05', { amount: 1, unit: 'weken' }, { region: 'west' as HolidayRegion }))).toBe('VALIDATION_FAILED');
    // Weeks need no data; the Atw on their end does.
    expect(addTerm('2029-03-01', { amount: 6, unit: 'weken' }, midden)).toBe('2029-04-12');
    expect(domainErrorCodeOf(() => addTerm('2029-03-01', { amount: 6, unit: 'weken' }, atw))).toBe('CALENDAR_OUT_OF_RANGE');
    expect(domainErrorCodeOf(() => addTerm('2029-06-01', { amount: 10, unit: 'schoolweken' }, midden))).toBe('CALENDAR_OUT_OF_RANGE');
  });
});
