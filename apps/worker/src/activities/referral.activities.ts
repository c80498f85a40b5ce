import { Injectable, Logger } from '@nestjs/common';
import { ReferralProjectionWriter } from '@schakel/persistence';
import type { ReferralActivities, ReferralProjection } from '@schakel/workflows/contracts';
import { toReadModelFailure } from './read-model.failure';

/** The referral family's activities, registered on the worker by createReferralWorker. */
@Injectable()
export class ReferralActivitiesProvider implements ReferralActivities {
  private readonly logger = new Logger('ReferralActivities');

  constructor(private readonly writer: ReferralProjectionWriter) {}

  async projectReferral(projection: ReferralProjection): Promise<void> {
    const { referralId, version, stage } = projection.summary;
    try {
      const result = await this.writer.write(projection);
      // Ids and codes only: the log never carries a name, BSN or birth date (DESIGN.md, "Conventions").
      this.logger.log(
        `projected referral ${referralId} v${version} (${stage}): row ${result.referralWritten ? 'written' : 'already newer'}, ` +
          `${result.eventsWritten} event(s), ${result.auditEntriesWritten} audit entr${result.auditEntriesWritten === 1 ? 'y' : 'ies'}`,
      );
    } catch (error) {
      throw toReadModelFailure(error);
    }
  }
}
