import type { DataSource } from 'typeorm';
import type { ActorRef, PersonalDetails } from '@schakel/domain';

export interface StoredPersonalDetails {
  childRef: string;
  details: PersonalDetails;
  version: number;
  updatedAt: Date;
  updatedBy: ActorRef;
}

interface Row {
  child_ref: string;
  details: PersonalDetails;
  version: number;
  updated_at: Date;
  updated_by: ActorRef;
}

/** Why a write was not applied: another change came first (the caller's version is stale). */
export class PersonalDetailsVersionConflict extends Error {
  override readonly name = 'PersonalDetailsVersionConflict';
  constructor(readonly currentVersion: number | null) {
    super(currentVersion === null ? 'no personal details recorded yet' : `personal details are at version ${currentVersion}`);
  }
}

const RETURNING = 'RETURNING child_ref, details, version, updated_at, updated_by';

const toStored = (row: Row): StoredPersonalDetails => ({ childRef: row.child_ref, details: row.details, version: row.version, updatedAt: row.updated_at, updatedBy: row.updated_by });

/**
 * The one store of a child's personal details (issue 5 §3). Writes replace the whole record under
 * optimistic concurrency: `expectedVersion` null creates it, a number must match the stored version.
 */
export class PersonalDetailsStore {
  constructor(private readonly dataSource: DataSource) {}

  async find(childRef: string): Promise<StoredPersonalDetails | null> {
    const rows = await this.dataSource.query<Row[]>(`SELECT child_ref, details, version, updated_at, updated_by FROM child_personal_details WHERE child_ref = $1`, [childRef]);
    return rows[0] === undefined ? null : toStored(rows[0]);
  }

  /**
   * Writes the details. `expectedVersion`: undefined replaces whatever is stored (last write wins); a
   * number must equal the stored version. Refused writes change nothing (PersonalDetailsVersionConflict).
   */
  async put(childRef: string, details: PersonalDetails, by: ActorRef, at: Date, expectedVersion?: number): Promise<StoredPersonalDetails> {
    const values = [childRef, JSON.stringify(details), at, JSON.stringify(by)];
    const rows =
      expectedVersion === undefined
        ? await this.dataSource.query<Row[]>(
            `INSERT INTO child_personal_details AS d (child_ref, details, version, updated_at, updated_by) VALUES ($1, $2::jsonb, 1, $3, $4::jsonb)
             ON CONFLICT (child_ref) DO UPDATE SET details = EXCLUDED.details, version = d.version + 1, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by
             ${RETURNING}`,
            values,
          )
        : await this.dataSource.query<Row[]>(
            `UPDATE child_personal_details SET details = $2::jsonb, version = version + 1, updated_at = $3, updated_by = $4::jsonb
             WHERE child_ref = $1 AND version = $5 ${RETURNING}`,
            [...values, expectedVersion],
          );
    // TypeORM answers an UPDATE … RETURNING with [rows, count].
    const written = (Array.isArray(rows[0]) ? (rows[0] as unknown as Row[])[0] : rows[0]) as Row | undefined;
    if (written === undefined) throw new PersonalDetailsVersionConflict((await this.find(childRef))?.version ?? null);
    return toStored(written);
  }
}
