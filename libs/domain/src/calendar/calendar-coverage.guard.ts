import { DomainError } from '../errors/domain-error';
import { compareDates, type CivilDate } from './civil-date.calendar';

/** The inclusive span of dates for which a piece of dated calendar data is complete. */
export interface CalendarCoverage {
  /** What the data is, for the error message, e.g. "school vacations of region noord". */
  what: string;
  from: CivilDate;
  to: CivilDate;
  /** Why the data ends there, for the error message. */
  reason: string;
}

/**
 * Outside its dated data the calendar refuses to answer rather than guess or extrapolate
 * (CALENDAR.md §8.4): the caller gets CALENDAR_OUT_OF_RANGE naming the date and the covered range.
 */
export function assertCovered(date: CivilDate, coverage: CalendarCoverage): void {
  if (compareDates(date, coverage.from) < 0 || compareDates(date, coverage.to) > 0) {
    throw new DomainError(
      'CALENDAR_OUT_OF_RANGE',
      `${date} is outside the calendar data for ${coverage.what}: covered ${coverage.from} t/m ${coverage.to} (${coverage.reason})`,
      [{ field: 'date', message: `must lie between ${coverage.from} and ${coverage.to}` }],
    );
  }
}
