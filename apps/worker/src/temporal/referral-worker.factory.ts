import { Client } from '@temporalio/client';
import { NativeConnection, Worker, type WorkerOptions, type WorkflowBundleOption } from '@temporalio/worker';
import {
  REFERRAL_TASK_QUEUE,
  type ChildPlanActivities,
  type NotificationActivities,
  type ReferralActivities,
  type WebhookDeliveryActivities,
} from '@schakel/workflows/contracts';
import { ChildPlanActivitiesProvider } from '../activities/child-plan.activities';

export interface ReferralWorkerOptions {
  connection: NativeConnection;
  /** Default `default`. */
  namespace?: string;
  /** Default REFERRAL_TASK_QUEUE; tests pass a fresh queue per test. */
  taskQueue?: string;
  activities: ReferralActivities;
  /** recordNotification (called by the referral workflow) and the webhook delivery workflow's activities. */
  notificationActivities: NotificationActivities & WebhookDeliveryActivities;
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
}

/**
 * A worker for the referral family (referrals, the child plans they join, notifications): their
 * workflows and the activities of their contracts, nothing else.
 */
export async function createReferralWorker(options: ReferralWorkerOptions): Promise<Worker> {
  const { activities, notificationActivities: notifications } = options;
  const namespace = options.namespace ?? 'default';
  const childPlan = options.childPlanActivities ?? new ChildPlanActivitiesProvider(new Client({ connection: options.connection, namespace }));
  // Only the contract's methods are registered, bound to their provider, whatever else the class holds.
  const registered: ReferralActivities & NotificationActivities & WebhookDeliveryActivities & ChildPlanActivities = {
    projectReferral: (projection) => activities.projectReferral(projection),
    reportToChildPlan: (report) => childPlan.reportToChildPlan(report),
    claimChildPlanRegisseur: (report, claim) => childPlan.claimChildPlanRegisseur(report, claim),
    recordNotification: (input) => notifications.recordNotification(input),
    deliverWebhook: (deliveryId) => notifications.deliverWebhook(deliveryId),
    markDelivery: (deliveryId, status) => notifications.markDelivery(deliveryId, status),
  };
  return Worker.create({
    connection: options.connection,
    namespace,
    taskQueue: options.taskQueue ?? REFERRAL_TASK_QUEUE,
    activities: registered,
    ...(options.workflowBundle === undefined
      ? { workflowsPath: require.resolve('@schakel/workflows') }
      : { workflowBundle: options.workflowBundle }),
    maxCachedWorkflows: options.maxCachedWorkflows ?? 1000,
    shutdownGraceTime: options.shutdownGraceTime ?? '10 seconds',
  });
}
