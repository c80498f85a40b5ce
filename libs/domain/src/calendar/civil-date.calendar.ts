import { DomainError } from '../errors/domain-error';

/**
 * Civil dates in the Netherlands as ISO `YYYY-MM-DD` strings: no time, no time zone (CALENDAR.md §8.3).
 * All arithmetic is integer day numbers (days since 1970-01-01, proleptic Gregorian), never `Date`
 * parsing, so the answers are identical in Node and in Temporal's workflow sandbox.
 */
export type CivilDate = string;

export interface CivilDateParts {
  year: number;
  month: number;
  day: number;
}

/** ISO weekday numbers: 1 = maandag … 7 = zondag (ISO 8601). */
export const MAANDAG = 1;
export const VRIJDAG = 5;
export const ZATERDAG = 6;
export const ZONDAG = 7;

const CIVIL_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Splits a `YYYY-MM-DD` date; anything else (e.g. 2026-02-30, a date-time) is a VALIDATION_FAILED. */
export function parseCivilDate(date: string): CivilDateParts {
  const match = CIVIL_DATE_PATTERN.exec(date);
  if (match !== null) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    if (month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)) return { year, month, day };
  }
  throw new DomainError('VALIDATION_FAILED', `Not a civil date (YYYY-MM-DD): ${JSON.stringify(date)}`, [
    { field: 'date', message: 'must be a date as YYYY-MM-DD' },
  ]);
}

export function formatCivilDate({ year, month, day }: CivilDateParts): CivilDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Days since 1970-01-01 (Howard Hinnant's days_from_civil: exact integer arithmetic). */
function dayNumberOf({ year, month, day }: CivilDateParts): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The inverse of dayNumberOf (Hinnant's civil_from_days). */
function partsOfDayNumber(dayNumber: number): CivilDateParts {
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function toDayNumber(date: CivilDate): number {
  return dayNumberOf(parseCivilDate(date));
}

export function fromDayNumber(dayNumber: number): CivilDate {
  return formatCivilDate(partsOfDayNumber(dayNumber));
}

/** The date `days` calendar days after `date` (negative: before). */
export function addDays(date: CivilDate, days: number): CivilDate {
  if (!Number.isInteger(days)) throw new DomainError('VALIDATION_FAILED', `A number of days must be a whole number, got ${days}`);
  return fromDayNumber(toDayNumber(date) + days);
}

/** `to − from` in calendar days: 1 for consecutive days, negative when `to` is earlier. */
export function daysBetween(from: CivilDate, to: CivilDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** −1, 0 or 1, for sorting. ISO strings of valid dates also compare correctly as strings; this validates. */
export function compareDates(a: CivilDate, b: CivilDate): -1 | 0 | 1 {
  return Math.sign(toDayNumber(a) - toDayNumber(b)) as -1 | 0 | 1;
}

export function isBefore(a: CivilDate, b: CivilDate): boolean {
  return compareDates(a, b) < 0;
}

export function isAfter(a: CivilDate, b: CivilDate): boolean {
  return compareDates(a, b) > 0;
}

/** ISO weekday: 1 = maandag … 7 = zondag. */
export function weekday(date: CivilDate): number {
  // 1970-01-01 was a Thursday (4).
  return ((((toDayNumber(date) + 3) % 7) + 7) % 7) + 1;
}

export function isWeekend(date: CivilDate): boolean {
  return weekday(date) >= ZATERDAG;
}

/** The Monday of the ISO week (ma–zo) that contains `date`. */
export function startOfIsoWeek(date: CivilDate): CivilDate {
  return addDays(date, MAANDAG - weekday(date));
}

/** The year an ISO week belongs to: the year of its Thursday (2027-01-01 lies in week 53 of 2026). */
export function isoWeekYear(date: CivilDate): number {
  return parseCivilDate(addDays(date, 4 - weekday(date))).year;
}

/** ISO 8601 week number (1–53): week 1 is the week with the year's first Thursday. Pair it with `isoWeekYear`. */
export function isoWeek(date: CivilDate): number {
  const thursday = addDays(date, 4 - weekday(date));
  const { year } = parseCivilDate(thursday);
  return Math.floor(daysBetween(formatCivilDate({ year, month: 1, day: 1 }), thursday) / 7) + 1;
}

/** 52 or 53: a year has 53 ISO weeks when 28 December (always in its last week) lies in week 53. */
export function isoWeeksInYear(year: number): number {
  return isoWeek(formatCivilDate({ year, month: 12, day: 28 }));
}
