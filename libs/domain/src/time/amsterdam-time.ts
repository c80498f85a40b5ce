import { z } from 'zod';

/** A calendar date as the people in the process name it (e.g. an evaluation date): YYYY-MM-DD. */
export const CALENDAR_DATE = z.iso.date({ message: 'must be a date as YYYY-MM-DD' });

/**
 * A moment that may be given as a calendar date (start of that day in the Netherlands) or an exact
 * ISO 8601 instant with offset. Exact instants let operators and tests set short evaluation terms.
 */
export const DATE_OR_INSTANT = z.union([CALENDAR_DATE, z.iso.datetime({ offset: true })], {
  message: 'must be a date (YYYY-MM-DD) or an ISO 8601 date-time with offset',
});

const HOUR = 3_600_000;

/** Last Sunday of a month at 01:00 UTC: when EU summer time starts (March) and ends (October). */
function lastSundayAt0100Utc(year: number, monthIndex: number): number {
  const lastDay = new Date(Date.UTC(year, monthIndex + 1, 0));
  const lastSunday = lastDay.getUTCDate() - lastDay.getUTCDay();
  return Date.UTC(year, monthIndex, lastSunday, 1);
}

function isDutchSummerTime(epochMs: number): boolean {
  const year = new Date(epochMs).getUTCFullYear();
  return epochMs >= lastSundayAt0100Utc(year, 2) && epochMs < lastSundayAt0100Utc(year, 9);
}

/**
 * Epoch milliseconds of 00:00 Europe/Amsterdam on the given date. Computed from the EU summer-time
 * rule rather than Intl time-zone data, so it is identical inside Temporal's workflow sandbox.
 */
export function startOfDutchDay(date: string): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const utcMidnight = Date.UTC(year, month - 1, day);
  const asWinterTime = utcMidnight - HOUR;
  return isDutchSummerTime(asWinterTime) ? utcMidnight - 2 * HOUR : asWinterTime;
}

/** Resolves a DATE_OR_INSTANT value to epoch milliseconds. */
export function toInstant(value: string): number {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? startOfDutchDay(value) : Date.parse(value);
}

/** The calendar date in the Netherlands at a given moment, as YYYY-MM-DD. */
export function dutchDateOf(epochMs: number): string {
  const offset = isDutchSummerTime(epochMs) ? 2 * HOUR : HOUR;
  return new Date(epochMs + offset).toISOString().slice(0, 10);
}

/** The end of a civil day in the Netherlands (00:00 of the next day): when a term ending that day has passed. */
export function endOfDutchDayOf(date: string): number {
  const next = new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return startOfDutchDay(next);
}
