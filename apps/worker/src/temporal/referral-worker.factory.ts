import { Client } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import { NativeConnection, Worker, type ActivityInterceptorsFactory, type WorkerOptions, type WorkflowBundleOption } from '@temporalio/worker';
import {
  REFERRAL_TASK_QUEUE,
  type ChildPlanActivities,
  type NotificationActivities,
  type ReferralActivities,
  type RetentionActivities,
  type WebhookDeliveryActivities,
} from '@schakel/workflows/contracts';
import { temporalClientInterceptors, Tracing, WORKER_SERVICE_NAME } from '@schakel/observability';
import { ChildPlanActivitiesProvider } from '../activities/child-plan.activities';
import { activityInterceptors, workflowSinks } from '../observability/worker-observability';

export interface ReferralWorkerOptions {
  connection: NativeConnection;
  /** Default `default`. */
  namespace?: string;
  /** Default REFERRAL_TASK_QUEUE; tests pass a fresh queue per test. */
  taskQueue?: string;
  /**
   * Required, so no worker runs without the payload codec: workflow and activity payloads carry case data
   * and must reach the Temporal server encrypted (issue 5 §3). See encryptingDataConverter.
   */
  dataConverter: DataConverter;
  activities: ReferralActivities;
  /** recordNotification (called by the referral workflow) and the webhook delivery workflow's activities. */
  notificationActivities: NotificationActivities & WebhookDeliveryActivities;
  /** The retention sweep's activity (issue 5 §5): the Schedule runs its workflow on this queue. */
  retentionActivities: RetentionActivities;
  /** How referrals reach their child's plan; default: a Client on the worker's own connection. */
  childPlanActivities?: ChildPlanActivities;
  /**
   * A prebuilt bundle (`{ code }` or `{ codePath }`). Without one, the worker bundles the compiled
   * libs/workflows (its dist, so run `npm run build` first), which takes seconds at every start.
   */
  workflowBundle?: WorkflowBundleOption;
  /** Default 1000 workflows kept in memory between tasks. */
  maxCachedWorkflows?: number;
  /** How long in-flight projections may take to finish after shutdown is requested. Default 10 s. */
  shutdownGraceTime?: WorkerOptions['shutdownGraceTime'];
  /** When run() gives up on draining and throws GracefulShutdownPeriodExpiredError. Default: never. */
  shutdownForceTime?: WorkerOptions['shutdownForceTime'];
  /** Around every activity execution, e.g. the worker's metrics (issue 6 §5). */
  activityInterceptors?: ActivityInterceptorsFactory[];
  /**
   * The process's tracing (issue 6 §5): RunActivity spans and the workflows' spans exported under the worker's
   * service.name. Default: off. The request id reaches the activities' log lines either way.
   */
  tracing?: Tracing;
}

/**
 * A worker for the referral family (referrals, the child plans they join, notifications): their
 * workflows and the activities of their contracts, nothing else.
 */
export async function createReferralWorker(options: ReferralWorkerOptions): Promise<Worker> {
  const { activities, notificationActivities: notifications } = options;
  const namespace = options.namespace ?? 'default';
  const { dataConverter } = options;
  const tracing = options.tracing ?? Tracing.start(undefined, WORKER_SERVICE_NAME);
  const childPlan =
    options.childPlanActivities ??
    new ChildPlanActivitiesProvider(new Client({ connection: options.connection, namespace, dataConverter, interceptors: { workflow: temporalClientInterceptors(tracing) } }));
  // Only the contract's methods are registered, bound to their provider, whatever else the class holds.
  const retention = options.retentionActivities;
  const registered: ReferralActivities & NotificationActivities & WebhookDeliveryActivities & ChildPlanActivities & RetentionActivities = {
    projectReferral: (projection) => activities.projectReferral(projection),
    reportToChildPlan: (report) => childPlan.reportToChildPlan(report),
    claimChildPlanRegisseur: (report, claim) => childPlan.claimChildPlanRegisseur(report, claim),
    recordNotification: (input) => notifications.recordNotification(input),
    deliverWebhook: (deliveryId) => notifications.deliverWebhook(deliveryId),
    markDelivery: (deliveryId, status) => notifications.markDelivery(deliveryId, status),
    sweepClosedReferrals: (policy, now, batchSize) => retention.sweepClosedReferrals(policy, now, batchSize),
  };
  return Worker.create({
    connection: options.connection,
    namespace,
    taskQueue: options.taskQueue ?? REFERRAL_TASK_QUEUE,
    // Codecs run in the worker's main thread, outside the workflow sandbox, so node:crypto is available.
    dataConverter,
    activities: registered,
    ...(options.workflowBundle === undefined
      ? { workflowsPath: require.resolve('@schakel/workflows') }
      : { workflowBundle: options.workflowBundle }),
    maxCachedWorkflows: options.maxCachedWorkflows ?? 1000,
    shutdownGraceTime: options.shutdownGraceTime ?? '10 seconds',
    ...(options.shutdownForceTime === undefined ? {} : { shutdownForceTime: options.shutdownForceTime }),
    interceptors: {
      // Logs and traces first (issue 6 §5), so every other interceptor runs inside the activity's log context.
      activity: [...activityInterceptors(tracing), ...(options.activityInterceptors ?? [])],
      // The request id and trace context through the workflows (libs/workflows/src/interceptors). A prebuilt
      // bundle has them built in (bundle-workflows.main.ts); the SDK ignores this list for one, with a warning.
      ...(options.workflowBundle === undefined ? { workflowModules: [require.resolve('@schakel/workflows/interceptors')] } : {}),
    },
    sinks: workflowSinks(tracing),
  });
}
