import { DomainError } from '../errors/domain-error';
import { addDays, daysBetween, formatCivilDate, isWeekend, parseCivilDate, type CivilDate } from './civil-date.calendar';
import { assertCovered, type CalendarCoverage } from './calendar-coverage.guard';
import { GELIJKGESTELD_FIRST_YEAR, GELIJKGESTELD_LAST_YEAR } from './gelijkgestelde-dagen.data';
import { atwHolidays } from './public-holiday.calendar';

/**
 * Werkdag arithmetic needs every gelijkgestelde dag, so it is answered only where the decrees are known:
 * 2024-01-01 t/m 2028-12-31 (CALENDAR.md §2.3, §8.4).
 */
export const WERKDAG_COVERAGE: CalendarCoverage = {
  what: 'werkdagen (Atw holidays incl. gelijkgestelde dagen)',
  from: formatCivilDate({ year: GELIJKGESTELD_FIRST_YEAR, month: 1, day: 1 }),
  to: formatCivilDate({ year: GELIJKGESTELD_LAST_YEAR, month: 12, day: 31 }),
  reason: 'gelijkstelling decrees are known up to 2028 — CALENDAR.md §2.3',
};

const atwHolidaySets = new Map<number, ReadonlySet<CivilDate>>();

function atwHolidaySet(year: number): ReadonlySet<CivilDate> {
  let set = atwHolidaySets.get(year);
  if (set === undefined) {
    set = new Set(atwHolidays(year).map((holiday) => holiday.date));
    atwHolidaySets.set(year, set);
  }
  return set;
}

/**
 * A werkdag is a day that is not a Saturday, Sunday or algemeen erkende feestdag in the sense of the Atw:
 * art. 3 lid 1, Goede Vrijdag (lid 2) and the days gelijkgesteld by decree (lid 3) — CALENDAR.md §2, §4.
 * This is exactly the complement of the days that extend a term under Atw art. 1, so werkdagen and the Atw
 * never disagree. Throws CALENDAR_OUT_OF_RANGE outside WERKDAG_COVERAGE.
 */
export function isWerkdag(date: CivilDate): boolean {
  assertCovered(date, WERKDAG_COVERAGE);
  return !isWeekend(date) && !atwHolidaySet(parseCivilDate(date).year).has(date);
}

function assertCount(n: number, what: string): void {
  if (!Number.isInteger(n) || n < 0) {
    throw new DomainError('VALIDATION_FAILED', `A number of ${what} must be a whole number ≥ 0, got ${n}`, [{ field: 'amount', message: 'must be a whole number ≥ 0' }]);
  }
}

/**
 * The n-th werkdag after `date`: `date` itself never counts (a term starts the day after the event that
 * triggers it), so addWerkdagen(do 2026-04-02, 1) is di 2026-04-07 (Goede Vrijdag, the weekend and Tweede
 * Paasdag skipped). n = 0 gives `date` unchanged, werkdag or not. `date` and every day counted must lie in
 * WERKDAG_COVERAGE, else CALENDAR_OUT_OF_RANGE.
 */
export function addWerkdagen(date: CivilDate, n: number): CivilDate {
  assertCount(n, 'werkdagen');
  assertCovered(date, WERKDAG_COVERAGE);
  let current = date;
  for (let left = n; left > 0; ) {
    current = addDays(current, 1);
    if (isWerkdag(current)) left -= 1;
  }
  return current;
}

/**
 * The number of werkdagen d with from < d ≤ to, so that werkdagenBetween(d, addWerkdagen(d, n)) === n.
 * Negative when `to` lies before `from`.
 */
export function werkdagenBetween(from: CivilDate, to: CivilDate): number {
  assertCovered(from, WERKDAG_COVERAGE);
  assertCovered(to, WERKDAG_COVERAGE);
  const span = daysBetween(from, to);
  const [low, sign] = span >= 0 ? [from, 1] : [to, -1];
  let count = 0;
  for (let offset = 1; offset <= Math.abs(span); offset += 1) {
    if (isWerkdag(addDays(low, offset))) count += 1;
  }
  return sign * count;
}
