import { randomUUID } from 'node:crypto';
import { ApplicationFailure, type DataConverter } from '@temporalio/common';
import { WorkflowFailedError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { Worker, type NativeConnection } from '@temporalio/worker';
import type { ReferralCommand } from '@schakel/domain';
import type { ResolvedDeadlinePolicy } from '@schakel/domain';
import {
  arrangementBody,
  HAPPY_PATH_EVENT_TYPES,
  LOKET,
  NATIONAL_POLICY,
  OTHER_REGISSEUR,
  REGISSEUR,
  SCHOOL,
  secondsPolicy,
  startReferralBody,
  toewijzingBody,
} from '@schakel/domain/testing';
import { eventually, step } from '../../../../tools/src/eventually.test-support';
import { connectWorkflowSpecServer, type WorkflowSpecServer } from '../../../../tools/src/workflow-spec.test-support';
import {
  approveArrangementUpdate,
  recordEvaluationUpdate,
  referralEventsQuery,
  referralStateQuery,
  referralWorkflowId,
  submitArrangementUpdate,
  toewijzingUpdate,
  extendDeadlineUpdate,
  pauseDeadlineUpdate,
  resumeDeadlineUpdate,
  ESCALATION_LEVEL_SEARCH_ATTRIBUTE,
  OVERDUE_SEARCH_ATTRIBUTE,
  type ReferralActivities,
  type ReferralProjection,
} from './referral.contract';
import type { NotificationActivities, NotificationInput } from '../notification/notification.contract';
import type { ChildPlanActivities } from '../child-plan/child-plan.contract';

// Workflow specs run against the real dev server from the global setup (no time-skipping server
// exists for this CLI build), so timers are set seconds ahead and waited for with bounded polls.
jest.setTimeout(60_000);

let server: WorkflowSpecServer;
let nativeConnection: NativeConnection;
let client: Client;
let workflowBundle: { code: string };
let dataConverter: DataConverter;

beforeAll(async () => {
  server = await connectWorkflowSpecServer();
  ({ nativeConnection, client, workflowBundle, dataConverter } = server);
});

afterAll(async () => {
  await server?.close();
});

/**
 * Records every projection and notification the workflow asks for, optionally failing the first
 * projections. The child's plan answers as a plan without a regisseur would: the one named (the plan
 * itself is specified in child-plan.workflow.spec.ts, with real activities).
 */
function projector(failFirst = 0): {
  activities: ReferralActivities & NotificationActivities & ChildPlanActivities;
  projections: ReferralProjection[];
  notifications: NotificationInput[];
  attempts: () => number;
} {
  const projections: ReferralProjection[] = [];
  const notifications: NotificationInput[] = [];
  let attempts = 0;
  return {
    projections,
    notifications,
    attempts: () => attempts,
    activities: {
      async projectReferral(projection) {
        attempts += 1;
        if (attempts <= failFirst) throw new Error('database unavailable');
        projections.push(projection);
      },
      async recordNotification(notification) {
        notifications.push(notification);
      },
      async reportToChildPlan() {},
      async claimChildPlanRegisseur(_report, claim) {
        return claim.regisseurId ?? REGISSEUR.sub;
      },
    },
  };
}

async function withWorker<T>(activities: ReferralActivities & NotificationActivities & ChildPlanActivities, run: (taskQueue: string) => Promise<T>, taskQueue = `test-referral-${randomUUID()}`): Promise<T> {
  const worker = await Worker.create({ connection: nativeConnection, taskQueue, workflowBundle, dataConverter, activities });
  return worker.runUntil(run(taskQueue));
}

function start(taskQueue: string, policy: ResolvedDeadlinePolicy = NATIONAL_POLICY, body: unknown = startReferralBody()) {
  const referralId = randomUUID();
  return client.workflow.start('referralWorkflow', {
    taskQueue,
    workflowId: referralWorkflowId(referralId),
    args: [{ referralId, region: 'swv-2801', actor: SCHOOL, requestId: 'req-start', body, policy }],
  });
}

const command = (actor: ReferralCommand['actor'], body: unknown): ReferralCommand => ({ actor, body, requestId: `req-${randomUUID()}` });


function failureTypeOf(error: unknown): string | undefined {
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) return error.cause.type ?? undefined;
  return undefined;
}

