import { randomUUID } from 'node:crypto';
import type { Worker } from '@temporalio/worker';
import type { ConsentContext, ReferralCommand, WachtlijstState } from '@schakel/domain';
import { LOKET, NATIONAL_POLICY, OUDER, SCHOOL, startReferralBody, toewijzingBody, toewijzingPlacement } from '@schakel/domain/testing';
import { eventually } from '../../../../tools/src/eventually.test-support';
import { connectWorkflowSpecServer, type WorkflowSpecServer } from '../../../../tools/src/workflow-spec.test-support';
import { createPlacementTestWorker } from '../../test/referral-placement-worker.test-helper';
import { wachtlijstStateQuery, wachtlijstWorkflowId } from '../wachtlijst/wachtlijst.contract';
import { referralEventsQuery, referralWorkflowId, toestemmingUpdate, toewijzingUpdate } from './referral.contract';

// Issue 11 §6 with §2 (ADR 0019): a toewijzing to an aanbod of the catalogue takes its place, but the provider sees
// the case only after the parents consent; a refusal gives the place back to the aanbod's list at once.
jest.setTimeout(90_000);

let server: WorkflowSpecServer;
let worker: Worker;
let running: Promise<void>;
let taskQueue: string;
const lists: string[] = [];

beforeAll(async () => {
  server = await connectWorkflowSpecServer();
  ({ worker, taskQueue } = await createPlacementTestWorker(server));
  running = worker.run();
});

afterAll(async () => {
  for (const aanbodId of lists) await server.client.workflow.getHandle(wachtlijstWorkflowId(aanbodId)).terminate('test done').catch(() => undefined);
  worker?.shutdown();
  await running;
  await server?.close();
});

const AGE_9: ConsentContext = { ageYears: 9, parentsWithGezag: 1 };

it('holds the place while the parents are asked, and frees it when they refuse', async () => {
  const aanbodId = randomUUID();
  lists.push(aanbodId);
  const placement = toewijzingPlacement(aanbodId, 1, 0);
  const referralId = randomUUID();
  const handle = await server.client.workflow.start('referralWorkflow', {
    taskQueue,
    workflowId: referralWorkflowId(referralId),
    args: [{ referralId, region: 'swv-2801', actor: SCHOOL, requestId: 'req-start', body: startReferralBody({ parents: { informed: true, consent: false } }), policy: NATIONAL_POLICY }],
  });
  const command: ReferralCommand = { actor: LOKET, requestId: `req-${randomUUID()}`, body: toewijzingBody({ providerId: undefined, aanbodId }), placement, consent: AGE_9 };
  const placed = await handle.executeUpdate(toewijzingUpdate, { args: [command] });
  expect(placed.stage).toBe('wacht_op_toestemming');
  expect(placed.toewijzingen[0]?.place).toMatchObject({ aanbodId, status: 'toegelaten' });
  const listState = (): Promise<WachtlijstState> => server.client.workflow.getHandle(wachtlijstWorkflowId(aanbodId)).query(wachtlijstStateQuery);
  await eventually(listState, (s) => s.occupants.some((o) => o.referralId === referralId));

  const refused = await handle.executeUpdate(toestemmingUpdate, { args: [{ actor: OUDER, requestId: `req-${randomUUID()}`, body: { gateId: 'toestemming-1', besluit: 'weigering' }, consent: AGE_9 }] });
  expect(refused.stage).toBe('toewijzing');
  expect(refused.toewijzingen[0]?.place).toBeUndefined();
  await eventually(listState, (s) => s.occupants.every((o) => o.referralId !== referralId), 30_000, 'the place given back');
  const types = (await handle.query(referralEventsQuery)).map((e) => e.type);
  expect(types.slice(-2)).toEqual(['toestemming.geweigerd', 'wachtlijst.left']);
  await handle.terminate('done');
});
