import { DomainError } from '../errors/domain-error';
import { addDays, formatCivilDate, parseCivilDate, weekday, ZONDAG, type CivilDate } from './civil-date.calendar';
import { easterSunday } from './easter.calculator';
import { GELIJKGESTELD_FIRST_YEAR, GELIJKGESTELD_LAST_YEAR, GELIJKGESTELDE_DAGEN } from './gelijkgestelde-dagen.data';

/**
 * `feestdag`: an algemeen erkende feestdag (art. 3 lid 1 Atw) or Eerste Paas-/Pinksterdag; `goede-vrijdag`:
 * gelijkgesteld by the Atw itself (art. 3 lid 2); `gelijkgesteld`: by Royal Decree (art. 3 lid 3) — CALENDAR.md §8.2.
 */
export const PUBLIC_HOLIDAY_KINDS = ['feestdag', 'goede-vrijdag', 'gelijkgesteld'] as const;
export type PublicHolidayKind = (typeof PUBLIC_HOLIDAY_KINDS)[number];

export interface PublicHoliday {
  date: CivilDate;
  name: string;
  kind: PublicHolidayKind;
  /**
   * Whether the day stops a term under the Algemene termijnenwet. False only for Eerste Paasdag and Eerste
   * Pinksterdag: art. 3 lid 1 does not list them (they are always Sundays) — CALENDAR.md §2.1.
   */
  atw: boolean;
  /** The rule or data the day comes from. */
  source: string;
}

/** Koningsdag on 27 April exists from 2014 (Besluit van 30 januari 2013); earlier years had Koninginnedag, which CALENDAR.md does not give. */
export const FIRST_PUBLIC_HOLIDAY_YEAR = 2014;

const ATW_ART_3_LID_1 = 'Atw art. 3 lid 1 (BWBR0002448) — CALENDAR.md §2.1';

function onDate(year: number, month: number, day: number): CivilDate {
  return formatCivilDate({ year, month, day });
}

/** Koningsdag: 27 April, or 26 April when the 27th is a Sunday (BWBR0032908; koninklijkhuis.nl — CALENDAR.md §2.2). */
export function koningsdag(year: number): CivilDate {
  const the27th = onDate(year, 4, 27);
  return weekday(the27th) === ZONDAG ? onDate(year, 4, 26) : the27th;
}

function assertHolidayYear(year: number): void {
  if (!Number.isInteger(year) || year < FIRST_PUBLIC_HOLIDAY_YEAR) {
    throw new DomainError(
      'CALENDAR_OUT_OF_RANGE',
      `Public holidays are computed from ${FIRST_PUBLIC_HOLIDAY_YEAR} (Koningsdag on 27 April, BWBR0032908), got ${year}`,
      [{ field: 'year', message: `must be a whole year from ${FIRST_PUBLIC_HOLIDAY_YEAR}` }],
    );
  }
}

/** The days that follow from the law by rule, for any year from 2014. */
function feestdagenByRule(year: number): PublicHoliday[] {
  const easter = easterSunday(year);
  const feestdag = (date: CivilDate, name: string, source = ATW_ART_3_LID_1): PublicHoliday => ({ date, name, kind: 'feestdag', atw: true, source });
  const easterBased = 'Easter (anonymous Gregorian algorithm) — CALENDAR.md §3';
  return [
    feestdag(onDate(year, 1, 1), 'Nieuwjaarsdag'),
    {
      date: addDays(easter, -2),
      name: 'Goede Vrijdag',
      kind: 'goede-vrijdag',
      atw: true,
      source: `Atw art. 3 lid 2 (gelijkgesteld by the Atw itself); ${easterBased}`,
    },
    { date: easter, name: 'Eerste Paasdag', kind: 'feestdag', atw: false, source: `always a Sunday, not listed in Atw art. 3; ${easterBased}` },
    feestdag(addDays(easter, 1), 'Tweede Paasdag', `${ATW_ART_3_LID_1}; ${easterBased}`),
    feestdag(koningsdag(year), 'Koningsdag', `${ATW_ART_3_LID_1}; 27 April, 26 April when the 27th is a Sunday — CALENDAR.md §2.2`),
    // "de vijfde mei": every year for the Atw, not only in lustrum years (CALENDAR.md §2.1).
    feestdag(onDate(year, 5, 5), 'Bevrijdingsdag'),
    feestdag(addDays(easter, 39), 'Hemelvaartsdag', `${ATW_ART_3_LID_1}; ${easterBased}`),
    {
      date: addDays(easter, 49),
      name: 'Eerste Pinksterdag',
      kind: 'feestdag',
      atw: false,
      source: `always a Sunday, not listed in Atw art. 3; ${easterBased}`,
    },
    feestdag(addDays(easter, 50), 'Tweede Pinksterdag', `${ATW_ART_3_LID_1}; ${easterBased}`),
    feestdag(onDate(year, 12, 25), 'Eerste Kerstdag'),
    feestdag(onDate(year, 12, 26), 'Tweede Kerstdag'),
  ];
}

