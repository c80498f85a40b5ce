import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  aanbodFieldsOf,
  aanbodRequestSchema,
  actorRef,
  assertMayManageAanbod,
  DomainError,
  parseOrThrow,
  type Aanbod,
  type AanbodPatch,
  type AanbodRequest,
  type Actor,
} from '@schakel/domain';
import { AanbodStore, AanbodWriteRefused, type AanbodWrite } from '@schakel/persistence';
import { UpstreamUnavailableError } from '../errors/upstream-unavailable.error';
import { TemporalGateway } from '../temporal/temporal.gateway';
import { toAanbodResponse, type AanbodListResponseDto } from './dto/aanbod.response';
import type { ListProvidersRequestDto } from './dto/list-providers.request';
import { encodeProviderCursor } from './provider-list.cursor';

/** A change without If-Match that lost a race is merged again onto the newer version, this often at most. */
const MERGE_ATTEMPTS = 3;

/**
 * The provider catalogue (issue 11 §1). Everyone reads it; admin and the loket of an aanbod's region create,
 * change and retire it (ACCESS_POLICY 'provider.manage'). Every change is checked whole against the domain's
 * schema, and written with its audit entry in one transaction: a refused request changes nothing and leaves no
 * entry.
 */
@Injectable()
export class ProvidersService {
  private readonly store: AanbodStore;

  constructor(
    dataSource: DataSource,
    private readonly temporal: TemporalGateway,
  ) {
    this.store = new AanbodStore(dataSource);
  }

  async list(query: ListProvidersRequestDto): Promise<AanbodListResponseDto> {
    const { limit, cursor, ...filter } = query;
    const page = await this.store.list(filter, limit, cursor);
    return { items: page.rows.map(toAanbodResponse), nextCursor: page.nextAfter === undefined ? null : encodeProviderCursor(page.nextAfter) };
  }

  async get(id: string): Promise<Aanbod> {
    const aanbod = await this.store.find(id);
    if (aanbod === null) throw new DomainError('NOT_FOUND', 'Aanbod not found');
    return aanbod;
  }

  async create(actor: Actor, body: AanbodRequest, requestId: string): Promise<Aanbod> {
    assertMayManageAanbod(actor, body.region);
    return this.store.create(body, this.write(actor, requestId));
  }

  /**
   * Replaces the fields the patch names and checks the result whole (a kind's route, a wijkteam's wijken). A
   * change that moves the aanbod to another region needs the right in both. With If-Match only from that version.
   */
  async change(actor: Actor, id: string, patch: AanbodPatch, expectedVersion: number | undefined, requestId: string): Promise<Aanbod> {
    for (let attempt = 1; ; attempt += 1) {
      const current = await this.changeable(actor, id, expectedVersion);
      const merged = parseOrThrow(aanbodRequestSchema, { ...aanbodFieldsOf(current), ...patch });
      if (merged.region !== current.region) assertMayManageAanbod(actor, merged.region);
      let changed: Aanbod;
      try {
        changed = await this.store.update(id, merged, current.version, this.write(actor, requestId));
      } catch (error) {
        if (!this.mayMergeAgain(error, expectedVersion, attempt)) throw this.refusalOf(error, expectedVersion);
        continue;
      }
      // Named in the patch, changed or not: so repeating a PATCH whose list was not told tells it (ADR 0017).
      if (patch.capacity !== undefined) await this.passOnCapacity(actor, changed, requestId);
      return changed;
    }
  }

  /**
   * After the change committed: the aanbod's running wachtlijst gets the capacity as it is now (its
   * `changeWachtlijstCapacity` Update; raising admits at once), under Update id `<aanbodId>:capaciteit-v<version>`,
   * so a retry is applied once. No list runs: nothing to tell (a list starts from the catalogue when a case joins).
   * Temporal unreachable: the change stays stored and audited, and the answer is 503 saying so; repeating the PATCH
   * with the same capacity passes it on (ADR 0017, "Capacity from the catalogue").
   */
  private async passOnCapacity(actor: Actor, changed: Aanbod, requestId: string): Promise<void> {
    try {
      await this.store.withCurrent(changed.id, (now) =>
        this.temporal.changeWachtlijstCapacity(now.id, { actor: actorRef(actor), requestId, body: { capacity: now.capacity } }, capacityUpdateId(now.id, now.version)),
      );
    } catch (error) {
      if (!(error instanceof UpstreamUnavailableError)) throw error;
      throw new UpstreamUnavailableError(
        error.dependency,
        `The change is stored (version ${changed.version}, capacity ${changed.capacity}), but the wachtlijst of this aanbod was not told: ` +
          `${error.message}. Repeat this PATCH with the same capacity (without If-Match, or with version ${changed.version}) to pass it on`,
        { cause: error },
      );
    }
  }

  /** No longer offered: out of the lists and of future toewijzingen, still readable (and its history with it). */
  async retire(actor: Actor, id: string, reason: string, expectedVersion: number | undefined, requestId: string): Promise<Aanbod> {
    for (let attempt = 1; ; attempt += 1) {
      const current = await this.changeable(actor, id, expectedVersion);
      try {
        return await this.store.retire(id, reason, current.version, this.write(actor, requestId));
      } catch (error) {
        if (!this.mayMergeAgain(error, expectedVersion, attempt)) throw this.refusalOf(error, expectedVersion);
      }
    }
  }

  /** 404 unknown, 403 outside the caller's region, 409 retired, 412 If-Match not current: in that order. */
  private async changeable(actor: Actor, id: string, expectedVersion: number | undefined): Promise<Aanbod> {
    const current = await this.get(id);
    assertMayManageAanbod(actor, current.region);
    if (current.retired !== null) throw this.refusalOf(new AanbodWriteRefused('retired', current), expectedVersion);
    if (expectedVersion !== undefined && expectedVersion !== current.version) throw this.refusalOf(new AanbodWriteRefused('version', current), expectedVersion);
    return current;
  }

  private mayMergeAgain(error: unknown, expectedVersion: number | undefined, attempt: number): boolean {
    return error instanceof AanbodWriteRefused && error.reason === 'version' && expectedVersion === undefined && attempt < MERGE_ATTEMPTS;
  }

  private refusalOf(error: unknown, expectedVersion: number | undefined): unknown {
    if (!(error instanceof AanbodWriteRefused)) return error;
    switch (error.reason) {
      case 'not_found':
        return new DomainError('NOT_FOUND', 'Aanbod not found');
      case 'retired':
        return new DomainError('STAGE_CONFLICT', `This aanbod was retired on ${error.current?.retired?.at.slice(0, 10) ?? '?'}; a retired aanbod is not changed`);
      case 'version':
        return new DomainError(
          'VERSION_CONFLICT',
          expectedVersion === undefined
            ? 'The aanbod kept changing while this change was applied; read it again and retry'
            : `If-Match names version ${expectedVersion}, but the aanbod is at version ${error.current?.version ?? '?'}; read it again`,
          [{ field: 'If-Match', message: 'is not the current version' }],
        );
    }
  }

  private write(actor: Actor, requestId: string): AanbodWrite {
    return { by: actorRef(actor), at: new Date(), requestId };
  }
}

/** The list's Update id for the capacity of one version of the aanbod: the same version is applied once. */
export function capacityUpdateId(aanbodId: string, version: number): string {
  return `${aanbodId}:capaciteit-v${version}`;
}
