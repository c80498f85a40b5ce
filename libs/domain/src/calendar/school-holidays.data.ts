import type { CivilDate } from './civil-date.calendar';
import { HOLIDAY_REGIONS, type HolidayRegion } from './holiday-region.data';

/**
 * The regional school vacations (PO, (V)SO, VO) as dated data, per school year, with sources — CALENDAR.md
 * §1.2, encoded as §8.1 asks: one entry per type × region, `start`/`end` inclusive (published Saturday →
 * Sunday). These are regional defaults; a school may deviate (CALENDAR.md §1.1, §1.5). MBO, hbo and wo set
 * their own dates and are not covered.
 */
export const SCHOOL_VACATION_TYPES = ['herfstvakantie', 'kerstvakantie', 'voorjaarsvakantie', 'meivakantie', 'zomervakantie'] as const;
export type SchoolVacationType = (typeof SCHOOL_VACATION_TYPES)[number];

/** `verplicht`: fixed by OCW (kerst 2 weeks, zomer 6 weeks, 1 week mei); `advies`: schools may deviate — CALENDAR.md §1.1. */
export type SchoolVacationStatus = 'verplicht' | 'advies';

export interface SchoolVacation {
  type: SchoolVacationType;
  status: SchoolVacationStatus;
  region: HolidayRegion;
  start: CivilDate;
  end: CivilDate;
}

export interface SchoolYearHolidays {
  /** e.g. "2026-2027"; each zomervakantie is listed under the school year it ends (CALENDAR.md §1.2). */
  schoolYear: string;
  /** CALENDAR.md tag: [V] primary source (open data, rijksoverheid.nl), [S] secondary only. */
  tag: 'V' | 'S';
  sources: readonly string[];
  /** Present only for a partial year, saying what it holds and why. */
  note?: string;
  vacations: readonly SchoolVacation[];
}

type Range = readonly [start: CivilDate, end: CivilDate];
/** One table row of CALENDAR.md §1.2: status, then the Noord, Midden and Zuid ranges. */
type Row = readonly [SchoolVacationStatus, noord: Range, midden: Range, zuid: Range];

function perRegion(rows: Partial<Record<SchoolVacationType, Row>>): SchoolVacation[] {
  return SCHOOL_VACATION_TYPES.flatMap((type) => {
    const row = rows[type];
    if (row === undefined) return [];
    const [status, ...ranges] = row;
    return HOLIDAY_REGIONS.map((region, index) => {
      const [start, end] = ranges[index] as Range;
      return { type, status, region, start, end };
    });
  });
}

const OPEN_DATA = 'https://opendata.rijksoverheid.nl/v1/sources/rijksoverheid/infotypes/schoolholidays';
const OPEN_DATA_COPY = 'https://github.com/burakkp/nl-holidays-ical (dist/nl-school-*.ics, generated 2025-09-10; DTEND exclusive, converted to inclusive)';

