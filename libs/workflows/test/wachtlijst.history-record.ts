import { randomUUID } from 'node:crypto';
import type { Actor } from '@schakel/domain';
import { enqueueBody, secondsWachtlijstPolicy } from '@schakel/domain/testing';
import { eventually } from '../../../tools/src/eventually.test-support';
import { connectWorkflowSpecServer } from '../../../tools/src/workflow-spec.test-support';
import {
  changeWachtlijstCapacityUpdate,
  enqueueWachtlijstUpdate,
  placeFreedUpdate,
  recordOverbruggingUpdate,
  removeFromWachtlijstUpdate,
  wachtlijstStateQuery,
  wachtlijstWorkflowId,
} from '../src/wachtlijst/wachtlijst.contract';
import type { wachtlijstWorkflow } from '../src/wachtlijst/wachtlijst.workflow';
import { storeNewHistory } from './history-file.test-helper';
import { createWachtlijstTestWorker } from './wachtlijst-worker.test-helper';

/**
 * Records, on the real dev server, the history of an aanbod's wachtlijst through every branch of its workflow
 * (waiting, admission at once and per freed place, a referral that is gone, overbrugging, reminder and
 * escalation, verlopen with its notices, removal, a capacity change) and of a run that continues as new, for the
 * replay spec (`npm run record-histories`). Run it once per released version of wachtlijstWorkflow and commit
 * the files. Fixtures only: no real case data.
 */
jest.setTimeout(120_000);

const LOKET: Actor = { sub: 'loket-rec', role: 'loket', org: 'swv-2801', region: 'swv-2801' };
const command = (body: unknown) => ({ actor: LOKET, requestId: `rec-${randomUUID()}`, body });

it('records the history of a wachtlijst through every step, and of one that continues as new', async () => {
  const server = await connectWorkflowSpecServer();
  const { client } = server;
  const { worker, taskQueue, referrals } = await createWachtlijstTestWorker(server);
  await worker.runUntil(async () => {
    const aanbodId = `rec-${Date.now()}`;
    const list = await client.workflow.start<typeof wachtlijstWorkflow>('wachtlijstWorkflow', {
      taskQueue,
      workflowId: wachtlijstWorkflowId(aanbodId),
      args: [{ aanbodId, capacity: 2, placesTaken: 1, policy: secondsWachtlijstPolicy({ withoutTerm: 3, withTerm: 6, step: 2, expiryReminder: 2 }) }],
    });
    const enqueue = (body: unknown) => list.executeUpdate(enqueueWachtlijstUpdate, { args: [command(body)] });
    const state = () => list.query(wachtlijstStateQuery);

    const atOnce = enqueueBody();
    await enqueue(atOnce);
    const [gone, bridged, lapsing, removed, thuiszitter] = [enqueueBody(), enqueueBody({ overbrugging: 'ambulanteHulp' }), enqueueBody({ validUntil: new Date(Date.now() + 4_000).toISOString() }), enqueueBody(), enqueueBody({ thuiszitter: true })];
    for (const body of [gone, bridged, lapsing, removed, thuiszitter]) await enqueue(body);
    await list.executeUpdate(recordOverbruggingUpdate, { args: [command({ referralId: removed.referralId, overbrugging: 'zorgbemiddeling' })] });
    await eventually(state, (s) => s.closed.some((c) => c.outcome === 'verlopen'), 30_000, 'the lapse');
    await eventually(state, (s) => s.queue.every((e) => e.wait.level >= 1), 30_000, 'the escalations');
    await list.executeUpdate(removeFromWachtlijstUpdate, { args: [command({ referralId: removed.referralId, reason: 'anderAanbod' })] });
    referrals.gone.add(thuiszitter.referralId);
    await list.executeUpdate(placeFreedUpdate, { args: [command({ releaseId: 'rec-arrangement-1', referralId: atOnce.referralId, reason: 'arrangementBeeindigd' })] });
    await list.executeUpdate(changeWachtlijstCapacityUpdate, { args: [command({ capacity: 4 })] });
    await eventually(state, (s) => s.queue.length === 0 && s.admissions.length === 0, 30_000, 'the admissions');

    const continued = await client.workflow.start<typeof wachtlijstWorkflow>('wachtlijstWorkflow', {
      taskQueue,
      workflowId: wachtlijstWorkflowId(`${aanbodId}-can`),
      args: [{ aanbodId: `${aanbodId}-can`, capacity: 1, placesTaken: 1, policy: secondsWachtlijstPolicy(), historyLimit: 20 }],
    });
    for (let i = 0; i < 5; i += 1) await continued.executeUpdate(enqueueWachtlijstUpdate, { args: [command(enqueueBody())] });
    await eventually(() => continued.describe(), (d) => d.runId !== continued.firstExecutionRunId, 20_000, 'a new run');

    const listHistory = await list.fetchHistory();
    const firstRunHistory = await client.workflow.getHandle(continued.workflowId, continued.firstExecutionRunId).fetchHistory();
    // Dated and never over an existing file, so a new recording joins the released ones: every version stays replayed.
    storeNewHistory('wachtlijst-whole-list', listHistory);
    storeNewHistory('wachtlijst-continued', firstRunHistory);
    expect(listHistory.events?.length).toBeGreaterThan(40);
    expect(firstRunHistory.events?.at(-1)?.workflowExecutionContinuedAsNewEventAttributes).toBeTruthy();
  });
  await server.close();
});
