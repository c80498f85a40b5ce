import type { CivilDate } from './civil-date.calendar';

/**
 * Days gelijkgesteld with an algemeen erkende feestdag by Royal Decree under art. 3 lid 3 Atw, as dated
 * data: never derived by rule, because the decrees are not regular (the 2026–2028 decree leaves out
 * Monday 2026-05-04 and Monday 2027-04-26 although earlier decrees covered such Mondays) — CALENDAR.md §2.3.
 */
export interface GelijkgesteldeDag {
  date: CivilDate;
  reason: string;
  /** Citation title of the decree. */
  decree: string;
  /** CALENDAR.md tag: [S] = read only in a secondary source; confirm on wetten.overheid.nl before release. */
  tag: 'V' | 'S';
  source: string;
}

const DECREE_2023_2025 =
  'Besluit gelijkstelling van 28 april 2023, 19 mei 2023, 10 mei 2024, 27 december 2024 en 30 mei 2025 met een algemeen erkende feestdag';
const DECREE_2026_2028 =
  'Besluit gelijkstelling van 2 januari 2026, 15 mei 2026, 7 mei 2027, 28 april 2028 en 26 mei 2028 met een algemeen erkende feestdag';
const SOURCE =
  'CALENDAR.md §2.3 [S]: https://sterfgeval.nl/juridisch/overige/vragen-van-uitvaartondernemers/gemeentelijke-feestdag-bij-lijkbezorging-feestdagen-in-2026-2028/70745';

export const GELIJKGESTELDE_DAGEN: readonly GelijkgesteldeDag[] = [
  { date: '2024-05-10', reason: 'vrijdag na Hemelvaartsdag', decree: DECREE_2023_2025, tag: 'S', source: SOURCE },
  { date: '2024-12-27', reason: 'vrijdag na Tweede Kerstdag', decree: DECREE_2023_2025, tag: 'S', source: SOURCE },
  { date: '2025-05-30', reason: 'vrijdag na Hemelvaartsdag', decree: DECREE_2023_2025, tag: 'S', source: SOURCE },
  { date: '2026-01-02', reason: 'vrijdag na Nieuwjaarsdag', decree: DECREE_2026_2028, tag: 'S', source: SOURCE },
  { date: '2026-05-15', reason: 'vrijdag na Hemelvaartsdag', decree: DECREE_2026_2028, tag: 'S', source: SOURCE },
  { date: '2027-05-07', reason: 'vrijdag na Hemelvaartsdag', decree: DECREE_2026_2028, tag: 'S', source: SOURCE },
  { date: '2028-04-28', reason: 'vrijdag na Koningsdag', decree: DECREE_2026_2028, tag: 'S', source: SOURCE },
  { date: '2028-05-26', reason: 'vrijdag na Hemelvaartsdag', decree: DECREE_2026_2028, tag: 'S', source: SOURCE },
];

/**
 * The years for which the list above is complete: 2024 up to the last year of the newest known decree.
 * The 2023 days in the first decree's title are outside CALENDAR.md's table, and no decree is known for
 * 2029 onward, so werkdag and Atw answers outside this span throw (CALENDAR.md §2.3, §8.4).
 */
export const GELIJKGESTELD_FIRST_YEAR = 2024;
export const GELIJKGESTELD_LAST_YEAR = 2028;
