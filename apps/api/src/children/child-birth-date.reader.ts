import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PersonalDetailsStore } from '@schakel/persistence';
import { UpstreamUnavailableError } from '../errors/upstream-unavailable.error';

/**
 * The child's date of birth from the personal details, the only place Schakel keeps it (issue 5 §3), for the
 * one step whose rules count from it: scheduling a voorschool → PO overstap (aanmelding from the third
 * birthday, overdracht at the region's age, school from the fourth). Null when none is recorded.
 */
@Injectable()
export class ChildBirthDateReader {
  private readonly store: PersonalDetailsStore;

  constructor(dataSource: DataSource) {
    this.store = new PersonalDetailsStore(dataSource);
  }

  async birthDateOf(childRef: string): Promise<string | null> {
    try {
      const stored = await this.store.find(childRef);
      return stored === null ? null : stored.details.child.birthDate;
    } catch (error) {
      throw new UpstreamUnavailableError('postgres', "The child's date of birth could not be read", { cause: error });
    }
  }
}
