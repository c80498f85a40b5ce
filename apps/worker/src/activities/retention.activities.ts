import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { RetentionPolicy } from '@schakel/domain';
import { RetentionSweeper } from '@schakel/persistence';
import type { RetentionActivities } from '@schakel/workflows/contracts';
import { toReadModelFailure } from './read-model.failure';

/** The retention sweep's activity (issue 5 §5), registered on the worker by createReferralWorker. */
@Injectable()
export class RetentionActivitiesProvider implements RetentionActivities {
  private readonly logger = new Logger('RetentionActivities');
  private readonly sweeper: RetentionSweeper;

  constructor(dataSource: DataSource) {
    this.sweeper = new RetentionSweeper(dataSource);
  }

  async sweepClosedReferrals(retention: RetentionPolicy, now: string, batchSize: number): Promise<{ processed: number }> {
    try {
      const result = await this.sweeper.sweep(retention, new Date(now), batchSize);
      // Counts only: which cases were swept is in the read model, never in a log line.
      if (result.processed > 0) this.logger.log(`retention: ${retention.action} ${result.processed} closed referral(s)`);
      return result;
    } catch (error) {
      throw toReadModelFailure(error);
    }
  }
}
