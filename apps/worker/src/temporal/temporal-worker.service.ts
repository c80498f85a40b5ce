import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { DEVELOPMENT_PAYLOAD_KEY_WARNING, encryptingDataConverter } from '@schakel/payload-crypto';
import { NotificationActivitiesProvider } from '../activities/notification.activities';
import { ReferralActivitiesProvider } from '../activities/referral.activities';
import { WorkerConfig } from '../config/worker.config';
import { ChildPlanActivitiesProvider } from '../activities/child-plan.activities';
import { RetentionActivitiesProvider } from '../activities/retention.activities';
import { createReferralWorker } from './referral-worker.factory';

/**
 * Owns the Temporal worker's lifetime inside Nest: connects and starts polling once every provider
 * is ready, and on shutdown lets in-flight tasks finish before Nest closes the database (Nest runs
 * every beforeApplicationShutdown before any onApplicationShutdown).
 */
@Injectable()
export class TemporalWorkerService implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger(TemporalWorkerService.name);
  private worker: Worker | undefined;
  private running: Promise<void> | undefined;
  private stopping = false;

  constructor(
    private readonly config: WorkerConfig,
    private readonly referralActivities: ReferralActivitiesProvider,
    private readonly notificationActivities: NotificationActivitiesProvider,
    private readonly childPlanActivities: ChildPlanActivitiesProvider,
    private readonly retentionActivities: RetentionActivitiesProvider,
    /** Shared with the Client that starts webhook deliveries (TEMPORAL_CLIENT_PROVIDERS). */
    private readonly connection: NativeConnection,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { address, namespace, taskQueue, workflowBundlePath, maxCachedWorkflows } = this.config.temporal;
    if (workflowBundlePath === undefined && this.config.env === 'production') {
      this.logger.warn('no WORKFLOW_BUNDLE_PATH: bundling workflows from libs/workflows/dist at start');
    }
    if (this.config.payloadEncryption.usesDevelopmentKey) {
      this.logger.warn(DEVELOPMENT_PAYLOAD_KEY_WARNING);
    }
    this.worker = await createReferralWorker({
      connection: this.connection,
      namespace,
      taskQueue,
      dataConverter: encryptingDataConverter(this.config.payloadEncryption.keyring),
      activities: this.referralActivities,
      notificationActivities: this.notificationActivities,
      childPlanActivities: this.childPlanActivities,
      retentionActivities: this.retentionActivities,
      maxCachedWorkflows,
      ...(workflowBundlePath === undefined ? {} : { workflowBundle: { codePath: workflowBundlePath } }),
    });
    // Kept, never awaited here: run() settles only when the worker stops.
    this.running = this.worker.run();
    void this.running.then(
      () => {
        if (!this.stopping) this.fail(new Error('worker stopped without a shutdown request'));
      },
      (error: unknown) => {
        if (!this.stopping) this.fail(error);
      },
    );
    this.logger.log(`polling task queue ${taskQueue} in namespace ${namespace} at ${address}`);
  }

  async beforeApplicationShutdown(signal?: string): Promise<void> {
    if (this.worker === undefined || this.running === undefined) return;
    this.stopping = true;
    this.logger.log(`shutting down${signal === undefined ? '' : ` on ${signal}`}: finishing in-flight tasks`);
    if (this.worker.getState() === 'RUNNING') this.worker.shutdown();
    await this.running;
    this.logger.log('worker stopped');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }

  /** A worker that died on its own cannot be revived in-process; exit so the supervisor restarts it. */
  private fail(error: unknown): void {
    this.logger.error(`worker failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
    process.exit(1);
  }
}
