import { DomainError } from '../errors/domain-error';
import { formatCivilDate, type CivilDate } from './civil-date.calendar';

/** The Gregorian calendar (and so this computus) starts in 1583. */
export const FIRST_GREGORIAN_EASTER_YEAR = 1583;

/**
 * Eerste Paasdag (Western Easter Sunday) of a Gregorian year: the anonymous Gregorian algorithm
 * (Meeus/Jones/Butcher), line for line as in CALENDAR.md §3, which checks its 2024–2032 rows [D].
 */
export function easterSunday(year: number): CivilDate {
  if (!Number.isInteger(year) || year < FIRST_GREGORIAN_EASTER_YEAR) {
    throw new DomainError('VALIDATION_FAILED', `Easter is computed for Gregorian years from ${FIRST_GREGORIAN_EASTER_YEAR}, got ${year}`);
  }
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return formatCivilDate({ year, month, day });
}
