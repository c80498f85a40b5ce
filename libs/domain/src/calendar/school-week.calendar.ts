import { DomainError } from '../errors/domain-error';
import { addDays, compareDates, daysBetween, isWeekend, startOfIsoWeek, weekday, ZATERDAG, ZONDAG, type CivilDate } from './civil-date.calendar';
import { assertCovered, type CalendarCoverage } from './calendar-coverage.guard';
import { assertHolidayRegion, HOLIDAY_REGIONS, type HolidayRegion } from './holiday-region.data';
import { isAlgemeenErkendeFeestdag } from './public-holiday.calendar';
import { SCHOOL_HOLIDAYS, SCHOOL_HOLIDAYS_FIRST_DAY, SCHOOL_VACATION_TYPES, type SchoolVacation, type SchoolVacationType, type SchoolYearHolidays } from './school-holidays.data';

/** Published lengths in days, Saturday to Sunday inclusive — CALENDAR.md §1.2 ("Check [D]"). */
export const SCHOOL_VACATION_LENGTH_DAYS: Readonly<Record<SchoolVacationType, number>> = {
  herfstvakantie: 9,
  kerstvakantie: 16,
  voorjaarsvakantie: 9,
  meivakantie: 9,
  zomervakantie: 44,
};

/**
 * The checks CALENDAR.md §8.1 asks for on load: every range runs Saturday → Sunday with its published length,
 * no two ranges of a region overlap, and a full school year has each type exactly once per region.
 * Returns the problems found (none for the checked-in data; the spec proves it).
 */
export function checkSchoolHolidays(years: readonly SchoolYearHolidays[]): string[] {
  const problems: string[] = [];
  for (const year of years) {
    for (const v of year.vacations) {
      const label = `${year.schoolYear} ${v.type} ${v.region} ${v.start}–${v.end}`;
      if (weekday(v.start) !== ZATERDAG) problems.push(`${label}: does not start on a Saturday`);
      if (weekday(v.end) !== ZONDAG) problems.push(`${label}: does not end on a Sunday`);
      const length = daysBetween(v.start, v.end) + 1;
      if (length !== SCHOOL_VACATION_LENGTH_DAYS[v.type]) problems.push(`${label}: lasts ${length} days, not ${SCHOOL_VACATION_LENGTH_DAYS[v.type]}`);
    }
    if (year.note === undefined) {
      for (const type of SCHOOL_VACATION_TYPES) {
        for (const region of HOLIDAY_REGIONS) {
          const count = year.vacations.filter((v) => v.type === type && v.region === region).length;
          if (count !== 1) problems.push(`${year.schoolYear}: ${count} × ${type} for ${region}, expected 1`);
        }
      }
    }
  }
  for (const region of HOLIDAY_REGIONS) {
    const ranges = years.flatMap((year) => year.vacations.filter((v) => v.region === region)).sort((a, b) => compareDates(a.start, b.start));
    ranges.slice(1).forEach((v, index) => {
      const previous = ranges[index] as SchoolVacation;
      if (compareDates(v.start, previous.end) <= 0) problems.push(`${region}: ${previous.type} ${previous.start}–${previous.end} overlaps ${v.type} ${v.start}–${v.end}`);
    });
  }
  return problems;
}

const problems = checkSchoolHolidays(SCHOOL_HOLIDAYS);
if (problems.length > 0) throw new Error(`school-holidays.data.ts is inconsistent: ${problems.join('; ')}`);

const VACATIONS: Readonly<Record<HolidayRegion, readonly SchoolVacation[]>> = {
  noord: vacationsOf('noord'),
  midden: vacationsOf('midden'),
  zuid: vacationsOf('zuid'),
};

/** The complete school years (the partial 2023-2024 row only carries its zomervakantie). */
const FULL_YEARS = SCHOOL_HOLIDAYS.filter((year) => year.note === undefined);