function gelijkgesteldIn(year: number): PublicHoliday[] {
  return GELIJKGESTELDE_DAGEN.filter((day) => parseCivilDate(day.date).year === year).map((day) => ({
    date: day.date,
    name: `Gelijkgestelde dag (${day.reason})`,
    kind: 'gelijkgesteld' as const,
    atw: true,
    source: `Atw art. 3 lid 3: ${day.decree} [${day.tag}] — ${day.source}`,
  }));
}

/**
 * The Dutch public holidays of a year (from 2014), sorted by date: the feestdagen of art. 3 Atw computed by
 * rule, Eerste Paas- and Pinksterdag, and the days gelijkgesteld by a known decree. Decrees are known only
 * for 2024–2028, so for other years the list holds no `gelijkgesteld` days; use `atwHolidays` (which throws
 * there) whenever completeness matters.
 */
export function dutchPublicHolidays(year: number): PublicHoliday[] {
  assertHolidayYear(year);
  return [...feestdagenByRule(year), ...gelijkgesteldIn(year)].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** The public holiday on `date`, if any (see `dutchPublicHolidays` for what is included). */
export function publicHolidayOn(date: CivilDate): PublicHoliday | undefined {
  return dutchPublicHolidays(parseCivilDate(date).year).find((holiday) => holiday.date === date);
}

export function isPublicHoliday(date: CivilDate): boolean {
  return publicHolidayOn(date) !== undefined;
}

/**
 * An algemeen erkende feestdag of art. 3 lid 1 Atw by rule (Nieuwjaarsdag, Tweede Paas- en Pinksterdag,
 * Koningsdag, 5 mei, Hemelvaartsdag, both Kerstdagen), for any year from 2014. Needs no decree data.
 */
export function isAlgemeenErkendeFeestdag(date: CivilDate): boolean {
  return feestdagenByRule(parseCivilDate(date).year).some((holiday) => holiday.date === date && holiday.kind === 'feestdag' && holiday.atw);
}

/**
 * Every day that stops a term under the Atw in `year` (art. 3 lid 1–3), with its kind. Only for the years
 * whose gelijkstelling decrees are known (2024–2028): any other year throws CALENDAR_OUT_OF_RANGE, since an
 * unknown decree could add a day (CALENDAR.md §2.3, §8.4).
 */
export function atwHolidays(year: number): PublicHoliday[] {
  if (!Number.isInteger(year) || year < GELIJKGESTELD_FIRST_YEAR || year > GELIJKGESTELD_LAST_YEAR) {
    throw new DomainError(
      'CALENDAR_OUT_OF_RANGE',
      `The Atw holidays of ${year} are not known: gelijkstelling decrees are known for ${GELIJKGESTELD_FIRST_YEAR} t/m ${GELIJKGESTELD_LAST_YEAR} only (CALENDAR.md §2.3)`,
      [{ field: 'year', message: `must lie between ${GELIJKGESTELD_FIRST_YEAR} and ${GELIJKGESTELD_LAST_YEAR}` }],
    );
  }
  return dutchPublicHolidays(year).filter((holiday) => holiday.atw);
}
