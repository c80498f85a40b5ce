import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { actorRef, assertMayOnPersonalDetails, DomainError, dutchDateOf, type Actor, type PersonalDetailsRequest } from '@schakel/domain';
import { PersonalDetailsStore, PersonalDetailsVersionConflict, type StoredPersonalDetails } from '@schakel/persistence';
import { AuditRecorder } from '../audit/audit.recorder';
import { UpstreamUnavailableError } from '../errors/upstream-unavailable.error';
import { TemporalGateway } from '../temporal/temporal.gateway';

/** Pupils in Schakel's sectors, voorschool to the end of VSO/MBO entry: a date of birth outside this is a typing error. */
const MAX_AGE_YEARS = 30;

/**
 * A child's personal details (issue 5 §3): stored once, in Postgres, never in a workflow. Who may see or
 * change them is the access policy on the child's live plan (ACCESS_POLICY 'personalDetails.*'), so they
 * follow the child's school, regisseur and provider as the plan changes; every read and write is in the
 * audit log before the answer leaves.
 */
@Injectable()
export class PersonalDetailsService {
  private readonly store: PersonalDetailsStore;

  constructor(
    dataSource: DataSource,
    private readonly temporal: TemporalGateway,
    private readonly audit: AuditRecorder,
  ) {
    this.store = new PersonalDetailsStore(dataSource);
  }

  async read(actor: Actor, childRef: string, requestId: string): Promise<StoredPersonalDetails> {
    assertMayOnPersonalDetails(actor, await this.temporal.queryChildPlan(childRef), 'view');
    const stored = await this.reading(() => this.store.find(childRef));
    if (stored === null) throw new DomainError('NOT_FOUND', 'No personal details are recorded for this child yet');
    await this.audit.record(actor, 'personalDetails.read', { childRef }, requestId);
    return stored;
  }

  async write(actor: Actor, childRef: string, details: PersonalDetailsRequest, expectedVersion: number | undefined, requestId: string, now = new Date()): Promise<StoredPersonalDetails> {
    assertMayOnPersonalDetails(actor, await this.temporal.queryChildPlan(childRef), 'write');
    assertPlausibleBirthDate(details.child.birthDate, now);
    // Recorded first: a write that cannot be attributed does not happen (AVG art. 5(2)).
    await this.audit.record(actor, 'personalDetails.write', { childRef }, requestId);
    try {
      return await this.reading(() => this.store.put(childRef, details, actorRef(actor), now, expectedVersion));
    } catch (error) {
      if (!(error instanceof PersonalDetailsVersionConflict)) throw error;
      throw new DomainError('VERSION_CONFLICT', `If-Match names version ${expectedVersion}, but the personal details are ${error.currentVersion === null ? 'not recorded yet' : `at version ${error.currentVersion}`}; read them again`, [
        { field: 'If-Match', message: 'is not the current version' },
      ]);
    }
  }

  private async reading<T>(query: () => Promise<T>): Promise<T> {
    try {
      return await query();
    } catch (error) {
      if (error instanceof PersonalDetailsVersionConflict) throw error;
      throw new UpstreamUnavailableError('postgres', 'The personal details could not be read or written', { cause: error });
    }
  }
}

function assertPlausibleBirthDate(birthDate: string, now: Date): void {
  const today = dutchDateOf(now.getTime());
  const earliest = `${Number(today.slice(0, 4)) - MAX_AGE_YEARS}${today.slice(4)}`;
  if (birthDate > today || birthDate < earliest) {
    throw new DomainError('VALIDATION_FAILED', 'The date of birth is not that of a pupil', [{ field: 'child.birthDate', message: `must lie between ${earliest} and ${today}` }]);
  }
}
