import { addDays, formatCivilDate, parseCivilDate, type CivilDate } from '../calendar/civil-date.calendar';

/**
 * The controller answers a request of inzage "without undue delay and in any event within one month of
 * receipt", extendable by two further months with notice to the requester (AVG art. 12(3); DOMAIN-PROVIDERS.md
 * §4.3 and its timer table: 1 month, +2 with notice). A month is counted as Regulation (EEC, Euratom) No
 * 1182/71 art. 3(2)(c) counts it: it ends on the day of the next month with the same number as the day of
 * receipt, or on that month's last day when it has no such day (31 January → 28/29 February).
 */
export function inzageDueOn(receivedOn: CivilDate, extensionMonths: 0 | 1 | 2 = 0): CivilDate {
  const { year, month, day } = parseCivilDate(receivedOn);
  const months = year * 12 + (month - 1) + 1 + extensionMonths;
  const dueYear = Math.floor(months / 12);
  const dueMonth = (months % 12) + 1;
  const firstOfNext = formatCivilDate({ year: dueMonth === 12 ? dueYear + 1 : dueYear, month: dueMonth === 12 ? 1 : dueMonth + 1, day: 1 });
  const lastDay = parseCivilDate(addDays(firstOfNext, -1)).day;
  return formatCivilDate({ year: dueYear, month: dueMonth, day: Math.min(day, lastDay) });
}
