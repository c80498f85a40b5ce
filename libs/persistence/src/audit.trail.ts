import type { EntityManager } from 'typeorm';
import type { ActorRef } from '@schakel/domain';

/** One look at, or change of, a case by a person through the API (issue 5 §4). */
export interface AuditAccess {
  actor: ActorRef;
  /** e.g. `referral.read`, `referral.listed`, `plan.read`, `plan.scheduleTransition`. */
  action: string;
  referralId?: string;
  childRef?: string;
  /** An aanbod of the provider catalogue, for its changes (issue 11 §1). */
  aanbodId?: string;
  requestId: string;
  occurredAt: Date;
}

export interface AuditEntry {
  id: string;
  occurredAt: string;
  actor: { sub: string; role: string; org: string | null };
  action: string;
  referralId: string | null;
  childRef: string | null;
  aanbodId: string | null;
  eventSeq: number | null;
  requestId: string | null;
}

/** Whose trail to read: one referral, one child's plan, or one aanbod of the provider catalogue. */
export type AuditSubject = { referralId: string } | { childRef: string } | { aanbodId: string };

interface AuditRow {
  id: string;
  occurred_at: Date;
  actor_sub: string;
  actor_role: string;
  actor_org: string | null;
  action: string;
  referral_id: string | null;
  child_ref: string | null;
  aanbod_id: string | null;
  event_seq: number | null;
  request_id: string | null;
}

const INSERT = `
  INSERT INTO audit_log (occurred_at, actor_sub, actor_role, actor_org, action, referral_id, child_ref, request_id, aanbod_id)
  SELECT $1, $2, $3, $4, $5, x.referral_id, $7, $8, $9 FROM unnest($6::uuid[]) AS x(referral_id)`;

/**
 * The API's side of the append-only audit log: it records each read and each plan step as it happens
 * (the worker's projection records referral changes), and reads the trail back for admin and the FG.
 */
export class AuditTrail {
  /** A DataSource, or a transaction's EntityManager: then the change and its entry commit together, or neither. */
  constructor(private readonly dataSource: Pick<EntityManager, 'query'>) {}

  /** One entry per case; several referrals read at once (a work-list page) are one statement. */
  async record(access: Omit<AuditAccess, 'referralId'> & { referralIds?: readonly (string | null)[] }): Promise<void> {
    const ids = access.referralIds === undefined || access.referralIds.length === 0 ? [null] : access.referralIds;
    const { actor } = access;
    await this.dataSource.query(INSERT, [access.occurredAt, actor.sub, actor.role, actor.org ?? null, access.action, ids, access.childRef ?? null, access.requestId, access.aanbodId ?? null]);
  }

  /** The trail of one referral, one child's plan or one aanbod, oldest first, at most `limit` entries after `afterId`. */
  async trail(subject: AuditSubject, limit: number, afterId?: string): Promise<AuditEntry[]> {
    const [column, value] = 'referralId' in subject ? ['referral_id', subject.referralId] : 'childRef' in subject ? ['child_ref', subject.childRef] : ['aanbod_id', subject.aanbodId];
    const rows = await this.dataSource.query<AuditRow[]>(
      `SELECT id, occurred_at, actor_sub, actor_role, actor_org, action, referral_id, child_ref, aanbod_id, event_seq, request_id
       FROM audit_log WHERE ${column} = $1 AND ($2::bigint IS NULL OR id > $2::bigint) ORDER BY id LIMIT $3`,
      [value, afterId ?? null, limit],
    );
    return rows.map((row) => ({
      id: String(row.id),
      occurredAt: row.occurred_at.toISOString(),
      actor: { sub: row.actor_sub, role: row.actor_role, org: row.actor_org },
      action: row.action,
      referralId: row.referral_id,
      childRef: row.child_ref,
      aanbodId: row.aanbod_id,
      eventSeq: row.event_seq,
      requestId: row.request_id,
    }));
  }
}
