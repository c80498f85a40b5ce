import type { DataSource } from 'typeorm';
import type { WachtlijstEntryRow } from '@schakel/domain';

/** Structurally the workflows contract's `WachtlijstProjection`, so persistence does not depend on libs/workflows. */
export interface WachtlijstProjectionInput {
  aanbodId: string;
  version: number;
  rows: readonly WachtlijstEntryRow[];
}

const REPLACED_COLUMNS = [
  'child_ref', 'region', 'aanbod_kind', 'status', 'enqueued_at', 'waiting_since', 'norm_due_at', 'overbrugging', 'admitted_at', 'removed_at',
  'list_version', 'updated_at',
] as const;

// The rows as one jsonb array. The aanbod's kind comes from the catalogue (a list may run for an aanbod id the
// catalogue does not hold, e.g. in tests: `onbekend`). Temporal may run an activity more than once and a slow
// attempt may commit after a newer one, so a row is replaced only by a higher list version: a late retry can
// never move a case back (as for the referral projection).
const UPSERT_ENTRIES = `
  INSERT INTO wachtlijst_entry (aanbod_id, referral_id, child_ref, region, aanbod_kind, status, enqueued_at, waiting_since, norm_due_at,
    overbrugging, admitted_at, removed_at, list_version, updated_at)
  SELECT $1::varchar, r."referralId", r."childRef", r.region,
    COALESCE((SELECT a.kind FROM aanbod a WHERE a.id::text = $1::varchar), 'onbekend'),
    r.status, r."enqueuedAt", r."waitingSince", r."normDueAt", COALESCE(r.overbrugging, '[]'::jsonb), r."admittedAt", r."removedAt", $2, now()
  FROM jsonb_to_recordset($3::jsonb) AS r("referralId" uuid, "childRef" varchar, region varchar, status varchar, "enqueuedAt" timestamptz,
    "waitingSince" timestamptz, "normDueAt" timestamptz, overbrugging jsonb, "admittedAt" timestamptz, "removedAt" timestamptz)
  ON CONFLICT (aanbod_id, referral_id) DO UPDATE SET ${REPLACED_COLUMNS.map((column) => `${column} = EXCLUDED.${column}`).join(', ')}
  WHERE wachtlijst_entry.list_version < EXCLUDED.list_version
  RETURNING referral_id`;

/** Writes a list's changed rows into `wachtlijst_entry`, idempotently: the projecting activity may be retried anywhere. */
export class WachtlijstProjectionWriter {
  constructor(private readonly dataSource: DataSource) {}

  /** How many rows were written; 0 for a retry of a projection already written. */
  async write(projection: WachtlijstProjectionInput): Promise<number> {
    if (projection.rows.length === 0) return 0;
    const written = await this.dataSource.query<unknown[]>(UPSERT_ENTRIES, [projection.aanbodId, projection.version, JSON.stringify(projection.rows)]);
    return written.length;
  }
}
