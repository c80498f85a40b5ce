import { Client } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import { NativeConnection, Worker, type ActivityInterceptorsFactory, type WorkerOptions, type WorkflowBundleOption } from '@temporalio/worker';
import {
  REFERRAL_TASK_QUEUE,
  type ChildPlanActivities,
  type NotificationActivities,
  type ReferralActivities,
  type RetentionActivities,
  type ReferralPlacementActivities,
  type WachtlijstActivities,
  type WachtlijstProjectionActivities,
  type WebhookDeliveryActivities,
} from '@schakel/workflows/contracts';
import { temporalClientInterceptors, Tracing, WORKER_SERVICE_NAME } from '@schakel/observability';
import { ChildPlanActivitiesProvider } from '../activities/child-plan.activities';
import { WachtlijstActivitiesProvider } from '../activities/wachtlijst.activities';
import { ReferralPlacementActivitiesProvider, type AanbodPlacesMirror } from '../activities/referral-placement.activities';
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
  /** How wachtlijsten tell referrals of a place (issue 11 §3); default: a Client on the worker's own connection. */
  wachtlijstActivities?: WachtlijstActivities;
  /**
   * Where a referral's place is mirrored into the catalogue (`aanbod.places_taken`, issue 11 §2): an
   * AanbodPlacesWriter on the worker's database. Without it a toewijzing to an aanbod fails its sync activity.
   */
  aanbodPlaces?: AanbodPlacesMirror;
  /** How referrals join and leave wachtlijsten; default: a Client on the worker's own connection and aanbodPlaces. */
  placementActivities?: ReferralPlacementActivities;
  /** How wachtlijsten write their read model (issue 11 §4): required, like the referral projection. */
  wachtlijstProjection: WachtlijstProjectionActivities;
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

/** A worker built without a database cannot keep the catalogue's places: said loudly, on the first place taken. */
const UNCONFIGURED_PLACES: AanbodPlacesMirror = {
  mirror: () => Promise.reject(new Error('no aanbodPlaces configured for this worker: aanbod.places_taken cannot be kept')),
};

/**
 * A worker for the referral family (referrals, the child plans they join, notifications): their
 * workflows and the activities of their contracts, nothing else.
 */
export async function createReferralWorker(options: ReferralWorkerOptions): Promise<Worker> {
  const { activities, notificationActivities: notifications } = options;
  const namespace = options.namespace ?? 'default';
  const { dataConverter } = options;
  const tracing = options.tracing ?? Tracing.start(undefined, WORKER_SERVICE_NAME);
  const ownClient = () => new Client({ connection: options.connection, namespace, dataConverter, interceptors: { workflow: temporalClientInterceptors(tracing) } });
  const childPlan = options.childPlanActivities ?? new ChildPlanActivitiesProvider(ownClient());
  const wachtlijst = options.wachtlijstActivities ?? new WachtlijstActivitiesProvider(ownClient());
  const placement = options.placementActivities ?? new ReferralPlacementActivitiesProvider(ownClient(), options.taskQueue ?? REFERRAL_TASK_QUEUE, options.aanbodPlaces ?? UNCONFIGURED_PLACES);
  // Only the contract's methods are registered, bound to their provider, whatever else the class holds.
  const retention = options.retentionActivities;
  const registered: ReferralActivities & NotificationActivities & WebhookDeliveryActivities & ChildPlanActivities & RetentionActivities & WachtlijstActivities & WachtlijstProjectionActivities & ReferralPlacementActivities = {
    projectReferral: (projection) => activities.projectReferral(projection),
    reportToChildPlan: (report) => childPlan.reportToChildPlan(report),
    claimChildPlanRegisseur: (report, claim) => childPlan.claimChildPlanRegisseur(report, claim),
    recordNotification: (input) => notifications.recordNotification(input),
    deliverWebhook: (deliveryId) => notifications.deliverWebhook(deliveryId),
    markDelivery: (deliveryId, status) => notifications.markDelivery(deliveryId, status),
    sweepClosedReferrals: (policy, now, batchSize) => retention.sweepClosedReferrals(policy, now, batchSize),
    admitFromWachtlijst: (admission) => wachtlijst.admitFromWachtlijst(admission),
    tellWachtlijstLapsed: (lapse) => wachtlijst.tellWachtlijstLapsed(lapse),
    joinWachtlijst: (join) => placement.joinWachtlijst(join),
    leaveWachtlijst: (leave) => placement.leaveWachtlijst(leave),
    syncAanbodPlaces: (aanbodId) => placement.syncAanbodPlaces(aanbodId),
    projectWachtlijst: (projection) => options.wachtlijstProjection.projectWachtlijst(projection),
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