export const SCHOOL_HOLIDAYS: readonly SchoolYearHolidays[] = [
  {
    schoolYear: '2023-2024',
    tag: 'S',
    sources: [
      'https://www.hartvannederland.nl/advies-en-tips/reizen/artikelen/zomervakantie-in-het-zuiden-laatste-loodjes-voor-noord-en-midden',
    ],
    note: 'Only the zomervakantie 2024, so that August 2024 is covered — CALENDAR.md §1.2 ("Preceding summer")',
    vacations: perRegion({
      zomervakantie: ['verplicht', ['2024-07-20', '2024-09-01'], ['2024-07-13', '2024-08-25'], ['2024-07-06', '2024-08-18']],
    }),
  },
  {
    schoolYear: '2024-2025',
    tag: 'V',
    sources: [
      OPEN_DATA,
      OPEN_DATA_COPY,
      'https://www.nationaleonderwijsgids.nl/speciaal-onderwijs/nieuws/70520-schoolvakanties-noord-midden-en-zuid-voor-eind-2024-en-gedeelte-2025.html',
      'https://simonscholen.nl/Over-SIMON',
    ],
    vacations: perRegion({
      herfstvakantie: ['advies', ['2024-10-26', '2024-11-03'], ['2024-10-26', '2024-11-03'], ['2024-10-19', '2024-10-27']],
      kerstvakantie: ['verplicht', ['2024-12-21', '2025-01-05'], ['2024-12-21', '2025-01-05'], ['2024-12-21', '2025-01-05']],
      voorjaarsvakantie: ['advies', ['2025-02-15', '2025-02-23'], ['2025-02-22', '2025-03-02'], ['2025-02-22', '2025-03-02']],
      meivakantie: ['verplicht', ['2025-04-26', '2025-05-04'], ['2025-04-26', '2025-05-04'], ['2025-04-26', '2025-05-04']],
      zomervakantie: ['verplicht', ['2025-07-12', '2025-08-24'], ['2025-07-19', '2025-08-31'], ['2025-07-05', '2025-08-17']],
    }),
  },
  {
    schoolYear: '2025-2026',
    tag: 'V',
    sources: [OPEN_DATA, OPEN_DATA_COPY, 'http://www.deepsea.nl/wanneer-begint-zomer-vakantie/', 'http://www.deepsea.nl/wanneer-herfst-vakantie/', 'https://www.landstedembo.nl/vakantieplanning'],
    vacations: perRegion({
      herfstvakantie: ['advies', ['2025-10-18', '2025-10-26'], ['2025-10-18', '2025-10-26'], ['2025-10-11', '2025-10-19']],
      kerstvakantie: ['verplicht', ['2025-12-20', '2026-01-04'], ['2025-12-20', '2026-01-04'], ['2025-12-20', '2026-01-04']],
      voorjaarsvakantie: ['advies', ['2026-02-21', '2026-03-01'], ['2026-02-14', '2026-02-22'], ['2026-02-14', '2026-02-22']],
      meivakantie: ['verplicht', ['2026-04-25', '2026-05-03'], ['2026-04-25', '2026-05-03'], ['2026-04-25', '2026-05-03']],
      zomervakantie: ['verplicht', ['2026-07-04', '2026-08-16'], ['2026-07-18', '2026-08-30'], ['2026-07-11', '2026-08-23']],
    }),
  },
  {
    schoolYear: '2026-2027',
    tag: 'V',
    sources: [
      OPEN_DATA,
      OPEN_DATA_COPY,
      'https://schoolvakanties.org/herfstvakanties-nederland/',
      'https://deschelp.csgdewaard.nl/onze-school/schoolvakanties',
      'https://www.ckcderegenboog.nl/mijn-kind-leerling/vakanties-onderwijs',
    ],
    vacations: perRegion({
      herfstvakantie: ['advies', ['2026-10-10', '2026-10-18'], ['2026-10-17', '2026-10-25'], ['2026-10-17', '2026-10-25']],
      kerstvakantie: ['verplicht', ['2026-12-19', '2027-01-03'], ['2026-12-19', '2027-01-03'], ['2026-12-19', '2027-01-03']],
      voorjaarsvakantie: ['advies', ['2027-02-20', '2027-02-28'], ['2027-02-20', '2027-02-28'], ['2027-02-13', '2027-02-21']],
      meivakantie: ['verplicht', ['2027-04-24', '2027-05-02'], ['2027-04-24', '2027-05-02'], ['2027-04-24', '2027-05-02']],
      zomervakantie: ['verplicht', ['2027-07-10', '2027-08-22'], ['2027-07-17', '2027-08-29'], ['2027-07-24', '2027-09-05']],
    }),
  },
  {
    schoolYear: '2027-2028',
    tag: 'V',
    sources: ['https://rijksoverheid.nl/onderwerpen/schoolvakanties/overzicht-schoolvakanties-per-schooljaar/overzicht-schoolvakanties-2027-2028', OPEN_DATA],
    vacations: perRegion({
      herfstvakantie: ['advies', ['2027-10-16', '2027-10-24'], ['2027-10-16', '2027-10-24'], ['2027-10-23', '2027-10-31']],
      kerstvakantie: ['verplicht', ['2027-12-25', '2028-01-09'], ['2027-12-25', '2028-01-09'], ['2027-12-25', '2028-01-09']],
      voorjaarsvakantie: ['advies', ['2028-02-19', '2028-02-27'], ['2028-02-26', '2028-03-05'], ['2028-02-26', '2028-03-05']],
      meivakantie: ['verplicht', ['2028-04-29', '2028-05-07'], ['2028-04-29', '2028-05-07'], ['2028-04-29', '2028-05-07']],
      zomervakantie: ['verplicht', ['2028-07-15', '2028-08-27'], ['2028-07-08', '2028-08-20'], ['2028-07-22', '2028-09-03']],
    }),
  },
  {
    schoolYear: '2028-2029',
    tag: 'V',
    sources: ['https://rijksoverheid.nl/onderwerpen/schoolvakanties/overzicht-schoolvakanties-per-schooljaar/overzicht-schoolvakanties-2028-2029', OPEN_DATA],
    vacations: perRegion({
      herfstvakantie: ['advies', ['2028-10-14', '2028-10-22'], ['2028-10-21', '2028-10-29'], ['2028-10-21', '2028-10-29']],
      kerstvakantie: ['verplicht', ['2028-12-23', '2029-01-07'], ['2028-12-23', '2029-01-07'], ['2028-12-23', '2029-01-07']],
      voorjaarsvakantie: ['advies', ['2029-02-17', '2029-02-25'], ['2029-02-17', '2029-02-25'], ['2029-02-10', '2029-02-18']],
      meivakantie: ['verplicht', ['2029-04-28', '2029-05-06'], ['2029-04-28', '2029-05-06'], ['2029-04-28', '2029-05-06']],
      zomervakantie: ['verplicht', ['2029-07-21', '2029-09-02'], ['2029-07-07', '2029-08-19'], ['2029-07-14', '2029-08-26']],
    }),
  },
];

/**
 * The first day the data answers for: 1 August 2024, the start of school year 2024-2025 (art. 1 WPO), with the
 * zomervakantie 2024 row covering August — CALENDAR.md §8.4. The last day per region is the end of its
 * zomervakantie 2029: what follows (herfstvakantie 2029) is not in the data.
 */
export const SCHOOL_HOLIDAYS_FIRST_DAY: CivilDate = '2024-08-01';
