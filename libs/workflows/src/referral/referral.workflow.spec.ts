import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import { Client, Connection, WorkflowFailedError, WorkflowUpdateFailedError } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import type { ReferralCommand } from '@schakel/domain';
import { arrangementBody, HAPPY_PATH_EVENT_TYPES, LOKET, OTHER_REGISSEUR, REGISSEUR, SCHOOL, startReferralBody, toewijzingBody } from '@schakel/domain/testing';
import { loadTestWorkflowBundle } from '../../../../tools/src/workflow-bundle.test-support';
import {
  approveArrangementUpdate,
  recordEvaluationUpdate,
  referralEventsQuery,
  referralStateQuery,
  referralWorkflowId,
  submitArrangementUpdate,
  toewijzingUpdate,
  type ReferralActivities,
  type ReferralProjection,
} from './referral.contract';

// Workflow specs run against the real dev server from the global setup (no time-skipping server
// exists for this CLI build), so timers are set seconds ahead and waited for with bounded polls.
const address = process.env['TEMPORAL_ADDRESS'] ?? '127.0.0.1:7233';
jest.setTimeout(60_000);

let nativeConnection: NativeConnection;
let connection: Connection;
let client: Client;
let workflowBundle: { code: string };

beforeAll(async () => {
  workflowBundle = await loadTestWorkflowBundle();
  nativeConnection = await NativeConnection.connect({ address });
  connection = await Connection.connect({ address });
  client = new Client({ connection });
});

afterAll(async () => {
  await connection?.close();
  await nativeConnection?.close();
});

/** Records every projection the workflow asks for, optionally failing the first attempts. */
function projector(failFirst = 0): { activities: ReferralActivities; projections: ReferralProjection[]; attempts: () => number } {
  const projections: ReferralProjection[] = [];
  let attempts = 0;
  return {
    projections,
    attempts: () => attempts,
    activities: {
      async projectReferral(projection) {
        attempts += 1;
        if (attempts <= failFirst) throw new Error('database unavailable');
        projections.push(projection);
      },
    },
  };
}

async function withWorker<T>(activities: ReferralActivities, run: (taskQueue: string) => Promise<T>): Promise<T> {
  const taskQueue = `test-referral-${randomUUID()}`;
  const worker = await Worker.create({ connection: nativeConnection, taskQueue, workflowBundle, activities });
  return worker.runUntil(run(taskQueue));
}

function start(taskQueue: string, referralId = randomUUID()) {
  return client.workflow.start('referralWorkflow', {
    taskQueue,
    workflowId: referralWorkflowId(referralId),
    args: [{ referralId, region: 'swv-2801', actor: SCHOOL, requestId: 'req-start', body: startReferralBody() }],
  });
}

const command = (actor: ReferralCommand['actor'], body: unknown): ReferralCommand => ({ actor, body, requestId: `req-${randomUUID()}` });

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
}

function failureTypeOf(error: unknown): string | undefined {
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) return error.cause.type ?? undefined;
  return undefined;
}

describe('referralWorkflow', () => {
  it('runs from gesignaleerd to afgesloten, with the evaluation date as a durable timer', async () => {
    const { activities, projections } = projector();
    await withWorker(activities, async (taskQueue) => {
      const handle = await start(taskQueue);
      // Sent at once: the toewijzing waits for the intake to be on record instead of failing.
      const afterToewijzing = await handle.executeUpdate(toewijzingUpdate, { args: [command(LOKET, toewijzingBody())] });
      expect(afterToewijzing.stage).toBe('arrangement');

      const evaluationAt = new Date(Date.now() + 2_000).toISOString();
      await handle.executeUpdate(submitArrangementUpdate, { args: [command(SCHOOL, arrangementBody(evaluationAt))] });
      const approved = await handle.executeUpdate(approveArrangementUpdate, { args: [command(REGISSEUR, {})] });
      expect(approved.stage).toBe('uitvoering');

      const due = await eventually(() => handle.query(referralStateQuery), (s) => s.stage === 'evaluatie');
      expect(due.stage).toBe('evaluatie');

      await handle.executeUpdate(recordEvaluationUpdate, { args: [command(REGISSEUR, { outcome: 'afsluiten', summary: 'Doelen behaald' })] });
      const result = await handle.result();
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
        args: [{ referralId, region: 'swv-2801', actor: SCHOOL, body: { ...startReferralBody(), childRef: '123456782' } }],
      });
      const error = await handle.result().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WorkflowFailedError);
      expect(((error as WorkflowFailedError).cause as ApplicationFailure).type).toBe('VALIDATION_FAILED');
    });
  });
});
