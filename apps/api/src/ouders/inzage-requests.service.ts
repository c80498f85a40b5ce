import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { dutchDateOf, scopesOf, type Actor } from '@schakel/domain';
import { InzageRequestStore, type InzageRequestRecord } from '@schakel/persistence';
import { AuditRecorder } from '../audit/audit.recorder';
import { UpstreamUnavailableError } from '../errors/upstream-unavailable.error';
import { encodeInzageRequestCursor, type ListInzageRequestsDto } from './dto/inzage-requests.request';
import type { InzageRequestListResponseDto } from './dto/inzage-requests.response';

/**
 * The requests of inzage for the loket of the child's region and for the FG to follow up (issue 11 §6, ADR 0016):
 * each with its one-month term (AVG art. 12(3)), the most urgent first. Only child references, never a name;
 * which children's requests a caller saw is in the audit log before the page leaves.
 */
@Injectable()
export class InzageRequestsService {
  private readonly requests: InzageRequestStore;

  constructor(
    dataSource: DataSource,
    private readonly audit: AuditRecorder,
  ) {
    this.requests = new InzageRequestStore(dataSource);
  }

  async list(actor: Actor, query: ListInzageRequestsDto, requestId: string, now = new Date()): Promise<InzageRequestListResponseDto> {
    const today = dutchDateOf(now.getTime());
    const scopes = scopesOf('inzage.list', actor.role);
    // `region` without a region in the token sees nothing rather than everything.
    const region = scopes.includes('allRegions') ? undefined : scopes.includes('region') && actor.region !== undefined ? actor.region : null;
    if (region === null) return { items: [], nextCursor: null };
    let rows: InzageRequestRecord[];
    try {
      rows = await this.requests.list({
        ...(region === undefined ? {} : { region }),
        ...(query.overdue === true ? { openAndDueBefore: today } : {}),
        ...(query.cursor === undefined ? {} : { after: query.cursor }),
        limit: query.limit + 1,
      });
    } catch (error) {
      throw new UpstreamUnavailableError('postgres', 'The requests of inzage could not be read', { cause: error });
    }
    const page = rows.slice(0, query.limit);
    for (const childRef of new Set(page.map((row) => row.childRef))) await this.audit.record(actor, 'inzage.listed', { childRef }, requestId);
    const last = page.at(-1);
    return {
      items: page.map((row) => ({
        id: row.id,
        childRef: row.childRef,
        region: row.region,
        requestedAt: row.receivedAt.toISOString(),
        dueOn: row.dueOn,
        answered: row.answeredAt !== null,
        answeredAt: row.answeredAt?.toISOString() ?? null,
        overdue: row.answeredAt === null && row.dueOn < today,
      })),
      nextCursor: rows.length > query.limit && last !== undefined ? encodeInzageRequestCursor({ dueOn: last.dueOn, id: last.id }) : null,
    };
  }
}
