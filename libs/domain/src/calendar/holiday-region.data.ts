import { DomainError } from '../errors/domain-error';

/** The three school-holiday regions of the Regeling vaststelling schoolvakanties — CALENDAR.md §1.4. */
export const HOLIDAY_REGIONS = ['noord', 'midden', 'zuid'] as const;
export type HolidayRegion = (typeof HOLIDAY_REGIONS)[number];

export function isHolidayRegion(value: unknown): value is HolidayRegion {
  return typeof value === 'string' && (HOLIDAY_REGIONS as readonly string[]).includes(value);
}

/** An unknown region, or none, is refused: never a default (CALENDAR.md §8.4). */
export function assertHolidayRegion(value: unknown): asserts value is HolidayRegion {
  if (!isHolidayRegion(value)) {
    throw new DomainError('VALIDATION_FAILED', `Unknown school-holiday region ${JSON.stringify(value)}: must be one of ${HOLIDAY_REGIONS.join(', ')}`, [
      { field: 'region', message: `must be one of ${HOLIDAY_REGIONS.join(', ')}` },
    ]);
  }
}

export const PROVINCES = [
  'Groningen',
  'Friesland',
  'Drenthe',
  'Overijssel',
  'Flevoland',
  'Gelderland',
  'Utrecht',
  'Noord-Holland',
  'Zuid-Holland',
  'Zeeland',
  'Noord-Brabant',
  'Limburg',
] as const;
export type Province = (typeof PROVINCES)[number];

/**
 * The region of each province, or `gesplitst` where some gemeenten lie in another region. The location of
 * the school vestiging decides (art. 2 Regeling vaststelling schoolvakanties 2016–2019), so a school in a
 * gesplitst province needs its gemeente. Source: art. 3 of that regeling [V] (Stcrt. 2015, 35695), kept in
 * 2022–2025 [S] — CALENDAR.md §1.4. The per-gemeente list of the 2025–2030 regeling is [unverified] (merged
 * gemeenten such as West Betuwe, Berg en Dal, Altena), so gemeenten are deliberately not encoded.
 */
export const PROVINCE_HOLIDAY_REGION: Readonly<Record<Province, HolidayRegion | 'gesplitst'>> = {
  Groningen: 'noord',
  Friesland: 'noord',
  Drenthe: 'noord',
  Overijssel: 'noord',
  'Noord-Holland': 'noord',
  // Noord except gemeente Zeewolde (midden).
  Flevoland: 'gesplitst',
  // Midden except Eemnes and the former gemeente Abcoude (noord).
  Utrecht: 'gesplitst',
  // Hattem noord; the rest split between midden and zuid per gemeente.
  Gelderland: 'gesplitst',
  'Zuid-Holland': 'midden',
  Zeeland: 'zuid',
  Limburg: 'zuid',
  // Zuid except Werkendam (without Hank and Dussen) and Woudrichem, now in Altena: midden.
  'Noord-Brabant': 'gesplitst',
};
