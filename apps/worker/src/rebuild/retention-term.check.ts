import { retentionCutoff, type ReferralSummary, type RetentionPolicy } from '@schakel/domain';

/**
 * What the retention policy says about a closed case the rebuild is about to project (ADR 0012): Temporal may
 * still hold a case whose bewaartermijn has passed (a namespace retention longer than the shortest term), and
 * a rebuild must not bring back what the sweep anonymised or removed.
 */
export type RetentionVerdict = 'within-term' | 'anonymise' | 'remove';

export function retentionVerdict(summary: Pick<ReferralSummary, 'closedAt' | 'route'>, retention: RetentionPolicy | undefined, now: Date): RetentionVerdict {
  if (retention === undefined || summary.closedAt === null) return 'within-term';
  // The sweep's rule (RetentionSweeper): the route's term, a case closed before any toewijzing counting as onderwijs.
  const cutoff = retentionCutoff(retention.closedCases[summary.route ?? 'onderwijs'], now.getTime());
  if (Date.parse(summary.closedAt) >= cutoff) return 'within-term';
  return retention.action === 'verwijderen' ? 'remove' : 'anonymise';
}
