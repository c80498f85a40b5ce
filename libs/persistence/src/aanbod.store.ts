import type { DataSource, EntityManager } from 'typeorm';
import type { Aanbod, AanbodFields, ActorRef } from '@schakel/domain';
import { AuditTrail } from './audit.trail';

/** Filters of the catalogue list; each one given narrows it. */
export interface AanbodFilter {
  kind?: string;
  route?: string;
  region?: string;
  sector?: string;
  /** Only aanbod with capacity left (capacity > places taken). */
  withFreePlaces?: boolean;
  /** Retired aanbod too (left out by default). */
  includeRetired?: boolean;
}

export interface AanbodPage {
  rows: Aanbod[];
  /** The id of the last row, when another page follows. */
  nextAfter?: string;
}

/** Who writes, when, and under which request: what the audit entry of the change records. */
export interface AanbodWrite {
  by: ActorRef;
  at: Date;
  requestId: string;
}

/** Why a change was not applied: the aanbod is unknown, retired, or at another version than the caller's. */
export class AanbodWriteRefused extends Error {
  override readonly name = 'AanbodWriteRefused';
  constructor(
    readonly reason: 'not_found' | 'retired' | 'version',
    readonly current: Aanbod | null,
  ) {
    super(reason === 'not_found' ? 'no such aanbod' : reason === 'retired' ? 'the aanbod is retired' : `the aanbod is at version ${current?.version ?? '?'}`);
  }
}

/** Audit actions of the catalogue's changes. */
export const AANBOD_AUDIT_ACTIONS = { create: 'provider.create', change: 'provider.change', retire: 'provider.retire' } as const;

interface Row {
  id: string;
  aanbieder_code: string;
  aanbieder_name: string;
  name: string;
  kind: Aanbod['kind'];
  route: Aanbod['route'];
  funders: Aanbod['funders'];
  region: string;
  wijken: string[];
  sectors: Aanbod['sectors'];
  age_from: number;
  age_to: number;
  capacity: number;
  places_taken: number;
  intake_routes: Aanbod['intakeRoutes'];
  contact_role: Aanbod['contact']['role'];
  contact_mailbox: string;
  contact_phone: string | null;
  description: string | null;
  version: number;
  created_at: Date;
  created_by: ActorRef;
  updated_at: Date;
  updated_by: ActorRef;
  retired_at: Date | null;
  retired_by: ActorRef | null;
  retire_reason: string | null;
}

const COLUMNS = `id, aanbieder_code, aanbieder_name, name, kind, route, funders, region, wijken, sectors, age_from, age_to, capacity, places_taken,
  intake_routes, contact_role, contact_mailbox, contact_phone, description, version, created_at, created_by, updated_at, updated_by,
  retired_at, retired_by, retire_reason`;
const COLUMNS_OF_A = COLUMNS.split(',').map((column) => `a.${column.trim()}`).join(', ');

/** The writable columns, in the order fieldValues gives them (the first parameters of INSERT and UPDATE). */
const FIELD_COLUMNS = [
  'aanbieder_code',
  'aanbieder_name',
  'name',
  'kind',
  'route',
  'funders',
  'region',
  'wijken',
  'sectors',
  'age_from',
  'age_to',
  'capacity',
  'intake_routes',
  'contact_role',
  'contact_mailbox',
  'contact_phone',
  'description',
] as const;

function fieldValues(fields: AanbodFields): unknown[] {
  return [
    fields.aanbieder.code,
    fields.aanbieder.name,
    fields.name,
    fields.kind,
    fields.route,
    fields.funders,
    fields.region,
    fields.wijken ?? [],
    fields.sectors,
    fields.ages.from,
    fields.ages.to,
    fields.capacity,
    fields.intakeRoutes,
    fields.contact.role,
    fields.contact.mailbox,
    fields.contact.phone ?? null,
    fields.description ?? null,
  ];
}

function toAanbod(row: Row): Aanbod {
  return {
    id: row.id,
    aanbieder: { code: row.aanbieder_code, name: row.aanbieder_name },
    name: row.name,
    kind: row.kind,
    route: row.route,
    funders: row.funders,
    region: row.region,
    wijken: row.wijken,
    sectors: row.sectors,
    ages: { from: row.age_from, to: row.age_to },
    capacity: row.capacity,
    placesTaken: row.places_taken,
    intakeRoutes: row.intake_routes,
    contact: { role: row.contact_role, mailbox: row.contact_mailbox, ...(row.contact_phone === null ? {} : { phone: row.contact_phone }) },
    description: row.description,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by,
    updatedAt: row.updated_at.toISOString(),
    updatedBy: row.updated_by,
    retired: row.retired_at === null ? null : { at: row.retired_at.toISOString(), by: row.retired_by as ActorRef, reason: row.retire_reason as string },
  };
}

