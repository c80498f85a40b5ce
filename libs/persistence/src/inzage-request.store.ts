import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { ActorRef, DossierNotification } from '@schakel/domain';

export interface InzageRequestRecord {
  id: string;
  childRef: string;
  region: string | null;
  receivedAt: Date;
  dueOn: string;
  answeredAt: Date | null;
}

interface Row {
  id: string;
  child_ref: string;
  region: string | null;
  received_at: Date;
  due_on: string;
  answered_at: Date | null;
}

const COLUMNS = `id, child_ref, region, received_at, to_char(due_on, 'YYYY-MM-DD') AS due_on, answered_at`;

const toRecord = (row: Row): InzageRequestRecord => ({
  id: row.id,
  childRef: row.child_ref,
  region: row.region,
  receivedAt: row.received_at,
  dueOn: row.due_on,
  answeredAt: row.answered_at,
});

/** Which requests a page holds: the most urgent first, on (due_on, id). */
export interface InzageRequestQuery {
  /** Only this region's requests; undefined: every region's (the FG). */
  region?: string;
  /** Only requests still open whose last day lies before this Dutch calendar date (today): overdue. */
  openAndDueBefore?: string;
  /** The last row of the previous page. */
  after?: { dueOn: string; id: string };
  limit: number;
}

/** What a reminder, escalation or notice about one child said, to whom by role and organisation (no person): the dossier's own shape. */
export type ChildNotificationRow = DossierNotification;

/**
 * Requests of inzage (issue 11 §6, ADR 0016): recorded on receipt with their one-month term, marked answered
 * when the dossier has left. Also reads the notifications about one child for the dossier itself.
 */
export class InzageRequestStore {
  constructor(private readonly dataSource: DataSource) {}

  async receive(childRef: string, region: string | null, requestedBy: ActorRef, requestId: string | null, receivedAt: Date, dueOn: string): Promise<InzageRequestRecord> {
    const rows = await this.dataSource.query<Row[]>(
      `INSERT INTO inzage_request (id, child_ref, region, requested_by, request_id, received_at, due_on) VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7)
       RETURNING ${COLUMNS}`,
      [randomUUID(), childRef, region, JSON.stringify(requestedBy), requestId, receivedAt, dueOn],
    );
    return toRecord(rows[0] as Row);
  }

  async markAnswered(id: string, answeredAt: Date): Promise<void> {
    await this.dataSource.query(`UPDATE inzage_request SET answered_at = $2 WHERE id = $1 AND answered_at IS NULL`, [id, answeredAt]);
  }

  async find(id: string): Promise<InzageRequestRecord | null> {
    const rows = await this.dataSource.query<Row[]>(`SELECT ${COLUMNS} FROM inzage_request WHERE id = $1`, [id]);
    return rows[0] === undefined ? null : toRecord(rows[0]);
  }

  /** A page of requests for the loket or the FG to follow up (issue 11 §6): bounded, keyset on (due_on, id). */
  async list(query: InzageRequestQuery): Promise<InzageRequestRecord[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown): string => `$${params.push(value)}`;
    if (query.region !== undefined) where.push(`region = ${param(query.region)}`);
    if (query.openAndDueBefore !== undefined) where.push(`answered_at IS NULL AND due_on < ${param(query.openAndDueBefore)}::date`);
    if (query.after !== undefined) where.push(`(due_on, id) > (${param(query.after.dueOn)}::date, ${param(query.after.id)}::uuid)`);
    const rows = await this.dataSource.query<Row[]>(
      `SELECT ${COLUMNS} FROM inzage_request ${where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`} ORDER BY due_on, id LIMIT ${param(query.limit)}`,
      params,
    );
    return rows.map(toRecord);
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
