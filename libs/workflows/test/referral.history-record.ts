import { randomUUID } from 'node:crypto';
import { Worker } from '@temporalio/worker';
import type { ConsentContext, ReferralCommand } from '@schakel/domain';
import { arrangementBody, LOKET, OUDER, REGISSEUR, SCHOOL, secondsPolicy, startReferralBody, toewijzingBody, toewijzingPlacement } from '@schakel/domain/testing';
import { createPlacementTestWorker } from './referral-placement-worker.test-helper';
import { placeFreedUpdate, wachtlijstWorkflowId } from '../src/wachtlijst/wachtlijst.contract';
import { storeNewHistory } from './history-file.test-helper';
import { eventually } from '../../../tools/src/eventually.test-support';
import { connectWorkflowSpecServer } from '../../../tools/src/workflow-spec.test-support';
import {
  approveArrangementUpdate,
  pauseDeadlineUpdate,
  recordEvaluationUpdate,
  referralEventsQuery,
  referralWorkflowId,
  referralStateQuery,
  rejectArrangementUpdate,
  resumeDeadlineUpdate,
  submitArrangementUpdate,
  toewijzingUpdate,
  toestemmingUpdate,
  recordPaperToestemmingUpdate,
  zienswijzeUpdate,
} from '../src/referral/referral.contract';

/**
 * Records the history of one whole case on the real dev server into histories/, for the replay spec
 * (`npm run record-histories`). Run it once per released version of referralWorkflow and commit the file:
 * it exercises every Update, a reminder, escalations, a pause and the evaluation timer.
 */
jest.setTimeout(120_000);

const command = (actor: ReferralCommand['actor'], body: unknown): ReferralCommand => ({ actor, body, requestId: `rec-${randomUUID()}` });


/** A referral worker whose activities answer and keep nothing: only the history is recorded. */
async function recordingWorker() {
  const server = await connectWorkflowSpecServer();
  const { nativeConnection, client, workflowBundle, dataConverter } = server;
  const taskQueue = `record-${randomUUID()}`;
  const worker = await Worker.create({
    connection: nativeConnection,
    taskQueue,
    workflowBundle,
    dataConverter,
    activities: { projectReferral: async () => undefined, recordNotification: async () => undefined, reportToChildPlan: async () => undefined, claimChildPlanRegisseur: async () => REGISSEUR.sub },
  });
  return { server, client, taskQueue, worker };
}

it('records the history of a whole referral', async () => {
  const { server, client, taskQueue, worker } = await recordingWorker();
  const referralId = '00000000-0000-4000-8000-00000000c0de';
  await worker.runUntil(async () => {
    const handle = await client.workflow.start('referralWorkflow', {
      taskQueue,
      workflowId: `${referralWorkflowId(referralId)}-${Date.now()}`,
      args: [{ referralId, region: 'swv-2801', actor: SCHOOL, requestId: 'rec-start', body: startReferralBody({ thuiszitter: { isThuiszitter: true, since: '2026-11-02' } }), policy: secondsPolicy(3, 1, 1) }],
    });
    await eventually(() => handle.query(referralEventsQuery), (events) => events.some((e) => e.type === 'deadline.escalated' && e.data['deadlineId'] === 'toewijzing-1'), 60_000);
    await handle.executeUpdate(toewijzingUpdate, { args: [command(LOKET, toewijzingBody())] });
    await handle.executeUpdate(submitArrangementUpdate, { args: [command(SCHOOL, arrangementBody('2027-03-01'))] });
    await handle.executeUpdate(pauseDeadlineUpdate, { args: [command(REGISSEUR, { deadlineId: 'arrangementApproval-1', reason: 'Wacht op ouders' })] });
    await handle.executeUpdate(resumeDeadlineUpdate, { args: [command(REGISSEUR, { deadlineId: 'arrangementApproval-1' })] });
    await handle.executeUpdate(rejectArrangementUpdate, { args: [command(REGISSEUR, { reason: 'Doelen niet meetbaar' })] });
    await handle.executeUpdate(submitArrangementUpdate, { args: [command(SCHOOL, arrangementBody(new Date(Date.now() + 2_000).toISOString()))] });
    await handle.executeUpdate(approveArrangementUpdate, { args: [command(REGISSEUR, {})] });
    await eventually(() => handle.query(referralEventsQuery), (events) => events.some((e) => e.type === 'evaluation.due'), 60_000);
    await handle.executeUpdate(recordEvaluationUpdate, { args: [command(REGISSEUR, { outcome: 'afsluiten', summary: 'Doelen behaald' })] });
    await handle.result();
    const history = await handle.fetchHistory();
    // Dated and never over an existing file, so a new recording joins the released ones: every version stays replayed.
    storeNewHistory('referral-whole-case', history);
    expect(history.events?.length).toBeGreaterThan(20);
  });
  await server.close();
});

/**
 * Issue 11 §2 (the `wachtlijst-v1` marker): a toewijzing to a full aanbod, waiting in wacht_op_plaats, the list's
 * admission when a place frees, the arrangement, and the place freed again when the evaluation closes the case.
 */
