import { randomUUID } from 'node:crypto';
import { Worker } from '@temporalio/worker';
import { REGISSEUR } from '@schakel/domain/testing';
import { ReferralPlacementActivitiesProvider } from '../../../apps/worker/src/activities/referral-placement.activities';
import { WachtlijstActivitiesProvider } from '../../../apps/worker/src/activities/wachtlijst.activities';
import type { WorkflowSpecServer } from '../../../tools/src/workflow-spec.test-support';
import type { ReferralProjection } from '../src/referral/referral.contract';

/**
 * A worker for referrals and the wachtlijsten they join (issue 11 §2): the list's and the referral's real
 * Temporal-side activities (updateWithStart, the admission Update), with the read models and the catalogue's
 * `places_taken` standing in at their interfaces: projections are kept, places are a map.
 */
export async function createPlacementTestWorker(
  { nativeConnection, workflowBundle, dataConverter, client }: Pick<WorkflowSpecServer, 'nativeConnection' | 'workflowBundle' | 'dataConverter' | 'client'>,
  taskQueue = `test-placement-${randomUUID()}`,
): Promise<{ worker: Worker; taskQueue: string; projections: ReferralProjection[]; places: Map<string, number> }> {
  const projections: ReferralProjection[] = [];
  const places = new Map<string, number>();
  const placement = new ReferralPlacementActivitiesProvider(client, taskQueue, {
    mirror: async (aanbodId, read) => {
      const count = await read();
      if (count !== undefined) places.set(aanbodId, count);
    },
  });
  const admissions = new WachtlijstActivitiesProvider(client);
  const worker = await Worker.create({
    connection: nativeConnection,
    taskQueue,
    workflowBundle,
    dataConverter,
    activities: {
      projectReferral: async (projection: ReferralProjection) => {
        projections.push(projection);
      },
      recordNotification: async () => undefined,
      reportToChildPlan: async () => undefined,
      claimChildPlanRegisseur: async (_report: unknown, claim: { regisseurId?: string }) => claim.regisseurId ?? REGISSEUR.sub,
      projectWachtlijst: async () => undefined,
      admitFromWachtlijst: admissions.admitFromWachtlijst.bind(admissions),
      tellWachtlijstLapsed: admissions.tellWachtlijstLapsed.bind(admissions),
      joinWachtlijst: placement.joinWachtlijst.bind(placement),
      leaveWachtlijst: placement.leaveWachtlijst.bind(placement),
      syncAanbodPlaces: placement.syncAanbodPlaces.bind(placement),
    },
  });
  return { worker, taskQueue, projections, places };
}
