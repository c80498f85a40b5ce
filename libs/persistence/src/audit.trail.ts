import type { DataSource } from 'typeorm';
import type { ActorRef } from '@schakel/domain';

/** One look at, or change of, a case by a person through the API (issue 5 §4). */
export interface AuditAccess {
  actor: ActorRef;
  /** e.g. `referral.read`, `referral.listed`, `plan.read`, `plan.scheduleTransition`. */
  action: string;
  referralId?: string;
  childRef?: string;
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
  eventSeq: number | null;
  requestId: string | null;
}

interface AuditRow {
  id: string;
  occurred_at: Date;
  actor_sub: string;
  actor_role: string;
  actor_org: string | null;
  action: string;
  referral_id: string | null;
  child_ref: string | null;
  event_seq: number | null;
  request_id: string | null;
}

const INSERT = `
  INSERT INTO audit_log (occurred_at, actor_sub, actor_role, actor_org, action, referral_id, child_ref, request_id)
  SELECT $1, $2, $3, $4, $5, x.referral_id, $7, $8 FROM unnest($6::uuid[]) AS x(referral_id)`;

/**
 * The API's side of the append-only audit log: it records each read and each plan step as it happens
 * (the worker's projection records referral changes), and reads the trail back for admin and the FG.
 */
export class AuditTrail {
  constructor(private readonly dataSource: DataSource) {}

  /** One entry per case; several referrals read at once (a work-list page) are one statement. */
  async record(access: Omit<AuditAccess, 'referralId'> & { referralIds?: readonly (string | null)[] }): Promise<void> {
    const ids = access.referralIds === undefined || access.referralIds.length === 0 ? [null] : access.referralIds;
    const { actor } = access;
    await this.dataSource.query(INSERT, [access.occurredAt, actor.sub, actor.role, actor.org ?? null, access.action, ids, access.childRef ?? null, access.requestId]);
  }

  /** The trail of one referral or one child's plan, oldest first, at most `limit` entries after `afterId`. */
  async trail(subject: { referralId: string } | { childRef: string }, limit: number, afterId?: string): Promise<AuditEntry[]> {
    const [column, value] = 'referralId' in subject ? ['referral_id', subject.referralId] : ['child_ref', subject.childRef];
    const rows = await this.dataSource.query<AuditRow[]>(
      `SELECT id, occurred_at, actor_sub, actor_role, actor_org, action, referral_id, child_ref, event_seq, request_id
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
      eventSeq: row.event_seq,
      requestId: row.request_id,
    }));
  }
}
