import { randomUUID } from 'node:crypto';
import { Worker } from '@temporalio/worker';
import type { Client } from '@temporalio/client';
import { connectWorkflowSpecServer, type WorkflowSpecServer } from '../../../tools/src/workflow-spec.test-support';
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

/** A spec file's dev server and a fresh child-plan worker per test. */
export interface ChildPlanSpecServer {
  readonly client: Client;
  /** Runs `run` while a new worker (own task queue, notifications collected) polls, and stops the worker after. */
  withWorker<T>(run: (taskQueue: string, notifications: NotificationInput[]) => Promise<T>): Promise<T>;
}

/**
 * Connects the calling spec file to the global setup's dev server before its tests and closes it after them
 * (registers beforeAll/afterAll, so call it at the top of the file): the child plan's specs share this set-up.
 */
export function childPlanSpecServer(): ChildPlanSpecServer {
  let server: WorkflowSpecServer | undefined;
  beforeAll(async () => {
    server = await connectWorkflowSpecServer();
  });
  afterAll(async () => {
    await server?.close();
  });
  const connected = (): WorkflowSpecServer => {
    if (server === undefined) throw new Error('the dev server is connected in beforeAll: use it inside a test');
    return server;
  };
  return {
    get client() {
      return connected().client;
    },
    async withWorker(run) {
      const { worker, taskQueue, notifications } = await createChildPlanTestWorker(connected());
      return worker.runUntil(run(taskQueue, notifications));
    },
  };
}
