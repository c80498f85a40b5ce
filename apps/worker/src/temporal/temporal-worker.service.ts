import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { GracefulShutdownPeriodExpiredError, NativeConnection, type State, type Worker } from '@temporalio/worker';
import { Tracing } from '@schakel/observability';
import { AanbodPlacesWriter } from '@schakel/persistence';
import { DEVELOPMENT_PAYLOAD_KEY_WARNING, workerDataConverter } from '@schakel/payload-crypto';
import { NotificationActivitiesProvider } from '../activities/notification.activities';
import { ReferralActivitiesProvider } from '../activities/referral.activities';
import { WorkerConfig } from '../config/worker.config';
import { ChildPlanActivitiesProvider } from '../activities/child-plan.activities';
import { RetentionActivitiesProvider } from '../activities/retention.activities';
import { WachtlijstProjectionActivitiesProvider } from '../activities/wachtlijst-projection.activities';
import { activityMetricsInterceptor } from '../ops/activity-metrics.interceptor';
import { WorkerMetrics } from '../ops/worker.metrics';
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
    private readonly wachtlijstProjection: WachtlijstProjectionActivitiesProvider,
    /** Shared with the Client that starts webhook deliveries (TEMPORAL_CLIENT_PROVIDERS). */
    private readonly connection: NativeConnection,
    private readonly metrics: WorkerMetrics,
    private readonly tracing: Tracing,
    /** Keeps aanbod.places_taken in step with the wachtlijsten (issue 11 §2). */
    private readonly aanbodPlaces: AanbodPlacesWriter,
  ) {}

  /** For readiness: RUNNING while polling; STOPPING and DRAINING once a drain has begun. */
  get state(): State | 'NOT_STARTED' {
    return this.worker?.getState() ?? 'NOT_STARTED';
  }

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
      // A payload the worker cannot decrypt fails an Update in its validator, not the whole workflow task (issue 6 §6).
      dataConverter: workerDataConverter(this.config.payloadEncryption.keyring, (error) => this.logger.warn(`could not decrypt a payload: ${error.message}`)),
      activities: this.referralActivities,
      notificationActivities: this.notificationActivities,
      childPlanActivities: this.childPlanActivities,
      retentionActivities: this.retentionActivities,
      aanbodPlaces: this.aanbodPlaces,
      wachtlijstProjection: this.wachtlijstProjection,
      maxCachedWorkflows,
      ...(workflowBundlePath === undefined ? {} : { workflowBundle: { codePath: workflowBundlePath } }),
      // Drain (issue 6 §4, ADR 0010): activities in flight get the grace time to finish, then are cancelled
      // (an attempt that stops fails and the server retries it at once); at the force time run() gives up.
      shutdownGraceTime: this.config.shutdown.graceTimeMs,
      shutdownForceTime: this.config.shutdown.forceTimeMs,
      activityInterceptors: [activityMetricsInterceptor(this.metrics)],
      tracing: this.tracing,
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
    const drainStarted = Date.now();
    if (this.worker.getState() === 'RUNNING') this.worker.shutdown();
    try {
      await this.running;
    } catch (error) {
      // Activities that outlived the force time are abandoned: the server retries each one when its
      // start-to-close timeout passes (the writes are idempotent). The SDK may report the expiry as the
      // error of its own clean-up instead, hence the clock. Nest only logs a failing shutdown hook and
      // exits 0, so exit 1 here: the worker is in no state to go on, and the supervisor must see it.
      const { forceTimeMs } = this.config.shutdown;
      const expired = error instanceof GracefulShutdownPeriodExpiredError || Date.now() - drainStarted >= forceTimeMs;
      this.logger.error(
        expired
          ? `drain not finished within ${forceTimeMs} ms: in-flight activities are left to their timeouts`
          : `drain failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`,
      );
      process.exit(1);
    }
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
