import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError, resolveWachtlijstPolicy, type ToewijzingPlacement } from '@schakel/domain';
import { AanbodStore } from '@schakel/persistence';
import { UpstreamUnavailableError } from '../errors/upstream-unavailable.error';
import { ChildAgeReader } from '../ouders/child-age.reader';
import { DeadlinePolicyProvider } from '../policy/deadline-policy.provider';
import { ReferralsRepository } from './referrals.repository';

/**
 * What a toewijzing to an aanbod needs from outside the workflow (issue 11 §2): the aanbod from the catalogue, the
 * child's age in whole years, and the wachtlijst policy of the aanbod's region. The workflow's validator judges the
 * fit on this snapshot with the catalogue's own rule (judgeAanbodFit); an unknown aanbod is refused here already,
 * as is a retired one, so no step names an aanbod nobody can look up.
 */
@Injectable()
export class ToewijzingPlacementReader {
  private readonly catalogue: AanbodStore;

  constructor(
    dataSource: DataSource,
    private readonly repository: ReferralsRepository,
    private readonly ages: ChildAgeReader,
    private readonly policies: DeadlinePolicyProvider,
  ) {
    this.catalogue = new AanbodStore(dataSource);
  }

  async placementFor(referralId: string, aanbodId: string): Promise<ToewijzingPlacement> {
    let aanbod;
    let row;
    try {
      [aanbod, row] = await Promise.all([this.catalogue.find(aanbodId), this.repository.findById(referralId)]);
    } catch (error) {
      throw new UpstreamUnavailableError('postgres', 'The provider catalogue could not be read', { cause: error });
    }
    if (aanbod === null) {
      throw new DomainError('NOT_FOUND', 'Invalid request: aanbodId: no aanbod with this id in the catalogue', [{ field: 'aanbodId', message: 'is not in the catalogue' }]);
    }
    if (aanbod.retired !== null) {
      throw new DomainError('VALIDATION_FAILED', `Invalid request: aanbodId: ${aanbod.name} is no longer offered (retired on ${aanbod.retired.at.slice(0, 10)})`, [
        { field: 'aanbodId', message: 'is retired: choose an aanbod that is still offered' },
      ]);
    }
    // The case's row names the child; a case the caller may not see is refused by the workflow's validator (404).
    const ageInYears = row === null ? null : await this.ages.ageOf(row.childRef);
    return {
      aanbod: {
        id: aanbod.id,
        aanbiederCode: aanbod.aanbieder.code,
        name: aanbod.name,
        route: aanbod.route,
        region: aanbod.region,
        wijken: aanbod.wijken,
        sectors: aanbod.sectors,
        ages: aanbod.ages,
        retired: aanbod.retired,
        capacity: aanbod.capacity,
        placesTaken: aanbod.placesTaken,
      },
      ageInYears,
      wachtlijstPolicy: resolveWachtlijstPolicy(this.policies.policy, aanbod.region),
    };
  }
}
