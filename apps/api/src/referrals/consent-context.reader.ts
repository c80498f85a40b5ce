import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ageInYears, dutchDateOf, type ConsentContext } from '@schakel/domain';
import { PersonalDetailsStore } from '@schakel/persistence';
import { UpstreamUnavailableError } from '../errors/upstream-unavailable.error';

/**
 * What a consent gate needs to know of the child on the day of the decision (issue 11 §6, ADR 0019): the age in
 * whole years and how many parents hold gezag, from the personal details (the only place Schakel keeps the date of
 * birth, issue 5 §3). Only these two numbers travel to the workflow; the date of birth and the names never do.
 */
@Injectable()
export class ConsentContextReader {
  private readonly store: PersonalDetailsStore;

  constructor(dataSource: DataSource) {
    this.store = new PersonalDetailsStore(dataSource);
  }

  async contextOf(childRef: string, now = new Date()): Promise<ConsentContext> {
    let stored;
    try {
      stored = await this.store.find(childRef);
    } catch (error) {
      throw new UpstreamUnavailableError('postgres', "The child's personal details could not be read for the consent rule", { cause: error });
    }
    if (stored === null) return { ageYears: null, parentsWithGezag: null };
    const withGezag = stored.details.parents.filter((parent) => parent.gezag).length;
    return { ageYears: ageInYears(stored.details.child.birthDate, dutchDateOf(now.getTime())), parentsWithGezag: withGezag === 0 ? null : withGezag };
  }
}
