import { randomUUID } from 'node:crypto';
import { Worker } from '@temporalio/worker';
import type { WorkflowSpecServer } from '../../../tools/src/workflow-spec.test-support';
import { ChildPlanActivitiesProvider } from '../../../apps/worker/src/activities/child-plan.activities';
import type { NotificationInput } from '../src/notification/notification.contract';

/**
 * A worker for the referral and child-plan workflows with the REAL child-plan activities
 * (signal-with-start and the claim Update through `client`, on the same server); projections are
 * dropped and notifications collected in memory. Shared by the plan's spec and its history recorder.
 */
export async function createChildPlanTestWorker(
  { nativeConnection, client, workflowBundle, dataConverter }: Pick<WorkflowSpecServer, 'nativeConnection' | 'client' | 'workflowBundle' | 'dataConverter'>,
): Promise<{ worker: Worker; taskQueue: string; notifications: NotificationInput[] }> {
  const taskQueue = `test-child-plan-${randomUUID()}`;
  const notifications: NotificationInput[] = [];
  const plan = new ChildPlanActivitiesProvider(client);
  const worker = await Worker.create({
    connection: nativeConnection,
    taskQueue,
    workflowBundle,
    dataConverter,
    activities: {
      projectReferral: async () => undefined,
      recordNotification: async (notification: NotificationInput) => {
        notifications.push(notification);
      },
      reportToChildPlan: plan.reportToChildPlan.bind(plan),
      claimChildPlanRegisseur: plan.claimChildPlanRegisseur.bind(plan),
    },
  });
  return { worker, taskQueue, notifications };
}
