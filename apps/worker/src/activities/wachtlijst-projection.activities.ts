import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { WachtlijstProjectionWriter } from '@schakel/persistence';
import type { WachtlijstProjection, WachtlijstProjectionActivities } from '@schakel/workflows/contracts';
import { toReadModelFailure } from './read-model.failure';

/** The wachtlijst read model's activity (issue 11 §4), registered on the worker by createReferralWorker. */
@Injectable()
export class WachtlijstProjectionActivitiesProvider implements WachtlijstProjectionActivities {
  private readonly logger = new Logger('WachtlijstProjection');
  private readonly writer: WachtlijstProjectionWriter;

  constructor(dataSource: DataSource) {
    this.writer = new WachtlijstProjectionWriter(dataSource);
  }

  async projectWachtlijst(projection: WachtlijstProjection): Promise<void> {
    try {
      const written = await this.writer.write(projection);
      // The aanbod's id and counts only: which cases changed is in the read model, never in a log line.
      this.logger.log(`projected wachtlijst ${projection.aanbodId} v${projection.version}: ${written} of ${projection.rows.length} row(s) written`);
    } catch (error) {
      throw toReadModelFailure(error);
    }
  }
}
