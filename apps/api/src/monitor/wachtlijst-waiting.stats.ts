import { dutchDateOf } from '@schakel/domain';

/** One waiting case as the monitor reads it from `wachtlijst_entry`: dates only. */
export interface WaitingCase {
  waitingSince: Date;
  normDueAt: Date | null;
  overbrugging: ReadonlyArray<{ from: string; until?: string }>;
}

export interface WaitingDays {
  median: number | null;
  p90: number | null;
  longest: number | null;
}

export interface WaitingFigures {
  waiting: number;
  /** Waiting without overbruggingszorg on record today: the historical netto count (see below). */
  waitingWithoutOverbrugging: number;
  bruto: WaitingDays;
  netto: WaitingDays;
  /** Share (0-1) of the waiting cases past their running norm; null when none waits. */
  overNorm: number | null;
}

const DAY = 86_400_000;

/** Whole days between two Dutch calendar dates (YYYY-MM-DD), as the thuiszitter monitor counts. */
function daysBetween(from: number, to: number): number {
  return Math.round((Date.parse(dutchDateOf(to)) - Date.parse(dutchDateOf(from))) / DAY);
}

/**
 * The p-th percentile by nearest rank: the smallest value with at least p % of the values at or below it. Always a
 * number of days that some case actually waited (no interpolated half days); the median is the 50th, so for an even
 * count it is the lower of the two middle values.
 */
export function percentile(sortedAscending: readonly number[], p: number): number | null {
  if (sortedAscending.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sortedAscending.length));
  return sortedAscending[rank - 1] ?? null;
}

function waitingDays(days: number[]): WaitingDays {
  const sorted = [...days].sort((a, b) => a - b);
  return { median: percentile(sorted, 50), p90: percentile(sorted, 90), longest: sorted.at(-1) ?? null };
}

/** Days of the wait that overbruggingszorg covered: its periods clipped to [waitingSince, now], overlaps counted once. */
export function coveredDays(since: number, now: number, periods: WaitingCase['overbrugging']): number {
  const spans = periods
    .map((p) => [Math.max(since, Date.parse(p.from)), Math.min(now, p.until === undefined ? now : Date.parse(p.until))] as const)
    .filter(([from, until]) => until > from)
    .sort((a, b) => a[0] - b[0]);
  let covered = 0;
  let reached = Number.NEGATIVE_INFINITY;
  for (const [from, until] of spans) {
    const start = Math.max(from, reached);
    if (until > start) covered += daysBetween(start, until);
    reached = Math.max(reached, until);
  }
  return covered;
}

/**
 * The waiting figures of one list or group (issue 11 §4), measured at `now`, in whole days on the Dutch calendar.
 *
 * Bruto and netto come from the pre-2015 waiting-list monitor (kst-31839-51; DOMAIN-PROVIDERS.md §2.1): it counted
 * youths waiting "bruto", including those who received overbruggingszorg (interim support) meanwhile, and "netto",
 * excluding them — netto is the waiting without any help. Schakel keeps that distinction per day rather than per
 * child: the bruto wait is every day since the complete aanmelding (waitingSince, where the norm counts from), the
 * netto wait the same days minus those covered by overbrugging on record. A child with overbrugging all the time
 * waits 0 days netto, which is the old netto's exclusion; one whose overbrugging stopped counts the days without.
 * The old netto count is `waitingWithoutOverbrugging`.
 */
export function waitingFigures(cases: readonly WaitingCase[], now: Date): WaitingFigures {
  const at = now.getTime();
  const bruto: number[] = [];
  const netto: number[] = [];
  let overNorm = 0;
  let withoutOverbrugging = 0;
  for (const entry of cases) {
    const since = Math.min(entry.waitingSince.getTime(), at);
    const days = Math.max(0, daysBetween(since, at));
    bruto.push(days);
    netto.push(Math.max(0, days - coveredDays(since, at, entry.overbrugging)));
    if (entry.normDueAt !== null && entry.normDueAt.getTime() <= at) overNorm += 1;
    if (!entry.overbrugging.some((p) => p.until === undefined)) withoutOverbrugging += 1;
  }
  return {
    waiting: cases.length,
    waitingWithoutOverbrugging: withoutOverbrugging,
    bruto: waitingDays(bruto),
    netto: waitingDays(netto),
    overNorm: cases.length === 0 ? null : Math.round((overNorm / cases.length) * 1000) / 1000,
  };
}
