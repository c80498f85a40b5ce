import { formatCivilDate, parseCivilDate, type CivilDate } from '../calendar/civil-date.calendar';
import { ageInYears } from '../consent/child-age.rule';
import type { SchoolSector } from '../school/school-sector';

/**
 * The voorschool → PO overstap (issue 11 §5). The toddler leaves voorschoolse educatie (VE) or peuteropvang,
 * which is no school: no BRIN, no OSO, no zorgplicht of its own. In Schakel the voorschool organisation acts as
 * a `provider` (ADR 0006 addendum), identified by its organisation code.
 */

/** Where a toddler may go: a basisschool, or with a TLV SBO or SO (DOMAIN.md §1.3 applies as at every overstap). */
export const VOORSCHOOL_DESTINATIONS = ['PO', 'SBO', 'SO'] as const satisfies readonly SchoolSector[];
export type VoorschoolDestination = (typeof VOORSCHOOL_DESTINATIONS)[number];

/** An age as the rules state it. */
export interface AgeTerm {
  years: number;
  months: number;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * The day a child born on `birthDate` reaches `age`. As in ageInYears: when that month is shorter (born on
 * 31 May, six months later), the age is reached on the first day after the month's end, the first day on
 * which the whole period has passed.
 */
export function dateAtAge(birthDate: CivilDate, age: AgeTerm): CivilDate {
  const born = parseCivilDate(birthDate);
  const months = born.month - 1 + age.months;
  const year = born.year + age.years + Math.floor(months / 12);
  const month = (months % 12) + 1;
  if (born.day <= daysInMonth(year, month)) return formatCivilDate({ year, month, day: born.day });
  return month === 12 ? formatCivilDate({ year: year + 1, month: 1, day: 1 }) : formatCivilDate({ year, month: month + 1, day: 1 });
}

/**
 * Aanmelding at a basisschool has legal effect from the third birthday (since 2014); anything earlier is a
 * vooraanmelding without effect or priority (DOMAIN-PROVIDERS.md §3.2, vbs.nl, lv.nl, oudersenonderwijs.nl).
 */
export const AANMELD_AGE: AgeTerm = { years: 3, months: 0 };

/** A child may go to the basisschool from the fourth birthday (WPO art. 39; formal inschrijving at 4 — DOMAIN-PROVIDERS.md §3.2). */
export const SCHOOL_START_AGE: AgeTerm = { years: 4, months: 0 };

/** The child's age in whole years, from the third birthday the plan keeps (the date of birth stays in the personal details). */
export function ageFromThirdBirthday(thirdBirthday: CivilDate, on: CivilDate): number {
  return on < thirdBirthday ? 0 : ageInYears(thirdBirthday, on) + AANMELD_AGE.years;
}

/**
 * What passes to the school without the parents' consent: only that the child followed a VE programme, which
 * one and for how long; the centre is legally obliged to report it. Everything else (the observation form,
 * kindvolgsysteem data) goes only with the parents' written consent, otherwise it is destroyed or handed to the
 * parents (DOMAIN-PROVIDERS.md §3.3, rijksoverheid.nl "Welke informatie verstrekt de kinderopvang…",
 * veranderingenkinderopvang.nl; §4.1 "VE programme/duration shared regardless").
 */
export const ALWAYS_SHARED = ['veProgramme', 'veDurationMonths'] as const;

/**
 * A warme overdracht (a conversation between voorschool, school and parents) follows when the child had a VE
 * indicatie or when there are concerns about support (DOMAIN-PROVIDERS.md §3.3).
 */
export function needsWarmeOverdracht(voorschool: { veIndicatie: boolean; supportNeeded: boolean }): boolean {
  return voorschool.veIndicatie || voorschool.supportNeeded;
}
