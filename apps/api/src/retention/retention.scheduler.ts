import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ApiConfig } from '../config/api.config';
import { DeadlinePolicyProvider } from '../policy/deadline-policy.provider';
import { TemporalGateway } from '../temporal/temporal.gateway';

const RETRY_MS = 15_000;

/**
 * Keeps the retention sweep's Temporal Schedule in line with the policy file (issue 5 §5): at boot, and
 * again until Temporal answers, since the API may start before the server does. Durable from then on:
 * the Schedule runs in Temporal, whether or not an API instance is up.
 */
@Injectable()
export class RetentionScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RetentionScheduler.name);
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly config: ApiConfig,
    private readonly policies: DeadlinePolicyProvider,
    private readonly temporal: TemporalGateway,
  ) {}

  onApplicationBootstrap(): void {
    void this.ensure();
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
  }

  private async ensure(): Promise<void> {
    if (this.stopped) return;
    const { retention } = this.policies.policy;
    try {
      const scheduleId = await this.temporal.ensureRetentionSchedule({ retention }, this.config.policy.retentionSweepSeconds);
      this.logger.log(`retention schedule ${scheduleId}: ${retention.action}, every ${this.config.policy.retentionSweepSeconds}s`);
    } catch (error) {
      this.logger.warn(`retention schedule not (yet) in place, retrying in ${RETRY_MS / 1000}s: ${error instanceof Error ? error.message : String(error)}`);
      this.timer = setTimeout(() => void this.ensure(), RETRY_MS);
      this.timer.unref();
    }
  }
}
