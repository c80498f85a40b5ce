import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ageInYears, dutchDateOf } from '@schakel/domain';
import { PersonalDetailsStore } from '@schakel/persistence';
import { UpstreamUnavailableError } from '../errors/upstream-unavailable.error';

/**
 * The child's age today, from the date of birth in the personal details (the only place Schakel keeps it,
 * issue 5 §3); null when none is recorded. The consent and inzage rules judge the age at the moment of asking
 * (DOMAIN.md §3.2), so it is read per request, never stored with the case.
 */
@Injectable()
export class ChildAgeReader {
  private readonly store: PersonalDetailsStore;

  constructor(dataSource: DataSource) {
    this.store = new PersonalDetailsStore(dataSource);
  }

  async ageOf(childRef: string, now = new Date()): Promise<number | null> {
    let stored;
    try {
      stored = await this.store.find(childRef);
    } catch (error) {
      throw new UpstreamUnavailableError('postgres', "The child's date of birth could not be read", { cause: error });
    }
    return stored === null ? null : ageInYears(stored.details.child.birthDate, dutchDateOf(now.getTime()));
  }
}
