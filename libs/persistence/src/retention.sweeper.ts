import type { DataSource } from 'typeorm';
import { retentionCutoff, type RetentionPolicy } from '@schakel/domain';

/** What anonymising keeps of a child: nothing that points back to them. */
export const ANONYMISED_CHILD_REF = 'geanonimiseerd';

// Closed referrals past their route's term, oldest first; SKIP LOCKED lets two sweeps share the work.
const DUE = `
  SELECT id, child_ref FROM referral
  WHERE closed_at IS NOT NULL AND anonymised_at IS NULL
    AND closed_at < CASE COALESCE(route, 'onderwijs') WHEN 'onderwijs' THEN $1::timestamptz WHEN 'jeugdhulp' THEN $2::timestamptz ELSE $3::timestamptz END
  ORDER BY closed_at LIMIT $4 FOR UPDATE SKIP LOCKED`;

// A child's personal details go with the last of its referrals that was kept whole (issue 5 §3: stored once).
const REMOVE_UNREFERENCED_PERSONAL_DETAILS = `
  DELETE FROM child_personal_details d WHERE d.child_ref = ANY($1::varchar[])
    AND NOT EXISTS (SELECT 1 FROM referral r WHERE r.child_ref = d.child_ref AND r.anonymised_at IS NULL)`;

// Free text the timeline's entries may carry (reasons, notes, summaries): gone; codes and dates stay for figures.
const STRIP_EVENT_TEXT = `UPDATE case_event SET data = data - 'reason' - 'note' - 'summary' WHERE referral_id = ANY($1::uuid[])`;

/**
 * Applies the bewaartermijnen to the read model (issue 5 §5), one batch per call, in one transaction:
 * `anonimiseren` replaces the child reference and strips free text but keeps codes and dates for the
 * figures; `verwijderen` removes the case, its timeline and its notifications. Either way the child's
 * personal details go once no referral of the child is kept whole. The audit log is kept:
 * it is append-only by design and names ids and roles, not the child.
 */
export class RetentionSweeper {
  constructor(private readonly dataSource: DataSource) {}

  async sweep(policy: RetentionPolicy, now: Date, batchSize: number): Promise<{ processed: number }> {
    const cutoffs = (['onderwijs', 'jeugdhulp', 'gecombineerd'] as const).map((route) => new Date(retentionCutoff(policy.closedCases[route], now.getTime())));
    return this.dataSource.transaction(async (manager) => {
      const due = await manager.query<Array<{ id: string; child_ref: string }>>(DUE, [...cutoffs, batchSize]);
      const ids = due.map((row) => row.id);
      if (ids.length === 0) return { processed: 0 };
      if (policy.action === 'anonimiseren') {
        await manager.query(STRIP_EVENT_TEXT, [ids]);
        await manager.query(`UPDATE referral SET child_ref = $2, anonymised_at = $3 WHERE id = ANY($1::uuid[])`, [ids, ANONYMISED_CHILD_REF, now]);
      } else {
        await manager.query(`DELETE FROM webhook_delivery WHERE notification_id IN (SELECT id FROM notification WHERE referral_id = ANY($1::uuid[]))`, [ids]);
        await manager.query(`DELETE FROM notification WHERE referral_id = ANY($1::uuid[])`, [ids]);
        await manager.query(`DELETE FROM case_event WHERE referral_id = ANY($1::uuid[])`, [ids]);
        await manager.query(`DELETE FROM referral WHERE id = ANY($1::uuid[])`, [ids]);
      }
      await manager.query(REMOVE_UNREFERENCED_PERSONAL_DETAILS, [[...new Set(due.map((row) => row.child_ref))]]);
      return { processed: ids.length };
    });
  }
}
