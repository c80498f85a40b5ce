import { domainErrorOf } from '../errors/domain-error.fixture';
import { weekday } from './civil-date.calendar';
import { easterSunday } from './easter.calculator';
import { GELIJKGESTELDE_DAGEN } from './gelijkgestelde-dagen.data';
import { atwHolidays, dutchPublicHolidays, isAlgemeenErkendeFeestdag, isPublicHoliday, koningsdag, publicHolidayOn } from './public-holiday.calendar';


function dateOf(year: number, name: string): string | undefined {
  return dutchPublicHolidays(year).find((holiday) => holiday.name === name)?.date;
}

// CALENDAR.md §3 [D]: year, Eerste Paasdag, Goede Vrijdag, Tweede Paasdag, Hemelvaartsdag, Eerste and Tweede Pinksterdag.
const EASTER_TABLE = [
  [2024, '2024-03-31', '2024-03-29', '2024-04-01', '2024-05-09', '2024-05-19', '2024-05-20'],
  [2025, '2025-04-20', '2025-04-18', '2025-04-21', '2025-05-29', '2025-06-08', '2025-06-09'],
  [2026, '2026-04-05', '2026-04-03', '2026-04-06', '2026-05-14', '2026-05-24', '2026-05-25'],
  [2027, '2027-03-28', '2027-03-26', '2027-03-29', '2027-05-06', '2027-05-16', '2027-05-17'],
  [2028, '2028-04-16', '2028-04-14', '2028-04-17', '2028-05-25', '2028-06-04', '2028-06-05'],
  [2029, '2029-04-01', '2029-03-30', '2029-04-02', '2029-05-10', '2029-05-20', '2029-05-21'],
  [2030, '2030-04-21', '2030-04-19', '2030-04-22', '2030-05-30', '2030-06-09', '2030-06-10'],
  [2031, '2031-04-13', '2031-04-11', '2031-04-14', '2031-05-22', '2031-06-01', '2031-06-02'],
  [2032, '2032-03-28', '2032-03-26', '2032-03-29', '2032-05-06', '2032-05-16', '2032-05-17'],
] as const;

describe('Easter and the days derived from it (CALENDAR.md §3)', () => {
  it.each(EASTER_TABLE)('%i: Pasen %s, Goede Vrijdag %s, Paasmaandag %s, Hemelvaart %s, Pinksteren %s and %s', (year, easter, goedeVrijdag, paasmaandag, hemelvaart, pinksteren, pinkstermaandag) => {
    expect(easterSunday(year)).toBe(easter);
    expect(dateOf(year, 'Eerste Paasdag')).toBe(easter);
    expect(dateOf(year, 'Goede Vrijdag')).toBe(goedeVrijdag);
    expect(dateOf(year, 'Tweede Paasdag')).toBe(paasmaandag);
    expect(dateOf(year, 'Hemelvaartsdag')).toBe(hemelvaart);
    expect(dateOf(year, 'Eerste Pinksterdag')).toBe(pinksteren);
    expect(dateOf(year, 'Tweede Pinksterdag')).toBe(pinkstermaandag);
  });

  it('always lands on a Sunday between 22 March and 25 April, for every Gregorian year tried', () => {
    for (let year = 1583; year <= 4099; year += 1) {
      const easter = easterSunday(year);
      const monthDay = easter.slice(5);
      if (weekday(easter) !== 7 || monthDay < '03-22' || monthDay > '04-25') throw new Error(`Easter ${year} computed as ${easter}`);
    }
  });

  it('refuses a year before the Gregorian calendar', () => {
    expect(domainErrorOf(() => easterSunday(1582)).code).toBe('VALIDATION_FAILED');
  });
});

describe('Koningsdag (CALENDAR.md §2.2)', () => {
  it('is 27 April, or Saturday 26 April when the 27th is a Sunday (2025 and 2031)', () => {
    expect(koningsdag(2025)).toBe('2025-04-26');
    expect(koningsdag(2031)).toBe('2031-04-26');
    expect(koningsdag(2026)).toBe('2026-04-27');
    expect(koningsdag(2027)).toBe('2027-04-27');
    expect(dateOf(2025, 'Koningsdag')).toBe('2025-04-26');
    expect(isPublicHoliday('2025-04-26')).toBe(true);
    expect(isPublicHoliday('2025-04-27')).toBe(false);
  });
});

