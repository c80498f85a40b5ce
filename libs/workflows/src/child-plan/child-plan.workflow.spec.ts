import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import { WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import type { ChildPlanCommand, ChildPlanStep, PlanReferral, ReferralCommand, ResolvedDeadlinePolicy } from '@schakel/domain';
import {
  LOKET,
  OTHER_REGISSEUR,
  planReferral,
  REGISSEUR,
  SCHOOL,
  VO_SCHOOL,
  scheduleTransitionBody,
  secondsPolicy,
  startReferralBody,
  toewijzingBody,
} from '@schakel/domain/testing';
import { eventually } from '../../../../tools/src/eventually.test-support';
import { connectWorkflowSpecServer, type WorkflowSpecServer } from '../../../../tools/src/workflow-spec.test-support';
import type { NotificationInput } from '../notification/notification.contract';
import { referralStateQuery, referralWorkflowId, toewijzingUpdate } from '../referral/referral.contract';
import { createChildPlanTestWorker } from '../../test/child-plan-worker.test-helper';
import {
  childPlanEventsQuery,
  childPlanStateQuery,
  childPlanStepUpdate,
  childPlanWorkflowId,
  registerReferralSignal,
} from './child-plan.contract';

// On the real dev server from the global setup: timers are seconds ahead, waited for with bounded polls.
jest.setTimeout(90_000);

let server: WorkflowSpecServer;
let client: Client;

beforeAll(async () => {
  server = await connectWorkflowSpecServer();
  ({ client } = server);
});

afterAll(async () => {
  await server?.close();
});

async function withWorker<T>(run: (taskQueue: string, notifications: NotificationInput[]) => Promise<T>): Promise<T> {
  const { worker, taskQueue, notifications } = await createChildPlanTestWorker(server);
  return worker.runUntil(run(taskQueue, notifications));
}

const childRef = () => `lln-${randomUUID().slice(0, 8)}`;
const command = (actor: ReferralCommand['actor'], body: unknown, extra: Partial<ChildPlanCommand> = {}): ChildPlanCommand => ({ actor, body, requestId: `req-${randomUUID()}`, ...extra });

function startReferral(taskQueue: string, ref: string) {
  const referralId = randomUUID();
  return client.workflow.start('referralWorkflow', {
    taskQueue,
    workflowId: referralWorkflowId(referralId),
    args: [{ referralId, region: 'swv-2801', actor: SCHOOL, requestId: 'req-start', body: startReferralBody({ childRef: ref }), policy: secondsPolicy(600, 600, 1) }],
  });
}

/** The plan's state once its first referral has started it (signal-with-start runs in an activity). */
function planOnceStarted(ref: string, done: (state: Awaited<ReturnType<typeof queryPlan>>) => boolean) {
  return eventually(() => queryPlan(ref).catch(() => undefined), (state) => state !== undefined && done(state));
}

function queryPlan(ref: string) {
  return client.workflow.getHandle(childPlanWorkflowId(ref)).query(childPlanStateQuery);
}

function failureTypeOf(error: unknown): string | undefined {
  return error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure ? (error.cause.type ?? undefined) : undefined;
}

/** A referral's report before its toewijzing. */
function planEntry(referralId: string, version: number): PlanReferral {
  return planReferral(referralId, { stage: 'toewijzing', regisseurId: null, providerId: null, arrangement: null, createdAt: new Date().toISOString(), version });
}

describe('childPlanWorkflow', () => {
  it('gives two referrals for one child one plan and one regisseur, and refuses a second regisseur', async () => {
    await withWorker(async (taskQueue) => {
      const ref = childRef();
      const first = await startReferral(taskQueue, ref);
      const second = await startReferral(taskQueue, ref);
      const plan = client.workflow.getHandle(childPlanWorkflowId(ref));
      await planOnceStarted(ref, (state) => state.referrals.length === 2);

      await first.executeUpdate(toewijzingUpdate, { args: [{ actor: LOKET, body: toewijzingBody() }] });
      const refused = await second.executeUpdate(toewijzingUpdate, { args: [{ actor: LOKET, body: toewijzingBody({ regisseurId: OTHER_REGISSEUR.sub }) }] }).catch((e: unknown) => e);
      expect(failureTypeOf(refused)).toBe('REGISSEUR_CONFLICT');
      expect((await second.query(referralStateQuery)).toewijzingen).toHaveLength(0);

      const { regisseurId: _omitted, ...withoutRegisseur } = toewijzingBody();
      const joined = await second.executeUpdate(toewijzingUpdate, { args: [{ actor: LOKET, body: withoutRegisseur }] });
      expect(joined.toewijzingen.at(-1)?.regisseurId).toBe(REGISSEUR.sub);

      const state = await plan.query(childPlanStateQuery);
      expect(state.regisseur?.regisseurId).toBe(REGISSEUR.sub);
      expect(state.regisseurHistory).toHaveLength(1);
      expect(state.referrals.map((r) => r.referralId).sort()).toEqual([first.workflowId, second.workflowId].map((id) => id.replace('referral-', '')).sort());
      const described = await client.workflow.list({ query: `WorkflowId = '${childPlanWorkflowId(ref)}'` });
      let runs = 0;
      for await (const _ of described) runs += 1;
      expect(runs).toBe(1);
    });
  });

  it('hands the regisseur over explicitly, and the open referrals follow', async () => {
    await withWorker(async (taskQueue) => {
      const ref = childRef();
      const referral = await startReferral(taskQueue, ref);
      await referral.executeUpdate(toewijzingUpdate, { args: [{ actor: LOKET, body: toewijzingBody() }] });
      const plan = client.workflow.getHandle(childPlanWorkflowId(ref));
      const after = await plan.executeUpdate(childPlanStepUpdate, {
        args: ['handoverRegisseur', command(LOKET, { toRegisseurId: OTHER_REGISSEUR.sub, reason: 'Regisseur met verlof' })],
      });
      expect(after.regisseur?.regisseurId).toBe(OTHER_REGISSEUR.sub);
      expect(after.regisseurHistory.map((p) => [p.regisseurId, p.until === undefined])).toEqual([
        [REGISSEUR.sub, false],
        [OTHER_REGISSEUR.sub, true],
      ]);
      const moved = await eventually(() => referral.query(referralStateQuery), (state) => state.toewijzingen.at(-1)?.regisseurId === OTHER_REGISSEUR.sub);
      expect(moved.toewijzingen.at(-1)?.regisseurId).toBe(OTHER_REGISSEUR.sub);
    });
  });

  it('escalates an overstap that is not confirmed in time, through the policy ladder', async () => {
    await withWorker(async (taskQueue, notifications) => {
      const ref = childRef();
      await startReferral(taskQueue, ref);
      const plan = client.workflow.getHandle(childPlanWorkflowId(ref));
      await planOnceStarted(ref, (state) => state.school !== null);
      // Due 4 s before a start 8 s away: the ladder fires at due (sending school) and 2 s later (leerplicht).
      const policy: ResolvedDeadlinePolicy = secondsPolicy(4, 2, 1);
      const startDate = new Date(Date.now() + 8_000).toISOString();
      const scheduled = await plan.executeUpdate(childPlanStepUpdate, { args: ['scheduleTransition', command(LOKET, scheduleTransitionBody(startDate), { policy: { ...policy, rules: { ...policy.rules, overstapBevestiging: { ...policy.rules.overstapBevestiging, term: { amount: 4, unit: 'seconden' } } } } })] });
      expect(scheduled.transitions[0]?.deadlines[0]?.id).toBe('overstapBevestiging-1');
      await eventually(() => plan.query(childPlanEventsQuery), (events) => events.filter((e) => e.type === 'deadline.escalated').length >= 2, 30_000);
      const escalations = notifications.filter((n) => n.kind === 'escalation');
      expect(escalations.every((n) => n.childRef === ref && n.transitionId === 'overstap-1' && n.referralId === undefined)).toBe(true);
      expect(escalations.map((n) => n.recipient)).toEqual(expect.arrayContaining([{ role: 'school', org: '12AB' }, { role: 'leerplicht', region: 'swv-2801' }]));
      // The receiving school heard of the overstap when it was scheduled.
      expect(notifications.some((n) => n.kind === 'overstap' && n.recipient.org === VO_SCHOOL.org)).toBe(true);
    });
  });

  it('continues as new past its history limit and still answers queries, signals and updates', async () => {
    await withWorker(async (taskQueue) => {
      const ref = childRef();
      const plan = await client.workflow.start('childPlanWorkflow', {
        taskQueue,
        workflowId: childPlanWorkflowId(ref),
        args: [{ childRef: ref, region: 'swv-2801', historyLimit: 20 }],
      });
      const firstRunId = plan.firstExecutionRunId;
      const referralIds = Array.from({ length: 25 }, () => randomUUID());
      for (const [index, referralId] of referralIds.entries()) await plan.signal(registerReferralSignal, planEntry(referralId, index + 1));
      const carried = await eventually(
        async () => ({ description: await client.workflow.getHandle(childPlanWorkflowId(ref)).describe(), state: await plan.query(childPlanStateQuery) }),
        ({ description, state }) => description.runId !== firstRunId && state.referrals.length === 25,
      );
      expect(carried.description.runId).not.toBe(firstRunId);
      expect(carried.state.school).toEqual(expect.objectContaining({ brin: '12AB', sector: 'PO' }));
      const events = await plan.query(childPlanEventsQuery);
      expect(events.filter((e) => e.type === 'referral.registered')).toHaveLength(25);
      expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));

      // An Update on the new run: the plan keeps working after Continue-As-New.
      const step: ChildPlanStep = 'scheduleTransition';
      const after = await plan.executeUpdate(childPlanStepUpdate, { args: [step, command(LOKET, scheduleTransitionBody('2027-08-30'), { policy: secondsPolicy(600, 600, 1) })] });
      expect(after.transitions.map((t) => t.transitionId)).toEqual(['overstap-1']);
      expect(after.referrals).toHaveLength(25);
    });
  });

  it('rejects an Update it cannot accept in the validator, leaving the plan as it was', async () => {
    await withWorker(async (taskQueue) => {
      const ref = childRef();
      const plan = await client.workflow.start('childPlanWorkflow', { taskQueue, workflowId: childPlanWorkflowId(ref), args: [{ childRef: ref, region: 'swv-2801' }] });
      await plan.signal(registerReferralSignal, planEntry(randomUUID(), 1));
      const before = await eventually(() => plan.query(childPlanStateQuery), (state) => state.referrals.length === 1);
      const unknownStep = await plan.executeUpdate(childPlanStepUpdate, { args: ['dropEverything' as ChildPlanStep, command(LOKET, {})] }).catch((e: unknown) => e);
      expect(failureTypeOf(unknownStep)).toBe('VALIDATION_FAILED');
      const badRoute = await plan
        .executeUpdate(childPlanStepUpdate, { args: ['scheduleTransition', command(LOKET, scheduleTransitionBody('2027-08-30', { to: { sector: 'MBO', brin: '34CD' } }), { policy: secondsPolicy() })] })
        .catch((e: unknown) => e);
      expect(failureTypeOf(badRoute)).toBe('VALIDATION_FAILED');
      const outsider = await plan.executeUpdate(childPlanStepUpdate, { args: ['scheduleTransition', command(VO_SCHOOL, scheduleTransitionBody('2027-08-30'), { policy: secondsPolicy() })] }).catch((e: unknown) => e);
      expect(failureTypeOf(outsider)).toBe('NOT_FOUND');
      expect(await plan.query(childPlanStateQuery)).toEqual(before);
      expect((await plan.describe()).status.name).toBe('RUNNING');
    });
  });
});
