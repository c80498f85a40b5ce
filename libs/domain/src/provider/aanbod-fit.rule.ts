import type { Aanbod, AanbodRoute, AanbodSector } from './aanbod.schema';

/**
 * Whether an aanbod can serve a case (issue 11 §1, for the toewijzing validator of §2): the same route, the
 * same region, a wijk it serves, a sector and an age it serves, and still offered. A full aanbod still fits:
 * the case then waits on its wachtlijst (issue 11 §2) — capacity is not a reason to refuse.
 */

/** What the toewijzing knows of the case. */
export interface AanbodCaseFacts {
  route: AanbodRoute;
  /** The case's samenwerkingsverband. */
  region: string;
  sector: AanbodSector;
  /** Whole years on the day of the toewijzing (ageInYearsOn). */
  ageInYears: number;
  /** The child's wijk, when the case knows it; an aanbod limited to wijken is only judged on it then. */
  wijk?: string;
}

export const AANBOD_MISFIT_CRITERIA = ['retired', 'route', 'region', 'wijk', 'sector', 'age'] as const;
export type AanbodMisfitCriterion = (typeof AANBOD_MISFIT_CRITERIA)[number];

export interface AanbodMisfit {
  criterion: AanbodMisfitCriterion;
  message: string;
}

/** What the judgement reads of an aanbod. */
export type AanbodFitFacts = Pick<Aanbod, 'name' | 'route' | 'region' | 'wijken' | 'sectors' | 'ages' | 'retired'>;

/** The reasons `aanbod` does not fit the case, in the order of AANBOD_MISFIT_CRITERIA; empty: it fits. */
export function judgeAanbodFit(aanbod: AanbodFitFacts, facts: AanbodCaseFacts): AanbodMisfit[] {
  const misfits: AanbodMisfit[] = [];
  const refuse = (criterion: AanbodMisfitCriterion, message: string): void => void misfits.push({ criterion, message });
  if (aanbod.retired !== null) refuse('retired', `${aanbod.name} is no longer offered (retired on ${aanbod.retired.at.slice(0, 10)})`);
  if (aanbod.route !== facts.route) refuse('route', `${aanbod.name} serves the ${aanbod.route} route, the case the ${facts.route} route`);
  if (aanbod.region !== facts.region) refuse('region', `${aanbod.name} is offered in region ${aanbod.region}, the case is in ${facts.region}`);
  if (facts.wijk !== undefined && aanbod.wijken.length > 0 && !aanbod.wijken.some((wijk) => sameWijk(wijk, facts.wijk as string))) {
    refuse('wijk', `${aanbod.name} serves ${aanbod.wijken.join(', ')}, not ${facts.wijk}`);
  }
  if (!aanbod.sectors.includes(facts.sector)) refuse('sector', `${aanbod.name} serves ${aanbod.sectors.join(', ')}, not ${facts.sector}`);
  if (facts.ageInYears < aanbod.ages.from || facts.ageInYears > aanbod.ages.to) {
    refuse('age', `${aanbod.name} serves ages ${aanbod.ages.from}-${aanbod.ages.to}, the child is ${facts.ageInYears}`);
  }
  return misfits;
}

/** Wijk names are typed by people: case and surrounding spaces do not make another wijk. */
function sameWijk(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/**
 * A child's age in whole years on a calendar date (both YYYY-MM-DD): the birthday counts from the day itself;
 * for someone born on 29 February, from 1 March in years without one (a choice: it never makes a child older early).
 */
export function ageInYearsOn(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [oy, om, od] = on.split('-').map(Number) as [number, number, number];
  const leapDay = bm === 2 && bd === 29;
  const isLeap = (oy % 4 === 0 && oy % 100 !== 0) || oy % 400 === 0;
  const [birthdayMonth, birthdayDay] = leapDay && !isLeap ? [3, 1] : [bm, bd];
  const hadBirthday = om > birthdayMonth || (om === birthdayMonth && od >= birthdayDay);
  return oy - by - (hadBirthday ? 0 : 1);
}
