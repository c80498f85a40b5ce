import { parseCivilDate, type CivilDate } from '../calendar/civil-date.calendar';

/**
 * The child's age in whole years on a day (both YYYY-MM-DD, Dutch calendar days). The age thresholds of
 * the consent rules are judged at the moment of the decision or the sharing, not when a case opened
 * (DOMAIN.md §3.2: "age thresholds computed at the moment of sharing").
 *
 * Someone born on 29 February has their birthday on 1 March in a common year: the day after 28
 * February is the first day on which a full year has passed.
 */
export function ageInYears(birthDate: CivilDate, on: CivilDate): number {
  const born = parseCivilDate(birthDate);
  const day = parseCivilDate(on);
  const hadBirthday = day.month > born.month || (day.month === born.month && day.day >= born.day);
  return day.year - born.year - (hadBirthday ? 0 : 1);
}

/**
 * The age bands the law draws for a child's say (DOMAIN.md §3.2 and the table in DOMAIN-PROVIDERS.md §4.1):
 * under 12 the parents decide; from 12 to 15 the child and the parents together; from 16 the young person
 * alone (with a few school-law exceptions that run to majority at 18, see consent-age.rule.ts).
 */
export const AGE_BANDS = ['onder12', 'twaalfTotZestien', 'zestienTotAchttien', 'meerderjarig'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export function ageBandOf(ageYears: number): AgeBand {
  if (!Number.isInteger(ageYears) || ageYears < 0) throw new RangeError(`an age in whole years is expected, not ${ageYears}`);
  if (ageYears < 12) return 'onder12';
  if (ageYears < 16) return 'twaalfTotZestien';
  if (ageYears < 18) return 'zestienTotAchttien';
  return 'meerderjarig';
}
