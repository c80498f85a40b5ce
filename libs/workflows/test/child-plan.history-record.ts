import { randomUUID } from 'node:crypto';
import type { ChildPlanCommand, ChildPlanStep } from '@schakel/domain';
import {
  aanmeldingBody,
  arrangementBody,
  LOKET,
  OTHER_REGISSEUR,
  overdrachtBody,
  REGISSEUR,
  SCHOOL,
  scheduleTransitionBody,
  secondsPolicy,
  startReferralBody,
  toewijzingBody,
  VO_SCHOOL,
  warmeOverdrachtBody,
} from '@schakel/domain/testing';
import { createChildPlanTestWorker } from './child-plan-worker.test-helper';
import { storeNewHistory } from './history-file.test-helper';
import { runVoorschoolScenario } from './voorschool-scenario.test-helper';
import { eventually } from '../../../tools/src/eventually.test-support';
import { connectWorkflowSpecServer } from '../../../tools/src/workflow-spec.test-support';
import { childPlanEventsQuery, childPlanStepUpdate, childPlanWorkflowId } from '../src/child-plan/child-plan.contract';
import { approveArrangementUpdate, referralEventsQuery, referralWorkflowId, submitArrangementUpdate, toewijzingUpdate } from '../src/referral/referral.contract';

/**
 * Records, on the real dev server, the history of a child's plan through a whole PO → VO overstap and
 * of a referral that joined it (with the child-plan patch markers), for the replay specs
 * (`npm run record-histories`). Run it once per released version of childPlanWorkflow and commit the files.
 */
jest.setTimeout(120_000);

const today = () => new Date().toISOString().slice(0, 10);

it('records the history of a child plan with an overstap, and of a referral in it', async () => {
  const server = await connectWorkflowSpecServer();
  const { client } = server;
  const { worker, taskQueue } = await createChildPlanTestWorker(server);
  const childRef = `rec-${Date.now()}`;
  const referralId = randomUUID();
  await worker.runUntil(async () => {
    const referral = await client.workflow.start('referralWorkflow', {
      taskQueue,
      workflowId: referralWorkflowId(referralId),
      args: [{ referralId, region: 'swv-2801', actor: SCHOOL, requestId: 'rec-start', body: startReferralBody({ childRef }), policy: secondsPolicy(600, 600, 1) }],
    });
    await referral.executeUpdate(toewijzingUpdate, { args: [{ actor: LOKET, body: toewijzingBody() }] });
    await referral.executeUpdate(submitArrangementUpdate, { args: [{ actor: SCHOOL, body: arrangementBody('2027-03-01') }] });
    await referral.executeUpdate(approveArrangementUpdate, { args: [{ actor: REGISSEUR, body: {} }] });

    const handle = client.workflow.getHandle(childPlanWorkflowId(childRef));
    const step = (name: ChildPlanStep, command: ChildPlanCommand) => handle.executeUpdate(childPlanStepUpdate, { args: [name, { requestId: `rec-${randomUUID()}`, ...command }] });
    const policy = secondsPolicy(2, 1, 1);
    await step('scheduleTransition', { actor: LOKET, policy, body: scheduleTransitionBody(new Date(Date.now() + 6_000).toISOString()) });
    await eventually(() => handle.query(childPlanEventsQuery), (events) => events.some((e) => e.type === 'deadline.escalated'), 30_000);
    await step('recordAanmelding', { actor: VO_SCHOOL, transitionId: 'overstap-1', body: aanmeldingBody(today()) });
    await step('extendDeadline', { actor: VO_SCHOOL, deadlineId: 'zorgplicht-1', body: { amount: 10, unit: 'seconden', reason: 'Onderzoek loopt' } });
    await step('recordOverdracht', { actor: SCHOOL, transitionId: 'overstap-1', body: overdrachtBody(today()) });
    await step('decideAdmission', { actor: VO_SCHOOL, transitionId: 'overstap-1', body: { outcome: 'toegelaten', decidedOn: today() } });
    await step('recordWarmeOverdracht', { actor: SCHOOL, transitionId: 'overstap-1', body: warmeOverdrachtBody(today()) });
    await step('decideArrangements', { actor: REGISSEUR, transitionId: 'overstap-1', body: { arrangements: [{ referralId, outcome: 'voortgezet' }] } });
    await step('confirmTransition', { actor: REGISSEUR, transitionId: 'overstap-1', body: {} });
    await eventually(() => handle.query(childPlanEventsQuery), (events) => events.some((e) => e.type === 'transition.completed'), 30_000);
    await step('handoverRegisseur', { actor: LOKET, body: { toRegisseurId: OTHER_REGISSEUR.sub, reason: 'Nieuwe school, nieuwe regisseur' } });
    await eventually(() => referral.query(referralEventsQuery), (events) => events.some((e) => e.type === 'regisseur.handover'), 30_000);

    const planHistory = await handle.fetchHistory();
    const referralHistory = await referral.fetchHistory();
    // Dated and never over an existing file, so a new recording joins the released ones: every version stays replayed.
    storeNewHistory('child-plan-overstap', planHistory);
    storeNewHistory('referral-in-child-plan', referralHistory);
    expect(planHistory.events?.length).toBeGreaterThan(20);
  });
  await server.close();
});

/**
 * The voorschool → PO overstap (issue 11 §5, patch `voorschool-v1`): scheduled by the loket on a plan no referral
 * started, a late overdracht escalating twice, the consent gate, the overdracht, admission, warme overdracht and
 * confirmation. Record it alone: `npm run record-histories -- libs/workflows/test/child-plan.history-record.ts -t voorschool`.
 */
it('records the history of a child plan with a voorschool → PO overstap', async () => {
  const server = await connectWorkflowSpecServer();
  const { worker, taskQueue } = await createChildPlanTestWorker(server);
  const childRef = `rec-${Date.now()}`;
  await worker.runUntil(async () => {
    await runVoorschoolScenario(server.client, taskQueue, childRef);
    const history = await server.client.workflow.getHandle(childPlanWorkflowId(childRef)).fetchHistory();
    storeNewHistory('child-plan-voorschool', history);
    expect(history.events?.some((e) => e.markerRecordedEventAttributes?.markerName === 'core_patch')).toBe(true);
  });
  await server.close();
});