it('records the history of a referral that waited for a place and was admitted', async () => {
  const server = await connectWorkflowSpecServer();
  const { worker, taskQueue } = await createPlacementTestWorker(server, `record-${randomUUID()}`);
  const { client } = server;
  // The list tells the referral at referral-<referralId> exactly, so the id is fresh per recording instead of suffixed.
  const referralId = randomUUID();
  const placement = toewijzingPlacement(randomUUID(), 1, 1);
  const list = client.workflow.getHandle(wachtlijstWorkflowId(placement.aanbod.id));
  await worker.runUntil(async () => {
    const handle = await client.workflow.start('referralWorkflow', {
      taskQueue,
      workflowId: referralWorkflowId(referralId),
      args: [{ referralId, region: 'swv-2801', actor: SCHOOL, requestId: 'rec-start', body: startReferralBody(), policy: secondsPolicy(30, 10, 10) }],
    });
    const waiting = await handle.executeUpdate(toewijzingUpdate, { args: [{ ...command(LOKET, toewijzingBody({ providerId: undefined, aanbodId: placement.aanbod.id })), placement }] });
    expect(waiting.stage).toBe('wacht_op_plaats');
    await list.executeUpdate(placeFreedUpdate, { args: [{ actor: LOKET, body: { releaseId: 'rec-client-left', reason: 'vertrokken' } }] });
    await eventually(() => handle.query(referralStateQuery), (state) => state.stage === 'arrangement', 30_000);
    await handle.executeUpdate(submitArrangementUpdate, { args: [command(SCHOOL, arrangementBody(new Date(Date.now() + 2_000).toISOString()))] });
    await handle.executeUpdate(approveArrangementUpdate, { args: [command(REGISSEUR, {})] });
    await eventually(() => handle.query(referralEventsQuery), (events) => events.some((e) => e.type === 'evaluation.due'), 60_000);
    await handle.executeUpdate(recordEvaluationUpdate, { args: [command(REGISSEUR, { outcome: 'afsluiten', summary: 'Doelen behaald' })] });
    await handle.result();
    const history = await handle.fetchHistory();
    const types = (await handle.query(referralEventsQuery)).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['wachtlijst.joined', 'wachtlijst.admitted', 'wachtlijst.left']));
    storeNewHistory('referral-waited-for-place', history);
  });
  await list.terminate('recorded').catch(() => undefined);
  await server.close();
});

/**
 * Issue 11 §6 (the `toestemming-v1` marker): a toewijzing to jeugdhulp for a child of 13 waits in wacht_op_toestemming,
 * its term reminds and escalates, the parent answers in Schakel and the child's own consent comes on a paper form; then
 * an arrangement that is an OPP handelingsdeel waits for the instemming, gets a zienswijze, is approved and evaluated.
 */
it('records the history of a referral through its consent gates', async () => {
  const { server, client, taskQueue, worker } = await recordingWorker();
  const referralId = '00000000-0000-4000-8000-0000000c0de5';
  const age13: ConsentContext = { ageYears: 13, parentsWithGezag: 1 };
  const withConsent = (actor: ReferralCommand['actor'], body: unknown): ReferralCommand => ({ ...command(actor, body), consent: age13 });
  await worker.runUntil(async () => {
    const handle = await client.workflow.start('referralWorkflow', {
      taskQueue,
      workflowId: `${referralWorkflowId(referralId)}-${Date.now()}`,
      args: [{ referralId, region: 'swv-2801', actor: SCHOOL, requestId: 'rec-start', body: startReferralBody({ parents: { informed: true, consent: false } }), policy: secondsPolicy(3, 1, 1) }],
    });
    const waiting = await handle.executeUpdate(toewijzingUpdate, { args: [withConsent(LOKET, toewijzingBody())] });
    expect(waiting.stage).toBe('wacht_op_toestemming');
    await eventually(() => handle.query(referralEventsQuery), (events) => events.some((e) => e.type === 'deadline.escalated' && e.data['rule'] === 'toestemming'), 60_000);
    await handle.executeUpdate(toestemmingUpdate, { args: [withConsent(OUDER, { gateId: 'toestemming-1', besluit: 'toestemming' })] });
    const paper = { gateId: 'toestemming-1', party: 'jongere', besluit: 'toestemming', signedOn: '2026-11-20', formOnFile: true };
    const open = await handle.executeUpdate(recordPaperToestemmingUpdate, { args: [withConsent(LOKET, paper)] });
    expect(open.stage).toBe('arrangement');
    await handle.executeUpdate(submitArrangementUpdate, { args: [withConsent(SCHOOL, { ...arrangementBody(new Date(Date.now() + 3_000).toISOString()), oppHandelingsdeel: true })] });
    await handle.executeUpdate(zienswijzeUpdate, { args: [command(OUDER, { text: 'Wij willen graag meepraten over de evaluatie.' })] });
    await handle.executeUpdate(toestemmingUpdate, { args: [withConsent(OUDER, { gateId: 'toestemming-2', besluit: 'toestemming' })] });
    await handle.executeUpdate(approveArrangementUpdate, { args: [command(REGISSEUR, {})] });
    await eventually(() => handle.query(referralEventsQuery), (events) => events.some((e) => e.type === 'evaluation.due'), 60_000);
    await handle.executeUpdate(recordEvaluationUpdate, { args: [command(REGISSEUR, { outcome: 'afsluiten', summary: 'Doelen behaald' })] });
    await handle.result();
    const history = await handle.fetchHistory();
    const types = (await handle.query(referralEventsQuery)).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['toestemming.gevraagd', 'toestemming.ontvangen', 'toestemming.verleend', 'zienswijze.gegeven']));
    storeNewHistory('referral-consent-gates', history);
  });
  await server.close();
});