describe('dutchPublicHolidays', () => {
  it('lists the year in date order with the Atw status of each day', () => {
    const holidays = dutchPublicHolidays(2026).filter((holiday) => holiday.kind !== 'gelijkgesteld');
    expect(holidays.map((h) => [h.date, h.name, h.kind, h.atw])).toEqual([
      ['2026-01-01', 'Nieuwjaarsdag', 'feestdag', true],
      ['2026-04-03', 'Goede Vrijdag', 'goede-vrijdag', true],
      ['2026-04-05', 'Eerste Paasdag', 'feestdag', false],
      ['2026-04-06', 'Tweede Paasdag', 'feestdag', true],
      ['2026-04-27', 'Koningsdag', 'feestdag', true],
      ['2026-05-05', 'Bevrijdingsdag', 'feestdag', true],
      ['2026-05-14', 'Hemelvaartsdag', 'feestdag', true],
      ['2026-05-24', 'Eerste Pinksterdag', 'feestdag', false],
      ['2026-05-25', 'Tweede Pinksterdag', 'feestdag', true],
      ['2026-12-25', 'Eerste Kerstdag', 'feestdag', true],
      ['2026-12-26', 'Tweede Kerstdag', 'feestdag', true],
    ]);
    expect(holidays.every((h) => h.source.length > 0)).toBe(true);
  });

  it('counts 5 May for the Atw every year, not only in lustrum years (Atw art. 3 lid 1, CALENDAR.md §2.1)', () => {
    for (const year of [2024, 2025, 2026, 2027, 2028, 2029, 2030]) {
      expect(publicHolidayOn(`${year}-05-05`)).toMatchObject({ name: 'Bevrijdingsdag', atw: true });
      expect(isAlgemeenErkendeFeestdag(`${year}-05-05`)).toBe(true);
    }
  });

  it('does not derive a gelijkgestelde Monday before a Tuesday holiday (CALENDAR.md §2.3)', () => {
    expect(isPublicHoliday('2026-05-04')).toBe(false);
    expect(isPublicHoliday('2027-04-26')).toBe(false);
  });

  it('computes the rule-based days for years beyond the decree data, and refuses years before Koningsdag existed', () => {
    expect(dateOf(2040, 'Koningsdag')).toBe('2040-04-27');
    expect(dutchPublicHolidays(2030).some((holiday) => holiday.kind === 'gelijkgesteld')).toBe(false);
    expect(domainErrorOf(() => dutchPublicHolidays(2013)).code).toBe('CALENDAR_OUT_OF_RANGE');
  });
});

describe('atwHolidays', () => {
  it('holds Goede Vrijdag and the gelijkgestelde dagen but not the Sundays Eerste Paas- and Pinksterdag', () => {
    const holidays = atwHolidays(2026);
    expect(holidays.find((h) => h.kind === 'goede-vrijdag')?.date).toBe('2026-04-03');
    expect(holidays.some((h) => h.name === 'Eerste Paasdag' || h.name === 'Eerste Pinksterdag')).toBe(false);
    // Gelijkgesteld days come from the decree data only (CALENDAR.md §2.3 is [S], so the data is the reference here).
    expect(holidays.filter((h) => h.kind === 'gelijkgesteld').map((h) => h.date)).toEqual(
      GELIJKGESTELDE_DAGEN.filter((day) => day.date.startsWith('2026-')).map((day) => day.date),
    );
    expect(holidays.filter((h) => h.kind === 'gelijkgesteld').every((h) => h.source.includes('Besluit gelijkstelling'))).toBe(true);
    expect(holidays.every((h) => h.atw)).toBe(true);
  });

  it('refuses years without a known gelijkstelling decree with CALENDAR_OUT_OF_RANGE', () => {
    const error = domainErrorOf(() => atwHolidays(2029));
    expect(error.code).toBe('CALENDAR_OUT_OF_RANGE');
    expect(error.message).toContain('2024 t/m 2028');
    expect(domainErrorOf(() => atwHolidays(2023)).code).toBe('CALENDAR_OUT_OF_RANGE');
  });
});
