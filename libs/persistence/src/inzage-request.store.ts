import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { ActorRef, DossierNotification } from '@schakel/domain';

export interface InzageRequestRecord {
  id: string;
  childRef: string;
  receivedAt: Date;
  dueOn: string;
  answeredAt: Date | null;
}

interface Row {
  id: string;
  child_ref: string;
  received_at: Date;
  due_on: string;
  answered_at: Date | null;
}

const toRecord = (row: Row): InzageRequestRecord => ({ id: row.id, childRef: row.child_ref, receivedAt: row.received_at, dueOn: row.due_on, answeredAt: row.answered_at });

/** What a reminder, escalation or notice about one child said, to whom by role and organisation (no person): the dossier's own shape. */
export type ChildNotificationRow = DossierNotification;

/**
 * Requests of inzage (issue 11 §6, ADR 0016): recorded on receipt with their one-month term, marked answered
 * when the dossier has left. Also reads the notifications about one child for the dossier itself.
 */
export class InzageRequestStore {
  constructor(private readonly dataSource: DataSource) {}

  async receive(childRef: string, requestedBy: ActorRef, requestId: string | null, receivedAt: Date, dueOn: string): Promise<InzageRequestRecord> {
    const rows = await this.dataSource.query<Row[]>(
      `INSERT INTO inzage_request (id, child_ref, requested_by, request_id, received_at, due_on) VALUES ($1, $2, $3::jsonb, $4, $5, $6)
       RETURNING id, child_ref, received_at, to_char(due_on, 'YYYY-MM-DD') AS due_on, answered_at`,
      [randomUUID(), childRef, JSON.stringify(requestedBy), requestId, receivedAt, dueOn],
    );
    return toRecord(rows[0] as Row);
  }

  async markAnswered(id: string, answeredAt: Date): Promise<void> {
    await this.dataSource.query(`UPDATE inzage_request SET answered_at = $2 WHERE id = $1 AND answered_at IS NULL`, [id, answeredAt]);
  }

  async find(id: string): Promise<InzageRequestRecord | null> {
    const rows = await this.dataSource.query<Row[]>(`SELECT id, child_ref, received_at, to_char(due_on, 'YYYY-MM-DD') AS due_on, answered_at FROM inzage_request WHERE id = $1`, [id]);
    return rows[0] === undefined ? null : toRecord(rows[0]);
  }

  /** Every notification about the child: a child plan's (by child_ref) and its referrals' (by referral id). */
  async notificationsAbout(childRef: string, referralIds: readonly string[]): Promise<ChildNotificationRow[]> {
    const rows = await this.dataSource.query<
      Array<{ referral_id: string | null; transition_id: string | null; kind: string; rule: string; level: number; due_at: Date; occurred_at: Date; recipient_role: string; recipient_org: string | null; message: string }>
    >(
      `SELECT referral_id, transition_id, kind, rule, level, due_at, occurred_at, recipient_role, recipient_org, message FROM notification
       WHERE child_ref = $1 OR referral_id = ANY($2::uuid[]) ORDER BY occurred_at, id`,
      [childRef, referralIds],
    );
    return rows.map((r) => ({
      referralId: r.referral_id,
      transitionId: r.transition_id,
      kind: r.kind,
      rule: r.rule,
      level: r.level,
      dueAt: r.due_at.toISOString(),
      occurredAt: r.occurred_at.toISOString(),
      recipientRole: r.recipient_role,
      recipientOrg: r.recipient_org,
      message: r.message,
    }));
  }
}
