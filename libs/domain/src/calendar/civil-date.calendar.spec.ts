import { domainErrorCodeOf } from '../errors/domain-error.fixture';
import {
  addDays,
  compareDates,
  daysBetween,
  fromDayNumber,
  isoWeek,
  isoWeeksInYear,
  isoWeekYear,
  parseCivilDate,
  startOfIsoWeek,
  toDayNumber,
  weekday,
} from './civil-date.calendar';


describe('civil dates', () => {
  it('parses YYYY-MM-DD and refuses anything else with VALIDATION_FAILED', () => {
    expect(parseCivilDate('2028-02-29')).toEqual({ year: 2028, month: 2, day: 29 });
    for (const bad of ['2027-02-29', '2026-13-01', '2026-04-31', '2026-1-5', '2026-01-05T00:00:00Z', '']) {
      expect(domainErrorCodeOf(() => parseCivilDate(bad))).toBe('VALIDATION_FAILED');
    }
  });

  it('adds days across month, leap-day and year boundaries', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
    // Awb 6:7 bezwaartermijn: bekendgemaakt ma 2025-11-03 → last day ma 2025-12-15 (CALENDAR.md §5 [D]).
    expect(addDays('2025-11-03', 42)).toBe('2025-12-15');
  });

  it('counts days between dates and round-trips day numbers', () => {
    expect(daysBetween('2025-03-31', '2025-05-12')).toBe(42);
    expect(daysBetween('2025-05-12', '2025-03-31')).toBe(-42);
    expect(toDayNumber('1970-01-01')).toBe(0);
    expect(fromDayNumber(toDayNumber('2032-12-31'))).toBe('2032-12-31');
    expect(fromDayNumber(toDayNumber('1600-02-29'))).toBe('1600-02-29');
  });

  it('compares dates', () => {
    expect(compareDates('2026-12-31', '2027-01-01')).toBe(-1);
    expect(compareDates('2027-01-01', '2027-01-01')).toBe(0);
    expect(compareDates('2027-01-02', '2027-01-01')).toBe(1);
  });

  it('gives ISO weekdays: 1 maandag … 7 zondag', () => {
    // CALENDAR.md §1.2: every vacation starts on a Saturday and ends on a Sunday [D].
    expect(weekday('2026-12-19')).toBe(6);
    expect(weekday('2027-01-03')).toBe(7);
    // CALENDAR.md §2.2: 2025-04-27 is a Sunday, so Koningsdag is Saturday 26 April [D].
    expect(weekday('2025-04-27')).toBe(7);
    expect(weekday('2025-04-26')).toBe(6);
    // CALENDAR.md §7.1: aanmeldweek 2025 ran from Tuesday 25 to Monday 31 March.
    expect(weekday('2025-03-25')).toBe(2);
    expect(weekday('2025-03-31')).toBe(1);
  });
});

describe('ISO calendar weeks', () => {
  it('puts 31 Dec 2026 and 1–3 Jan 2027 in week 53 of 2026, and 4 Jan 2027 in week 1 of 2027', () => {
    expect([isoWeekYear('2026-12-31'), isoWeek('2026-12-31')]).toEqual([2026, 53]);
    expect([isoWeekYear('2027-01-01'), isoWeek('2027-01-01')]).toEqual([2026, 53]);
    expect([isoWeekYear('2027-01-03'), isoWeek('2027-01-03')]).toEqual([2026, 53]);
    expect([isoWeekYear('2027-01-04'), isoWeek('2027-01-04')]).toEqual([2027, 1]);
    expect(startOfIsoWeek('2027-01-03')).toBe('2026-12-28');
  });

  it('puts the last days of December in week 1 of the next year when that week holds its first Thursday', () => {
    expect([isoWeekYear('2025-12-29'), isoWeek('2025-12-29')]).toEqual([2026, 1]);
    expect([isoWeekYear('2024-12-30'), isoWeek('2024-12-30')]).toEqual([2025, 1]);
    expect([isoWeekYear('2026-01-01'), isoWeek('2026-01-01')]).toEqual([2026, 1]);
  });

  it('knows which years have 53 ISO weeks (those starting on a Thursday, or leap years starting on a Wednesday)', () => {
    expect([2020, 2024, 2025, 2026, 2027, 2028, 2032].map(isoWeeksInYear)).toEqual([53, 52, 52, 53, 52, 52, 53]);
    expect([isoWeekYear('2032-12-31'), isoWeek('2032-12-31')]).toEqual([2032, 53]);
  });

  it('numbers an ordinary mid-year week', () => {
    // Monday 2026-11-23 starts week 48.
    expect(isoWeek('2026-11-23')).toBe(48);
    expect(isoWeek('2026-11-22')).toBe(47);
  });
});
