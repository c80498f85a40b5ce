import { randomUUID } from 'node:crypto';
import { connectWorkflowSpecServer, type WorkflowSpecServer } from '../../../../tools/src/workflow-spec.test-support';
import { WachtlijstActivitiesProvider } from './wachtlijst.activities';

// On the real dev server from the global setup.
jest.setTimeout(30_000);

let server: WorkflowSpecServer;

beforeAll(async () => {
  server = await connectWorkflowSpecServer();
});

afterAll(async () => {
  await server?.close();
});

describe('WachtlijstActivitiesProvider', () => {
  it('answers gone for a referral that does not exist, so the list gives the place to the next case', async () => {
    const activities = new WachtlijstActivitiesProvider(server.client);
    const admission = {
      admissionId: `aanbod-x-toelating-1`,
      aanbodId: 'aanbod-x',
      referralId: randomUUID(),
      decidedAt: new Date().toISOString(),
      waitingSince: new Date().toISOString(),
      overbrugging: false,
    };
    await expect(activities.admitFromWachtlijst(admission)).resolves.toBe('gone');
  });

  it('answers gone for a lapse of a referral that does not exist: there is nobody left to tell', async () => {
    const activities = new WachtlijstActivitiesProvider(server.client);
    const lapse = { lapseId: 'aanbod-x-verlopen-1', aanbodId: 'aanbod-x', referralId: randomUUID(), validUntil: '2026-05-15', at: new Date().toISOString() };
    await expect(activities.tellWachtlijstLapsed(lapse)).resolves.toBe('gone');
  });
});
