import { DomainError } from '../errors/domain-error';
import { addDays, parseCivilDate, type CivilDate } from './civil-date.calendar';
import { applyAtw } from './algemene-termijnenwet.rule';
import { assertHolidayRegion, type HolidayRegion } from './holiday-region.data';
import { addSchoolweken } from './school-week.calendar';
import { addWerkdagen } from './werkdag.calendar';

export const TERM_UNITS = ['kalenderdagen', 'werkdagen', 'weken', 'schoolweken'] as const;
export type TermUnit = (typeof TERM_UNITS)[number];
export interface Term {
  amount: number;
  unit: TermUnit;
}

/**
 * Atw art. 4 lid 1 (a): the Atw does not apply to terms of more than 90 days or more than twelve weeks
 * (exactly 90 days or 12 weeks: it does) — CALENDAR.md §4. Werkdagen are days, schoolweken are weeks.
 */
export function atwAppliesTo(term: Term): boolean {
  return term.unit === 'kalenderdagen' || term.unit === 'werkdagen' ? term.amount <= 90 : term.amount <= 12;
}

/** The term's length in days as stated, for Atw art. 2 ("a term of at least three days"). */
function statedLengthInDays(term: Term): number {
  return term.unit === 'kalenderdagen' || term.unit === 'werkdagen' ? term.amount : term.amount * 7;
}

function nominalEnd(start: CivilDate, term: Term, region: HolidayRegion): CivilDate {
  switch (term.unit) {
    case 'kalenderdagen':
      return addDays(start, term.amount);
    case 'weken':
      return addDays(start, 7 * term.amount);
    case 'werkdagen':
      return addWerkdagen(start, term.amount);
    case 'schoolweken':
      return addSchoolweken(start, term.amount, region);
  }
}

/**
 * The due date of a term that starts on `start` (a civil date), in the given holiday region. `atw`: apply the Algemene termijnenwet extension.
 *
 * `start` is the day of the event that triggers the term (receipt, bekendmaking, opening of the step); the
 * term runs from the next day, as Awb art. 6:8 counts (CALENDAR.md §5), and the result is its last day:
 * - kalenderdagen: `start` + amount days; weken: `start` + 7 × amount days (same weekday);
 * - werkdagen: the amount-th werkdag after `start` (`addWerkdagen`);
 * - schoolweken: the same weekday in the amount-th schoolweek after the week of `start` (`addSchoolweken`).
 * With `atw`, Atw arts. 1 and 2 move that last day (`applyAtw`, first day = `start` + 1) unless art. 4
 * excludes the term (`atwAppliesTo`: more than 90 days or twelve weeks), in which case it stays. Only for
 * forward statutory terms (art. 1 lid 2, art. 5). Amount 0 gives `start`.
 * Throws VALIDATION_FAILED for a bad date, amount, unit or region, and CALENDAR_OUT_OF_RANGE when the answer
 * needs calendar data the domain does not have (werkdagen and the Atw: 2024–2028; schoolweken: 2024-08-01
 * to the region's zomervakantie 2029).
 */
export function addTerm(start: string, term: Term, options: { region: HolidayRegion; atw?: boolean }): string {
  parseCivilDate(start);
  assertHolidayRegion(options.region);
  if (!(TERM_UNITS as readonly string[]).includes(term.unit)) {
    throw new DomainError('VALIDATION_FAILED', `Unknown term unit ${JSON.stringify(term.unit)}: must be one of ${TERM_UNITS.join(', ')}`, [
      { field: 'unit', message: `must be one of ${TERM_UNITS.join(', ')}` },
    ]);
  }
  if (!Number.isInteger(term.amount) || term.amount < 0) {
    throw new DomainError('VALIDATION_FAILED', `A term amount must be a whole number ≥ 0, got ${term.amount}`, [{ field: 'amount', message: 'must be a whole number ≥ 0' }]);
  }
  if (term.amount === 0) return start;
  const end = nominalEnd(start, term, options.region);
  if (options.atw === true && atwAppliesTo(term)) return applyAtw(addDays(start, 1), end, statedLengthInDays(term));
  return end;
}