function vacationsOf(region: HolidayRegion): SchoolVacation[] {
  return SCHOOL_HOLIDAYS.flatMap((year) => year.vacations.filter((v) => v.region === region)).sort((a, b) => compareDates(a.start, b.start));
}

/**
 * The dates a region's school calendar answers for (CALENDAR.md §8.4): from 2024-08-01 to the last day of
 * that region's zomervakantie 2029 (noord 2029-09-02, midden 2029-08-19, zuid 2029-08-26).
 */
export function schoolCalendarCoverage(region: HolidayRegion): CalendarCoverage {
  assertHolidayRegion(region);
  const last = VACATIONS[region][VACATIONS[region].length - 1] as SchoolVacation;
  return {
    what: `school vacations of region ${region}`,
    from: SCHOOL_HOLIDAYS_FIRST_DAY,
    to: last.end,
    reason: `school years ${FULL_YEARS[0]?.schoolYear} t/m ${FULL_YEARS[FULL_YEARS.length - 1]?.schoolYear} — CALENDAR.md §1.2`,
  };
}

/** The region's school vacation that `date` falls in, if any. Throws CALENDAR_OUT_OF_RANGE outside the data. */
export function schoolVacationOn(date: CivilDate, region: HolidayRegion): SchoolVacation | undefined {
  assertCovered(date, schoolCalendarCoverage(region));
  return VACATIONS[region].find((v) => compareDates(v.start, date) <= 0 && compareDates(date, v.end) <= 0);
}

/**
 * A school day in the region's default calendar: maandag–vrijdag, outside the region's school vacations
 * (CALENDAR.md §1.2) and not an algemeen erkende feestdag of art. 3 lid 1 Atw (which includes 5 May every
 * year). Goede Vrijdag, gelijkgestelde dagen, studiedagen and a school's extra days off are school-specific
 * and count as school days here (CALENDAR.md §1.1, §1.5, §8.5). Throws CALENDAR_OUT_OF_RANGE outside the data.
 */
export function isSchoolDay(date: CivilDate, region: HolidayRegion): boolean {
  if (schoolVacationOn(date, region) !== undefined) return false;
  return !isWeekend(date) && !isAlgemeenErkendeFeestdag(date);
}

/**
 * A schoolweek is an ISO week (maandag–zondag) with at least one school day of the region; a vacation week
 * is not one (CALENDAR.md §6: "Vakanties tellen niet mee als lesweek" — Inspectie, DUO). A week with only
 * some days off (Hemelvaart, Koningsdag) still counts. `date` may be any day of the week.
 */
export function isSchoolWeek(date: CivilDate, region: HolidayRegion): boolean {
  const monday = startOfIsoWeek(date);
  for (let offset = 0; offset < 5; offset += 1) {
    if (isSchoolDay(addDays(monday, offset), region)) return true;
  }
  return false;
}

/**
 * The due date of a term of n schoolweken from `date`: the same weekday as `date` in the n-th schoolweek after
 * the ISO week of `date` (that week itself never counts, as a term starts the day after its event). Without a
 * vacation in between this is `date` + 7n, like a term in weken; each vacation week passed adds 7 days.
 * n = 0 gives `date`. Throws CALENDAR_OUT_OF_RANGE when `date` or a week it must judge lies outside the data.
 */
export function addSchoolweken(date: CivilDate, n: number, region: HolidayRegion): CivilDate {
  if (!Number.isInteger(n) || n < 0) {
    throw new DomainError('VALIDATION_FAILED', `A number of schoolweken must be a whole number ≥ 0, got ${n}`, [{ field: 'amount', message: 'must be a whole number ≥ 0' }]);
  }
  assertCovered(date, schoolCalendarCoverage(region));
  let week = startOfIsoWeek(date);
  for (let counted = 0; counted < n; ) {
    week = addDays(week, 7);
    if (isSchoolWeek(week, region)) counted += 1;
  }
  return addDays(week, weekday(date) - 1);
}
