import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { Actor, ReferralStage } from '@schakel/domain';
import { CaseEventEntity, ReferralEntity } from '@schakel/persistence';
import type { ReferralListPosition } from './referral-list.cursor';
import { referralScopeClause } from './referral-scope.filter';

export interface ReferralListFilter {
  stage?: ReferralStage;
  schoolBrin?: string;
  regisseurId?: string;
  /** Only open cases with an overdue deadline, most overdue first (issue 3 §6). */
  overdue?: boolean;
  limit: number;
  after?: ReferralListPosition;
}

export interface ReferralIntake {
  stage: ReferralStage;
  /** The request that started the referral; undefined until its first event is projected. */
  submittedRequestId: string | undefined;
}

export interface ReferralPage {
  rows: ReferralEntity[];
  /** Where the next page starts; undefined on the last page. */
  next?: ReferralListPosition;
}

/** Reads the read model the worker projects. The API never writes it (DESIGN.md: one writer, the workflow). */
@Injectable()
export class ReferralsRepository {
  constructor(
    @InjectRepository(ReferralEntity) private readonly referrals: Repository<ReferralEntity>,
    @InjectRepository(CaseEventEntity) private readonly events: Repository<CaseEventEntity>,
  ) {}

  findById(referralId: string): Promise<ReferralEntity | null> {
    return this.referrals.findOneBy({ id: referralId });
  }

  /**
   * How far a new referral's intake has reached the read model: its row's stage and the request id on its first
   * timeline entry (who started it). Null while the worker has not projected it yet. One primary-key lookup, so the
   * API can wait for an intake without asking the workflow (issue 7 §3).
   */
  async intakeOf(referralId: string): Promise<ReferralIntake | null> {
    const rows = await this.referrals.query<Array<{ stage: ReferralStage; request_id: string | null }>>(
      'SELECT r.stage, e.request_id FROM referral r LEFT JOIN case_event e ON e.referral_id = r.id AND e.seq = 1 WHERE r.id = $1',
      [referralId],
    );
    const row = rows[0];
    return row === undefined ? null : { stage: row.stage, submittedRequestId: row.request_id ?? undefined };
  }

  /**
   * One page of the caller's work list. Newest first, keyset pagination on (created_at, id) — the
   * ix_referral_created_keyset index — so pages stay stable and cheap while cases keep arriving. The
   * overdue list runs most overdue first on (overdue_since, id), the partial ix_referral_overdue_keyset.
   */
  async list(actor: Actor, filter: ReferralListFilter): Promise<ReferralPage> {
    const scope = referralScopeClause(actor);
    if (scope === null) return { rows: [] };
    const query = this.referrals.createQueryBuilder('r').where(scope.where, scope.params);
    if (filter.stage !== undefined) query.andWhere('r.stage = :stage', { stage: filter.stage });
    if (filter.schoolBrin !== undefined) query.andWhere('r.school_brin = :schoolBrin', { schoolBrin: filter.schoolBrin });
    if (filter.regisseurId !== undefined) query.andWhere('r.regisseur_id = :regisseurId', { regisseurId: filter.regisseurId });
    if (filter.overdue === true) {
      // The index predicate, repeated literally so the planner can use the partial index.
      query.andWhere('r.overdue_since IS NOT NULL AND r.closed_at IS NULL');
      if (filter.after !== undefined) {
        query.andWhere('(r.overdue_since, r.id) > (:afterAt::timestamptz, :afterId::uuid)', { afterAt: filter.after.at, afterId: filter.after.id });
      }
      query.orderBy('r.overdue_since', 'ASC').addOrderBy('r.id', 'ASC');
    } else {
      if (filter.after !== undefined) {
        query.andWhere('(r.created_at, r.id) < (:afterAt::timestamptz, :afterId::uuid)', { afterAt: filter.after.at, afterId: filter.after.id });
      }
      query.orderBy('r.created_at', 'DESC').addOrderBy('r.id', 'DESC');
    }
    // One row more than asked tells whether another page follows, without a count.
    const rows = await query.limit(filter.limit + 1).getMany();
    if (rows.length <= filter.limit) return { rows };
    const page = rows.slice(0, filter.limit);
    const last = page[page.length - 1] as ReferralEntity;
    // overdue_since is never null in the overdue list: the WHERE above selects only rows that have one.
    const next: ReferralListPosition =
      filter.overdue === true
        ? { order: 'most_overdue', at: (last.overdueSince as Date).toISOString(), id: last.id }
        : { order: 'newest', at: last.createdAt.toISOString(), id: last.id };
    return { rows: page, next };
  }

  timelineOf(referralId: string): Promise<CaseEventEntity[]> {
    return this.events.find({ where: { referralId }, order: { seq: 'ASC' } });
  }
}
