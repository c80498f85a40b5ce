import { SCHOOL_SECTORS, type SchoolSector } from '../school/school-sector';
import { dutchDateOf, endOfDutchDayOf, toInstant } from '../time/amsterdam-time';

/** Where an overstap can lead: a school of a sector, or out of school into work or daytime activities (VSO uitstroom). */
export const NON_SCHOOL_DESTINATIONS = ['arbeid', 'dagbesteding'] as const;
export type NonSchoolDestination = (typeof NON_SCHOOL_DESTINATIONS)[number];
export const TRANSITION_DESTINATIONS = [...SCHOOL_SECTORS, ...NON_SCHOOL_DESTINATIONS] as const;
export type TransitionDestination = (typeof TRANSITION_DESTINATIONS)[number];

/**
 * The routes an overstap may take from each sector (issue 4 §2; DOMAIN.md §1.3, §1.10-1.11). The own
 * sector is a tussentijdse schoolwissel (mid-year change of school). Terugplaatsing from SBO/SO to
 * regular education and uitstroom from PRO/VSO into work are part of the same paths.
 */
export const TRANSITION_ROUTES: Readonly<Record<SchoolSector, readonly TransitionDestination[]>> = {
  PO: ['PO', 'VO', 'SBO', 'SO', 'PRO', 'VSO'],
  SBO: ['SBO', 'PO', 'VO', 'SO', 'PRO', 'VSO'],
  SO: ['SO', 'PO', 'SBO', 'VO', 'PRO', 'VSO'],
  VO: ['VO', 'PRO', 'VSO', 'MBO'],
  PRO: ['PRO', 'VO', 'MBO', 'arbeid'],
  VSO: ['VSO', 'VO', 'MBO', 'arbeid', 'dagbesteding'],
  MBO: ['MBO', 'arbeid'],
};

/** SBO, SO, VSO and PRO admit only with a TLV from the samenwerkingsverband (DOMAIN.md §1.3). */
const TLV_SECTORS: readonly TransitionDestination[] = ['SBO', 'SO', 'VSO', 'PRO'];
/** The zorgplicht binds PO, VO and (V)SO boards after an aanmelding (WPO/WVO/WEC — DOMAIN.md §1.1); MBO has toelatingsrecht instead. */
const ZORGPLICHT_SECTORS: readonly TransitionDestination[] = ['PO', 'SBO', 'SO', 'VO', 'PRO', 'VSO'];

export function isAllowedRoute(from: SchoolSector, to: TransitionDestination): boolean {
  return TRANSITION_ROUTES[from].includes(to);
}

export function isSchoolDestination(to: TransitionDestination): to is SchoolSector {
  return (SCHOOL_SECTORS as readonly string[]).includes(to);
}

export function needsTlv(to: TransitionDestination): boolean {
  return TLV_SECTORS.includes(to);
}

export function hasZorgplicht(to: TransitionDestination): boolean {
  return ZORGPLICHT_SECTORS.includes(to);
}

/** An entry into MBO from another sector, which has the 1 April aanmelddatum (WEB — DOMAIN.md §1.11). */
export function isMboEntry(from: SchoolSector, to: TransitionDestination): boolean {
  return to === 'MBO' && from !== 'MBO';
}

/**
 * The end of 1 April before the school year that contains `startDate` (a school year runs from
 * 1 August): who registers by then has toelatingsrecht (DOMAIN.md §1.11).
 */
export function mboAanmeldingDeadline(startDate: string): number {
  // The start's date in the Netherlands: an instant such as 2027-07-31T22:00:00Z is already 1 August there.
  const [year, month] = dutchDateOf(toInstant(startDate)).slice(0, 7).split('-').map(Number) as [number, number];
  const schoolYearStart = month >= 8 ? year : year - 1;
  return endOfDutchDayOf(`${schoolYearStart}-04-01`);
}