/** TypeORM answers an UPDATE … RETURNING with [rows, count], an INSERT … RETURNING with the rows. */
function returned(result: unknown): Row | undefined {
  const rows = result as unknown[];
  return (Array.isArray(rows[0]) ? (rows[0] as Row[])[0] : rows[0]) as Row | undefined;
}

/**
 * The provider catalogue in Postgres (issue 11 §1). Every change runs in one transaction with its audit entry
 * (AVG art. 5(2): a change that cannot be attributed does not happen, and a refused one leaves no entry), under
 * optimistic concurrency on `version`. Places taken are never written here: the waiting lists own them (AanbodPlacesWriter).
 */
export class AanbodStore {
  constructor(private readonly dataSource: DataSource) {}

  async find(id: string, manager: Pick<EntityManager, 'query'> = this.dataSource): Promise<Aanbod | null> {
    const rows = await manager.query<Row[]>(`SELECT ${COLUMNS} FROM aanbod WHERE id = $1`, [id]);
    return rows[0] === undefined ? null : toAanbod(rows[0]);
  }

  /**
   * One page in (name, id) order after the aanbod `afterId`. A cursor names a row, not its name, so it stays
   * short; an aanbod renamed between two pages moves in the order, as it would on a fresh read.
   */
  async list(filter: AanbodFilter, limit: number, afterId?: string): Promise<AanbodPage> {
    const conditions: string[] = [];
    const values: unknown[] = [];
    const where = (condition: (placeholder: string) => string, value: unknown): void => {
      values.push(value);
      conditions.push(condition(`$${values.length}`));
    };
    if (filter.kind !== undefined) where((p) => `a.kind = ${p}`, filter.kind);
    if (filter.route !== undefined) where((p) => `a.route = ${p}`, filter.route);
    if (filter.region !== undefined) where((p) => `a.region = ${p}`, filter.region);
    if (filter.sector !== undefined) where((p) => `${p} = ANY(a.sectors)`, filter.sector);
    if (filter.withFreePlaces === true) conditions.push('a.capacity > a.places_taken');
    if (filter.includeRetired !== true) conditions.push('a.retired_at IS NULL');
    if (afterId !== undefined) where((p) => `(a.name, a.id) > (SELECT c.name, c.id FROM aanbod c WHERE c.id = ${p}::uuid)`, afterId);
    values.push(limit + 1);
    const rows = await this.dataSource.query<Row[]>(
      `SELECT ${COLUMNS_OF_A} FROM aanbod a ${conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`}
       ORDER BY a.name, a.id LIMIT $${values.length}`,
      values,
    );
    // One row more than asked tells whether another page follows, without a count.
    const page = rows.slice(0, limit).map(toAanbod);
    return rows.length > limit ? { rows: page, nextAfter: page.at(-1)?.id } : { rows: page };
  }

  async count(): Promise<number> {
    const [row] = await this.dataSource.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM aanbod`);
    return row?.n ?? 0;
  }

  /** Adds an aanbod (version 1, no places taken) and its audit entry. */
  async create(fields: AanbodFields, write: AanbodWrite): Promise<Aanbod> {
    return this.dataSource.transaction(async (manager) => {
      const [created] = await this.insert(manager, [{ fields }], write);
      return created as Aanbod;
    });
  }

  /**
   * Adds each entry whose id is not in the catalogue yet, with the places taken it names, and an audit entry for
   * each one added; entries already there are left as they are (the demo data set: loading it twice changes
   * nothing the second time). Answers the aanbod added.
   */
  async insertMissing(entries: ReadonlyArray<{ id: string; fields: AanbodFields; placesTaken?: number }>, write: AanbodWrite): Promise<Aanbod[]> {
    return this.dataSource.transaction((manager) => this.insert(manager, entries, write));
  }

  private async insert(manager: EntityManager, entries: ReadonlyArray<{ id?: string; fields: AanbodFields; placesTaken?: number }>, write: AanbodWrite): Promise<Aanbod[]> {
    const n = FIELD_COLUMNS.length;
    const placeholders = FIELD_COLUMNS.map((_column, index) => `$${index + 1}`).join(', ');
    const added: Aanbod[] = [];
    for (const entry of entries) {
      const inserted = returned(
        await manager.query(
          `INSERT INTO aanbod (id, ${FIELD_COLUMNS.join(', ')}, places_taken, version, created_at, created_by, updated_at, updated_by)
           VALUES (COALESCE($${n + 1}::uuid, gen_random_uuid()), ${placeholders}, $${n + 2}, 1, $${n + 3}, $${n + 4}::jsonb, $${n + 3}, $${n + 4}::jsonb)
           ON CONFLICT (id) DO NOTHING RETURNING ${COLUMNS}`,
          [...fieldValues(entry.fields), entry.id ?? null, entry.placesTaken ?? 0, write.at, JSON.stringify(write.by)],
        ),
      );
      if (inserted === undefined) continue;
      await new AuditTrail(manager).record({ actor: write.by, action: AANBOD_AUDIT_ACTIONS.create, aanbodId: inserted.id, requestId: write.requestId, occurredAt: write.at });
      added.push(toAanbod(inserted));
    }
    return added;
  }

  /** Replaces the writable fields of an aanbod at `expectedVersion` that is not retired; refused: AanbodWriteRefused. */
  async update(id: string, fields: AanbodFields, expectedVersion: number, write: AanbodWrite): Promise<Aanbod> {
    return this.dataSource.transaction(async (manager) => {
      const n = FIELD_COLUMNS.length;
      const assignments = FIELD_COLUMNS.map((column, index) => `${column} = $${index + 1}`).join(', ');
      const updated = returned(
        await manager.query(
          `UPDATE aanbod SET ${assignments}, version = version + 1, updated_at = $${n + 1}, updated_by = $${n + 2}::jsonb
           WHERE id = $${n + 3} AND version = $${n + 4} AND retired_at IS NULL RETURNING ${COLUMNS}`,
          [...fieldValues(fields), write.at, JSON.stringify(write.by), id, expectedVersion],
        ),
      );
      if (updated === undefined) throw await this.refusal(id, manager);
      await new AuditTrail(manager).record({ actor: write.by, action: AANBOD_AUDIT_ACTIONS.change, aanbodId: id, requestId: write.requestId, occurredAt: write.at });
      return toAanbod(updated);
    });
  }

  /**
   * Runs `send` with the aanbod as it is now, while holding a per-aanbod lock (issue 11 §3: a capacity change passed
   * on to the aanbod's wachtlijst). Two changes that pass their capacity on at the same moment go one after the
   * other, and each sends what is current when it holds the lock, so the last one to reach the list carries the
   * newest capacity, whatever order the PATCHes committed in. Nothing is written.
   */
  async withCurrent<T>(id: string, send: (aanbod: Aanbod) => Promise<T>): Promise<T | undefined> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('aanbod-capacity:' || $1::text))`, [id]);
      const aanbod = await this.find(id, manager);
      return aanbod === null ? undefined : send(aanbod);
    });
  }

  /** Retires an aanbod at `expectedVersion`: out of the lists, still readable. Refused: AanbodWriteRefused. */
  async retire(id: string, reason: string, expectedVersion: number, write: AanbodWrite): Promise<Aanbod> {
    return this.dataSource.transaction(async (manager) => {
      const retired = returned(
        await manager.query(
          `UPDATE aanbod SET retired_at = $1, retired_by = $2::jsonb, retire_reason = $3, version = version + 1, updated_at = $1, updated_by = $2::jsonb
           WHERE id = $4 AND version = $5 AND retired_at IS NULL RETURNING ${COLUMNS}`,
          [write.at, JSON.stringify(write.by), reason, id, expectedVersion],
        ),
      );
      if (retired === undefined) throw await this.refusal(id, manager);
      await new AuditTrail(manager).record({ actor: write.by, action: AANBOD_AUDIT_ACTIONS.retire, aanbodId: id, requestId: write.requestId, occurredAt: write.at });
      return toAanbod(retired);
    });
  }

  private async refusal(id: string, manager: EntityManager): Promise<AanbodWriteRefused> {
    const current = await this.find(id, manager);
    return new AanbodWriteRefused(current === null ? 'not_found' : current.retired !== null ? 'retired' : 'version', current);
  }
}
