import type { DataSource, EntityManager } from 'typeorm';
import type { ReferralEvent, ReferralSummary } from '@schakel/domain';

/**
 * One projection of a referral workflow: the new read-model row and the timeline entries it adds.
 * Structurally the workflows contract's `ReferralProjection`; declared here with domain types so the
 * persistence library does not depend on the workflows library.
 */
export interface ReferralProjectionInput {
  summary: ReferralSummary;
  events: readonly ReferralEvent[];
}

/** What one write changed; all zero/false for a retry of a projection that was already written. */
export interface ReferralProjectionResult {
  /** False when the stored row already had this version or a newer one. */
  referralWritten: boolean;
  eventsWritten: number;
  auditEntriesWritten: number;
}

export interface ReferralProjectionWriteOptions {
  /**
   * Also replace a stored row of the same version (the read-model rebuild, ADR 0012). Timeline and audit
   * entries stay insert-only either way.
   */
  rewriteSameVersion?: boolean;
}

/** The events as one jsonb array, unpacked by jsonb_to_recordset in the statements below. */
interface EventRow {
  seq: number;
  type: string;
  occurred_at: string;
  actor_sub: string;
  actor_role: string;
  actor_org: string | null;
  request_id: string | null;
  stage: string;
  data: Record<string, unknown>;
}

const EVENT_RECORDSET = `jsonb_to_recordset($2::jsonb) AS e(
  seq integer, type varchar, occurred_at timestamptz, actor_sub varchar, actor_role varchar,
  actor_org varchar, request_id varchar, stage varchar, data jsonb)`;

/** The columns a newer projection replaces (id and created_at never change). */
const REPLACED_COLUMNS = [
  'stage', 'arrangement_status', 'child_ref', 'school_brin', 'school_sector', 'region', 'thuiszitter', 'thuiszitter_since', 'route',
  'provider_id', 'regisseur_id', 'evaluation_due_at', 'policy_version', 'escalation_level', 'overdue_since', 'next_due_at', 'updated_at',
  'closed_at', 'version',
] as const;

const upsertReferral = (replaceWhen: string): string => `
  INSERT INTO referral (id, stage, arrangement_status, child_ref, school_brin, school_sector, region,
    thuiszitter, thuiszitter_since, route, provider_id, regisseur_id, evaluation_due_at, policy_version,
    escalation_level, overdue_since, next_due_at, created_at, updated_at, closed_at, version)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)
  ON CONFLICT (id) DO UPDATE SET ${REPLACED_COLUMNS.map((column) => `${column} = EXCLUDED.${column}`).join(', ')}
  WHERE ${replaceWhen}
  RETURNING version`;

// Temporal may run an activity more than once and a slow attempt may commit after a newer one, so
// the row is replaced only by a higher version: a late retry can never move a case backwards.
const UPSERT_REFERRAL = upsertReferral('referral.version < EXCLUDED.version');

// A rebuild (ADR 0012) also rewrites a row of the same version whose content differs, so a column added to
// the projection or a fixed projection bug reaches the cases that no longer change. Never a row the retention
// sweep anonymised: its child reference must not come back from the workflow.
const REWRITE_REFERRAL = upsertReferral(
  `referral.version < EXCLUDED.version OR (referral.version = EXCLUDED.version AND referral.anonymised_at IS NULL AND ` +
    `(${REPLACED_COLUMNS.map((column) => `referral.${column}`).join(', ')}) IS DISTINCT FROM (${REPLACED_COLUMNS.map((column) => `EXCLUDED.${column}`).join(', ')}))`,
);

// (referral_id, seq) identifies a timeline entry, so a retried projection adds nothing.
const INSERT_CASE_EVENTS = `
  INSERT INTO case_event (referral_id, seq, type, occurred_at, actor_sub, actor_role, actor_org, request_id, stage, data)
  SELECT $1, e.seq, e.type, e.occurred_at, e.actor_sub, e.actor_role, e.actor_org, e.request_id, e.stage, e.data
  FROM ${EVENT_RECORDSET}
  ORDER BY e.seq
  ON CONFLICT (referral_id, seq) DO NOTHING
  RETURNING seq`;

// Every change is attributable (AVG): one audit entry per timeline entry, once, through the partial
// unique index on (referral_id, event_seq).
const INSERT_AUDIT_ENTRIES = `
  INSERT INTO audit_log (occurred_at, actor_sub, actor_role, actor_org, action, referral_id, event_seq, request_id)
  SELECT e.occurred_at, e.actor_sub, e.actor_role, e.actor_org, e.type, $1, e.seq, e.request_id
  FROM ${EVENT_RECORDSET}
  ORDER BY e.seq
  ON CONFLICT (referral_id, event_seq) WHERE event_seq IS NOT NULL DO NOTHING
  RETURNING event_seq`;

/**
 * Writes referral projections into the read model (referral, case_event) and the audit log, all in
 * one transaction and idempotently, so the projecting activity can be retried at any point.
 */
export class ReferralProjectionWriter {
  constructor(private readonly dataSource: DataSource) {}

  async write(projection: ReferralProjectionInput, options: ReferralProjectionWriteOptions = {}): Promise<ReferralProjectionResult> {
    const { summary } = projection;
    const events = JSON.stringify(projection.events.map(toEventRow));
    return this.dataSource.transaction(async (manager) => {
      const referral = await query(manager, options.rewriteSameVersion === true ? REWRITE_REFERRAL : UPSERT_REFERRAL, summaryParameters(summary));
      const written = await query(manager, INSERT_CASE_EVENTS, [summary.referralId, events]);
      const audited = await query(manager, INSERT_AUDIT_ENTRIES, [summary.referralId, events]);
      return { referralWritten: referral.length > 0, eventsWritten: written.length, auditEntriesWritten: audited.length };
    });
  }
}

async function query(manager: EntityManager, sql: string, parameters: unknown[]): Promise<unknown[]> {
  // The Postgres driver answers an INSERT … RETURNING with its rows.
  return manager.query<unknown[]>(sql, parameters);
}

function summaryParameters(s: ReferralSummary): unknown[] {
  return [
    s.referralId,
    s.stage,
    s.arrangementStatus,
    s.childRef,
    s.schoolBrin,
    s.schoolSector,
    s.region,
    s.thuiszitter,
    s.thuiszitterSince,
    s.route,
    s.providerId,
    s.regisseurId,
    s.evaluationDueAt,
    s.policyVersion,
    s.escalationLevel,
    s.overdueSince,
    s.nextDueAt,
    s.createdAt,
    s.updatedAt,
    s.closedAt,
    s.version,
  ];
}

function toEventRow(event: ReferralEvent): EventRow {
  return {
    seq: event.seq,
    type: event.type,
    occurred_at: event.at,
    actor_sub: event.actor.sub,
    actor_role: event.actor.role,
    actor_org: event.actor.org ?? null,
    request_id: event.requestId ?? null,
    stage: event.stage,
    data: event.data,
  };
}
