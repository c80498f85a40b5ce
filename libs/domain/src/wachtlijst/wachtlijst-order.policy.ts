import type { WachtlijstOrderCriterion } from '../deadline/deadline-policy.schema';
import type { Urgency } from './wachtlijst-request.schema';

/** What the order looks at: nothing else of an entry may decide who is admitted first. */
export interface Orderable {
  sequence: number;
  thuiszitter: boolean;
  urgency: Urgency;
  overbrugging: unknown;
  waitingSince: string;
}

const URGENCY_RANK: Record<Urgency, number> = { spoed: 0, hoog: 1, normaal: 2 };

const BY: Record<WachtlijstOrderCriterion, (a: Orderable, b: Orderable) => number> = {
  thuiszitter: (a, b) => Number(b.thuiszitter) - Number(a.thuiszitter),
  urgentie: (a, b) => URGENCY_RANK[a.urgency] - URGENCY_RANK[b.urgency],
  zonderOverbrugging: (a, b) => Number(a.overbrugging !== null) - Number(b.overbrugging !== null),
  langstWachtend: (a, b) => Date.parse(a.waitingSince) - Date.parse(b.waitingSince),
};

/**
 * The policy's order as a comparator: its criteria in turn, then always the longest wait and the order of
 * arrival, so no two entries compare equal and every replay admits the same case (issue 11 §3).
 */
export function wachtlijstComparator(criteria: readonly WachtlijstOrderCriterion[]): (a: Orderable, b: Orderable) => number {
  return (a, b) => {
    for (const criterion of criteria) {
      const order = BY[criterion](a, b);
      if (order !== 0) return order;
    }
    return BY.langstWachtend(a, b) || a.sequence - b.sequence;
  };
}
