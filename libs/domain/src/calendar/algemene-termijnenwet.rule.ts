import { DomainError } from '../errors/domain-error';
import { addDays, compareDates, daysBetween, type CivilDate } from './civil-date.calendar';
import { isWerkdag } from './werkdag.calendar';

/**
 * The Algemene termijnenwet applied to the computed end of a forward-counted statutory term
 * (BWBR0002448 — CALENDAR.md §4, "implementable form"):
 * - art. 1 lid 1: a term that ends on a Saturday, Sunday or algemeen erkende feestdag (incl. Goede Vrijdag
 *   and gelijkgestelde dagen, art. 3) runs on up to and including the next day that is none of these;
 * - art. 2: a term of at least three days is extended, if needed, until it contains at least two days that
 *   are none of these.
 * Both are applied as "the smallest end date that satisfies both" (CALENDAR.md §4: an implementation reading).
 * The Atw only ever extends. Not for backward-counted terms (art. 1 lid 2) nor terms excluded by art. 4:
 * the caller decides that (see `atwAppliesTo` in term.calculator). Throws CALENDAR_OUT_OF_RANGE when a day it
 * must judge lies outside WERKDAG_COVERAGE.
 *
 * @param firstDay the first day of the term (the day after the triggering event)
 * @param nominalLastDay the last day of the term before the Atw
 * @param lengthInDays the term's length in days as stated (art. 2 looks at "a term of at least three days");
 *   defaults to the days from `firstDay` to `nominalLastDay` inclusive
 */
export function applyAtw(firstDay: CivilDate, nominalLastDay: CivilDate, lengthInDays = daysBetween(firstDay, nominalLastDay) + 1): CivilDate {
  if (compareDates(nominalLastDay, firstDay) < 0) {
    throw new DomainError('VALIDATION_FAILED', `A term cannot end (${nominalLastDay}) before its first day (${firstDay})`);
  }
  const art2 = lengthInDays >= 3;
  let last = nominalLastDay;
  let werkdagen = art2 ? countWerkdagen(firstDay, nominalLastDay) : 0;
  for (;;) {
    if (isWerkdag(last) && (!art2 || werkdagen >= 2)) return last;
    last = addDays(last, 1);
    if (art2 && isWerkdag(last)) werkdagen += 1;
  }
}

/** Werkdagen in first..last inclusive; stops counting at 2, all art. 2 needs. */
function countWerkdagen(firstDay: CivilDate, lastDay: CivilDate): number {
  let count = 0;
  for (let day = firstDay; compareDates(day, lastDay) <= 0 && count < 2; day = addDays(day, 1)) {
    if (isWerkdag(day)) count += 1;
  }
  return count;
}