describe('referralWorkflow', () => {
  it('runs from gesignaleerd to afgesloten, with the evaluation date as a durable timer', async () => {
    const { activities, projections } = projector();
    await withWorker(activities, async (taskQueue) => {
      const handle = await step('start', start(taskQueue));
      // Sent at once: the toewijzing waits for the intake to be on record instead of failing.
      const afterToewijzing = await step('toewijzing', handle.executeUpdate(toewijzingUpdate, { args: [command(LOKET, toewijzingBody())] }));
      expect(afterToewijzing.stage).toBe('arrangement');

      const evaluationAt = new Date(Date.now() + 2_000).toISOString();
      await step('arrangement', handle.executeUpdate(submitArrangementUpdate, { args: [command(SCHOOL, arrangementBody(evaluationAt))] }));
      const approved = await step('approve', handle.executeUpdate(approveArrangementUpdate, { args: [command(REGISSEUR, {})] }));
      expect(approved.stage).toBe('uitvoering');

      const due = await eventually(() => step('state query', handle.query(referralStateQuery)), (s) => s.stage === 'evaluatie');
      expect(due.stage).toBe('evaluatie');

      await step('evaluation', handle.executeUpdate(recordEvaluationUpdate, { args: [command(REGISSEUR, { outcome: 'afsluiten', summary: 'Doelen behaald' })] }));
      const result = await step('result', handle.result());
      expect(result.stage).toBe('afgesloten');

      const events = await handle.query(referralEventsQuery);
      expect(events.map((e) => e.type)).toEqual(HAPPY_PATH_EVENT_TYPES);
    });
    // Every event projected exactly once, in order, with summaries that only move forward.
    expect(projections.flatMap((p) => p.events.map((e) => e.seq))).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const versions = projections.map((p) => p.summary.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(projections.at(-1)?.summary.stage).toBe('afgesloten');
  });

  it('refuses a step in its validator and leaves no trace: not the assigned regisseur, wrong stage', async () => {
    const { activities } = projector();
    await withWorker(activities, async (taskQueue) => {
      const handle = await start(taskQueue);
      await handle.executeUpdate(toewijzingUpdate, { args: [command(LOKET, toewijzingBody())] });
      const early = await handle.executeUpdate(approveArrangementUpdate, { args: [command(REGISSEUR, {})] }).catch((e: unknown) => e);
      expect(failureTypeOf(early)).toBe('STAGE_CONFLICT');

      await handle.executeUpdate(submitArrangementUpdate, { args: [command(SCHOOL, arrangementBody('2027-03-01'))] });
      const before = await handle.query(referralStateQuery);
      const wrong = await handle.executeUpdate(approveArrangementUpdate, { args: [command(OTHER_REGISSEUR, {})] }).catch((e: unknown) => e);
      expect(failureTypeOf(wrong)).toBe('NOT_ASSIGNED_REGISSEUR');
      const invalid = await handle.executeUpdate(submitArrangementUpdate, { args: [command(SCHOOL, { goals: [] })] }).catch((e: unknown) => e);
      expect(failureTypeOf(invalid)).toBe('STAGE_CONFLICT');

      const after = await handle.query(referralStateQuery);
      expect(after.version).toBe(before.version);
      expect(after.stage).toBe('arrangement');
      // The workflow task never failed: the history holds no rejected Update at all.
      const history = await handle.fetchHistory();
      const rejected = (history.events ?? []).filter((e) => e.workflowExecutionUpdateRejectedEventAttributes);
      expect(rejected).toHaveLength(0);
      expect((history.events ?? []).some((e) => e.workflowTaskFailedEventAttributes)).toBe(false);
      await handle.terminate('test done');
    });
  });

  it('moves the evaluation timer when the regisseur extends the arrangement (verlengen)', async () => {
    const { activities } = projector();
    await withWorker(activities, async (taskQueue) => {
      const handle = await start(taskQueue);
      await handle.executeUpdate(toewijzingUpdate, { args: [command(LOKET, toewijzingBody())] });
      await handle.executeUpdate(submitArrangementUpdate, { args: [command(SCHOOL, arrangementBody('2027-03-01'))] });
      await handle.executeUpdate(approveArrangementUpdate, { args: [command(REGISSEUR, {})] });
      const soon = new Date(Date.now() + 1_500).toISOString();
      const extended = await handle.executeUpdate(recordEvaluationUpdate, {
        args: [command(REGISSEUR, { outcome: 'verlengen', summary: 'Tussentijds verlengd', endDate: '2027-12-31', evaluationDate: soon })],
      });
      expect(extended.stage).toBe('uitvoering');
      const due = await eventually(() => handle.query(referralStateQuery), (s) => s.stage === 'evaluatie');
      expect(due.stage).toBe('evaluatie');
      await handle.terminate('test done');
    });
  });

  it('keeps projecting through a failing database: the activity retries until the row lands', async () => {
    const { activities, projections, attempts } = projector(2);
    await withWorker(activities, async (taskQueue) => {
      const handle = await start(taskQueue);
      const state = await eventually(() => handle.query(referralStateQuery), (s) => s.stage === 'toewijzing');
      expect(state.stage).toBe('toewijzing');
      await eventually(async () => projections.length, (n) => n >= 2);
      await handle.terminate('test done');
    });
    expect(attempts()).toBeGreaterThanOrEqual(4);
    expect(projections[0]?.events.map((e) => e.seq)).toEqual([1]);
  });

  it('fails at once, without retrying, when started with a body the domain refuses', async () => {
    const { activities } = projector();
    await withWorker(activities, async (taskQueue) => {
      const referralId = randomUUID();
      const handle = await client.workflow.start('referralWorkflow', {
        taskQueue,
        workflowId: referralWorkflowId(referralId),
        args: [{ referralId, region: 'swv-2801', actor: SCHOOL, body: { ...startReferralBody(), childRef: '123456782' }, policy: NATIONAL_POLICY }],
      });
      const error = await handle.result().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WorkflowFailedError);
      expect(((error as WorkflowFailedError).cause as ApplicationFailure).type).toBe('VALIDATION_FAILED');
    });
  });

  describe('deadlines (a policy in seconds)', () => {
    const escalations = (events: Array<{ type: string; data: Record<string, unknown> }>, deadlineId: string) =>
      events.filter((e) => e.type === 'deadline.escalated' && e.data['deadlineId'] === deadlineId).map((e) => e.data['level']);

    it('reminds, then escalates one level at a time up the ladder, and says so in search attributes', async () => {
      const { activities, notifications } = projector();
      await withWorker(activities, async (taskQueue) => {
        const handle = await start(taskQueue, secondsPolicy(3, 1, 1));
        const events = await eventually(() => handle.query(referralEventsQuery), (e) => escalations(e, 'toewijzing-1').length === 3);
        const types = events.map((e) => e.type).filter((t) => t.startsWith('deadline.'));
        expect(types).toEqual(['deadline.reminder', 'deadline.escalated', 'deadline.escalated', 'deadline.escalated']);
        expect(escalations(events, 'toewijzing-1')).toEqual([1, 2, 3]);
        // Reminder to the assignee (the loket), then loket, gemeente, leerplicht of the region.
        await eventually(async () => notifications.length, (n) => n >= 4);
        expect(notifications.map((n) => [n.kind, n.level, n.recipient.role, n.recipient.region])).toEqual([
          ['reminder', 0, 'loket', 'swv-2801'],
          ['escalation', 1, 'loket', 'swv-2801'],
          ['escalation', 2, 'gemeente', 'swv-2801'],
          ['escalation', 3, 'leerplicht', 'swv-2801'],
        ]);
        expect(new Set(notifications.map((n) => n.notificationId)).size).toBe(4);
        expect(notifications.every((n) => !n.message.includes('lln-7f3a9c'))).toBe(true);
        const overdue = await eventually(
          async () => (await handle.describe()).typedSearchAttributes,
          (a) => a.get(ESCALATION_LEVEL_SEARCH_ATTRIBUTE) === 3,
        );
        expect(overdue.get(OVERDUE_SEARCH_ATTRIBUTE)).toBe(true);

        // Completing the step cancels its timers: the case is no longer overdue.
        await handle.executeUpdate(toewijzingUpdate, { args: [command(LOKET, toewijzingBody())] });
        const cleared = await eventually(async () => (await handle.describe()).typedSearchAttributes, (a) => a.get(OVERDUE_SEARCH_ATTRIBUTE) === false);
        expect(cleared.get(ESCALATION_LEVEL_SEARCH_ATTRIBUTE)).toBe(0);
        const state = await handle.query(referralStateQuery);
        expect(state.deadlines.find((d) => d.id === 'toewijzing-1')?.closedAt).toEqual(expect.any(String));
        await handle.terminate('test done');
      });
    });

    it('cancels a completed step\'s timers: no escalation of it ever follows', async () => {
      const { activities } = projector();
      await withWorker(activities, async (taskQueue) => {
        // The toewijzing is due after 3 s; approval after 3 s from its submission.
        const handle = await start(taskQueue, secondsPolicy(3, 1, 1));
        await handle.executeUpdate(toewijzingUpdate, { args: [command(LOKET, toewijzingBody())] });
        await handle.executeUpdate(submitArrangementUpdate, { args: [command(SCHOOL, arrangementBody('2027-03-01'))] });
        // The approval deadline opened after the toewijzing's would have passed: once it escalates, the
        // toewijzing's old due moment is long gone, and it must not have escalated.
        const events = await eventually(() => handle.query(referralEventsQuery), (e) => escalations(e, 'arrangementApproval-1').length >= 1);
        expect(escalations(events, 'toewijzing-1')).toEqual([]);
        await handle.terminate('test done');
      });
    });

    it('pauses (opschorten) and resumes a term: it does not escalate while paused, and its due date moves', async () => {
      const { activities } = projector();
      await withWorker(activities, async (taskQueue) => {
        const handle = await start(taskQueue, secondsPolicy(2, 1, 1));
        const opened = (await eventually(() => handle.query(referralStateQuery), (s) => s.deadlines.length > 0)).deadlines[0];
        expect(opened?.id).toBe('toewijzing-1');
        const paused = await handle.executeUpdate(pauseDeadlineUpdate, { args: [command(LOKET, { deadlineId: 'toewijzing-1', reason: 'Wacht op het groeidocument' })] });
        expect(paused.deadlines[0]?.pausedAt).toEqual(expect.any(String));
        const pausedAt = Date.now();
        // Stay paused well past the original due moment.
        await eventually(async () => Date.now(), (now) => now >= Date.parse(opened!.dueAt) + 1_500, 10_000);
        const resumed = await handle.executeUpdate(resumeDeadlineUpdate, { args: [command(LOKET, { deadlineId: 'toewijzing-1' })] });
        const pausedFor = Date.now() - pausedAt;
        expect(Date.parse(resumed.deadlines[0]!.dueAt) - Date.parse(opened!.dueAt)).toBeGreaterThanOrEqual(pausedFor - 1_000);
        const events = await handle.query(referralEventsQuery);
        expect(escalations(events, 'toewijzing-1')).toEqual([]);
        expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['deadline.paused', 'deadline.resumed']));
        // After resuming, the term runs out and escalates.
        await eventually(() => handle.query(referralEventsQuery), (e) => escalations(e, 'toewijzing-1').length >= 1);
        await handle.terminate('test done');
      });
    });

    it('extends a term once where the rule allows it, and refuses a second extension in the validator', async () => {
      const { activities } = projector();
      await withWorker(activities, async (taskQueue) => {
        const handle = await start(taskQueue, secondsPolicy(3, 1, 1));
        const before = (await eventually(() => handle.query(referralStateQuery), (s) => s.deadlines.length > 0)).deadlines[0]!;
        const extended = await handle.executeUpdate(extendDeadlineUpdate, {
          args: [command(LOKET, { deadlineId: 'toewijzing-1', amount: 20, unit: 'seconden', reason: 'Aanvullend onderzoek' })],
        });
        expect(Date.parse(extended.deadlines[0]!.dueAt) - Date.parse(before.dueAt)).toBe(20_000);
        const second = await handle
          .executeUpdate(extendDeadlineUpdate, { args: [command(LOKET, { deadlineId: 'toewijzing-1', amount: 1, unit: 'seconden', reason: 'nogmaals' })] })
          .catch((e: unknown) => e);
        expect(failureTypeOf(second)).toBe('DEADLINE_RULE');
        const tooLong = await handle
          .executeUpdate(extendDeadlineUpdate, { args: [command(REGISSEUR, { deadlineId: 'toewijzing-1', amount: 1, unit: 'seconden', reason: 'x' })] })
          .catch((e: unknown) => e);
        // No regisseur is assigned before the toewijzing: this term is the loket's alone.
        expect(failureTypeOf(tooLong)).toBe('FORBIDDEN');
        const after = await handle.query(referralStateQuery);
        expect(after.deadlines[0]?.extensions).toBe(1);
        await handle.terminate('test done');
      });
    });

    it('keeps its timers when no worker runs: a deadline that passes meanwhile escalates once a worker is back', async () => {
      const taskQueue = `test-referral-${randomUUID()}`;
      const first = projector();
      const { handle, dueAt } = await withWorker(first.activities, async () => {
        const started = await start(taskQueue, secondsPolicy(8, 1, 1));
        const state = await eventually(() => started.query(referralStateQuery), (s) => s.deadlines.length > 0);
        return { handle: started, dueAt: Date.parse(state.deadlines[0]!.dueAt) };
      }, taskQueue);
      const stoppedAt = Date.now();
      // The first worker is gone before the term runs out; the due moment passes with no worker at all.
      expect(stoppedAt).toBeLessThan(dueAt);
      expect(first.notifications.filter((n) => n.kind === 'escalation')).toEqual([]);
      await eventually(async () => Date.now(), (now) => now >= dueAt + 1_000, 15_000);
      const second = projector();
      await withWorker(second.activities, async () => {
        const events = await eventually(() => handle.query(referralEventsQuery), (e) => escalations(e, 'toewijzing-1').length >= 1);
        expect(escalations(events, 'toewijzing-1')[0]).toBe(1);
        // The new worker, not the first, sends the escalation's notification.
        await eventually(async () => second.notifications.filter((n) => n.kind === 'escalation').length, (n) => n >= 1);
        await handle.terminate('test done');
      }, taskQueue);
      expect(second.notifications.some((n) => n.kind === 'escalation')).toBe(true);
    });

    it('tells leerplicht at once about a thuiszitter and climbs the thuiszitter ladder until the arrangement runs', async () => {
      const { activities, notifications } = projector();
      await withWorker(activities, async (taskQueue) => {
        const today = new Date().toISOString().slice(0, 10);
        const handle = await start(taskQueue, secondsPolicy(600, 600, 1), startReferralBody({ thuiszitter: { isThuiszitter: true, since: today } }));
        await eventually(async () => notifications.length, (n) => n >= 1);
        expect(notifications[0]).toMatchObject({ kind: 'thuiszitter', rule: 'thuiszitter', recipient: { role: 'leerplicht', region: 'swv-2801' } });
        // The intake's notice goes out before the toewijzing term opens (and the plan hears of the case in between).
        const state = await eventually(() => handle.query(referralStateQuery), (s) => s.deadlines.length === 2);
        expect(state.deadlines.map((d) => d.id)).toEqual(expect.arrayContaining(['thuiszitter-1', 'toewijzing-1']));
        await handle.executeUpdate(toewijzingUpdate, { args: [command(LOKET, toewijzingBody())] });
        await handle.executeUpdate(submitArrangementUpdate, { args: [command(SCHOOL, arrangementBody('2027-03-01'))] });
        const approved = await handle.executeUpdate(approveArrangementUpdate, { args: [command(REGISSEUR, {})] });
        expect(approved.deadlines.find((d) => d.id === 'thuiszitter-1')?.closedAt).toEqual(expect.any(String));
        await handle.terminate('test done');
      });
    });
  });
});
