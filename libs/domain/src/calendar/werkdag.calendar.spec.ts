import { domainErrorOf } from '../errors/domain-error.fixture';
import { addWerkdagen, isWerkdag, werkdagenBetween } from './werkdag.calendar';


describe('isWerkdag', () => {
  it('is false on weekends and on every Atw holiday, true on other days', () => {
    expect(isWerkdag('2026-11-23')).toBe(true); // maandag
    expect(isWerkdag('2026-11-28')).toBe(false); // zaterdag
    expect(isWerkdag('2026-11-29')).toBe(false); // zondag
    expect(isWerkdag('2026-04-03')).toBe(false); // Goede Vrijdag (Atw art. 3 lid 2)
    expect(isWerkdag('2026-04-06')).toBe(false); // Tweede Paasdag
    expect(isWerkdag('2026-04-27')).toBe(false); // Koningsdag (maandag)
    expect(isWerkdag('2027-05-06')).toBe(false); // Hemelvaartsdag
    expect(isWerkdag('2028-06-05')).toBe(false); // Tweede Pinksterdag
    expect(isWerkdag('2026-12-24')).toBe(true); // Kerstavond is no feestdag
  });

  it('treats 5 May as a holiday every year, and the Monday before it as a werkdag (CALENDAR.md §2.1, §2.3)', () => {
    expect(isWerkdag('2026-05-05')).toBe(false); // dinsdag, no lustrum year
    expect(isWerkdag('2026-05-04')).toBe(true); // not gelijkgesteld by the 2026–2028 decree [D from the title]
    expect(isWerkdag('2027-04-26')).toBe(true); // Monday before Tuesday Koningsdag: not gelijkgesteld either
  });

  it('refuses dates without known gelijkstelling decrees with CALENDAR_OUT_OF_RANGE naming the date and the range', () => {
    for (const date of ['2023-12-29', '2029-01-02']) {
      const error = domainErrorOf(() => isWerkdag(date));
      expect(error.code).toBe('CALENDAR_OUT_OF_RANGE');
      expect(error.message).toContain(date);
      expect(error.message).toContain('2024-01-01 t/m 2028-12-31');
    }
    expect(isWerkdag('2024-01-02')).toBe(true);
    expect(isWerkdag('2028-12-29')).toBe(true);
  });
});

describe('addWerkdagen', () => {
  it('ends on the n-th werkdag after the start day, which itself never counts', () => {
    // Monday 23 Nov 2026: Tue 24 (1) … Mon 30 Nov (5).
    expect(addWerkdagen('2026-11-23', 5)).toBe('2026-11-30');
    expect(addWerkdagen('2026-11-23', 1)).toBe('2026-11-24');
    // From a Saturday the first werkdag is Monday.
    expect(addWerkdagen('2026-11-28', 1)).toBe('2026-11-30');
    expect(addWerkdagen('2026-11-28', 0)).toBe('2026-11-28');
  });

  it('skips Goede Vrijdag, the Easter weekend and Tweede Paasdag', () => {
    // Thu 2 Apr 2026 → Fri 3 Goede Vrijdag, Sat, Sun 5 Pasen, Mon 6 Tweede Paasdag → Tue 7 April.
    expect(addWerkdagen('2026-04-02', 1)).toBe('2026-04-07');
    // Wed 24 Mar 2027 → Thu 25 (1), Fri 26 Goede Vrijdag, Sat, Sun, Mon 29 Tweede Paasdag, Tue 30 (2).
    expect(addWerkdagen('2027-03-24', 2)).toBe('2027-03-30');
  });

  it('skips both Kerstdagen and the weekend', () => {
    // Wed 24 Dec 2025 → Thu 25, Fri 26 Kerst, Sat, Sun → Mon 29 December.
    expect(addWerkdagen('2025-12-24', 1)).toBe('2025-12-29');
    // Wed 23 Dec 2026: Thu 24 (1), Fri 25 Kerst, Sat 26, Sun, Mon 28 (2) … Thu 31 (5).
    expect(addWerkdagen('2026-12-23', 5)).toBe('2026-12-31');
    // And Nieuwjaarsdag: Thu 31 Dec 2026 → Fri 1 Jan 2027, weekend → Mon 4 Jan.
    expect(addWerkdagen('2026-12-31', 1)).toBe('2027-01-04');
  });

  it('refuses a negative or fractional count, and a count that runs past the data', () => {
    expect(domainErrorOf(() => addWerkdagen('2026-11-23', -1)).code).toBe('VALIDATION_FAILED');
    expect(domainErrorOf(() => addWerkdagen('2026-11-23', 1.5)).code).toBe('VALIDATION_FAILED');
    // Thu 28 Dec 2028 → Fri 29 (1), Sat, Sun, then 2029-01-01 is outside the data.
    const error = domainErrorOf(() => addWerkdagen('2028-12-28', 2));
    expect(error.code).toBe('CALENDAR_OUT_OF_RANGE');
    expect(error.message).toContain('2029-01-01');
  });
});

describe('werkdagenBetween', () => {
  it('counts the werkdagen after `from` up to and including `to`, the inverse of addWerkdagen', () => {
    expect(werkdagenBetween('2026-04-02', '2026-04-07')).toBe(1);
    expect(werkdagenBetween('2026-12-23', '2026-12-31')).toBe(5);
    expect(werkdagenBetween('2026-12-31', '2026-12-23')).toBe(-5);
    expect(werkdagenBetween('2026-11-23', '2026-11-23')).toBe(0);
    for (const [from, n] of [['2025-12-19', 7], ['2027-04-23', 9], ['2028-05-22', 4]] as const) {
      expect(werkdagenBetween(from, addWerkdagen(from, n))).toBe(n);
    }
  });
});
