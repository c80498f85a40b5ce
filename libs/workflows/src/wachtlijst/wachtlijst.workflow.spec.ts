import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import { WorkflowUpdateFailedError, type Client, type WorkflowHandle } from '@temporalio/client';
import type { Actor, ResolvedWachtlijstPolicy, WachtlijstState } from '@schakel/domain';
import { enqueueBody, secondsWachtlijstPolicy } from '@schakel/domain/testing';
import { eventually } from '../../../../tools/src/eventually.test-support';
import { connectWorkflowSpecServer, type WorkflowSpecServer } from '../../../../tools/src/workflow-spec.test-support';
import { createWachtlijstTestWorker, startHangingWachtlijstWorker, type FakeReferrals } from '../../test/wachtlijst-worker.test-helper';
import type { NotificationInput } from '../notification/notification.contract';
import {
  ADMISSIONS_IN_FLIGHT,
  changeWachtlijstCapacityUpdate,
  enqueueWachtlijstUpdate,
  placeFreedUpdate,
  recordOverbruggingUpdate,
  removeFromWachtlijstUpdate,
  wachtlijstStateQuery,
  wachtlijstWorkflowId,
} from './wachtlijst.contract';
import type { wachtlijstWorkflow } from './wachtlijst.workflow';

// On the real dev server from the global setup: terms in seconds, waited for with bounded polls.
jest.setTimeout(90_000);

const LOKET: Actor = { sub: 'loket-1', role: 'loket', org: 'swv-2801', region: 'swv-2801' };

let server: WorkflowSpecServer;
let client: Client;

beforeAll(async () => {
  server = await connectWorkflowSpecServer();
  ({ client } = server);
});

afterAll(async () => {
  await server?.close();
});

interface Run {
  taskQueue: string;
  notifications: NotificationInput[];
  referrals: FakeReferrals;
}

async function withWorker<T>(run: (context: Run) => Promise<T>, taskQueue?: string): Promise<T> {
  const { worker, ...context } = await createWachtlijstTestWorker(server, taskQueue);
  return worker.runUntil(run(context));
}

type List = WorkflowHandle<typeof wachtlijstWorkflow>;

function startList(taskQueue: string, options: { capacity?: number; placesTaken?: number; policy?: ResolvedWachtlijstPolicy; historyLimit?: number } = {}): Promise<List> {
  const aanbodId = randomUUID();
  const { capacity = 1, placesTaken = capacity, policy = secondsWachtlijstPolicy(), historyLimit } = options;
  return client.workflow.start<typeof wachtlijstWorkflow>('wachtlijstWorkflow', {
    taskQueue,
    workflowId: wachtlijstWorkflowId(aanbodId),
    args: [{ aanbodId, capacity, placesTaken, policy, ...(historyLimit === undefined ? {} : { historyLimit }) }],
  });
}

const command = (body: unknown) => ({ actor: LOKET, requestId: `req-${randomUUID()}`, body });
const enqueue = (list: List, body: unknown) => list.executeUpdate(enqueueWachtlijstUpdate, { args: [command(body)] });
const free = (list: List, body: unknown) => list.executeUpdate(placeFreedUpdate, { args: [command(body)] });
const stateOf = (list: List) => list.query(wachtlijstStateQuery);
const settled = (list: List, done: (state: WachtlijstState) => boolean, what = 'the list') => eventually(() => stateOf(list), (s) => s.admissions.length === 0 && done(s), 30_000, what);
const waiting = (state: WachtlijstState) => state.queue.map((e) => e.referralId);
const admittedIn = (state: WachtlijstState) => state.closed.filter((c) => c.outcome === 'toegelaten').map((c) => c.referralId);

function failureTypeOf(error: unknown): string | undefined {
  return error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure ? (error.cause.type ?? undefined) : undefined;
}

describe('wachtlijstWorkflow', () => {
  it('puts a case on the list of a full aanbod, refuses it twice, and admits at once where a place is free', async () => {
    await withWorker(async ({ taskQueue, referrals }) => {
      const full = await startList(taskQueue, { capacity: 2 });
      const body = enqueueBody();
      expect(await enqueue(full, body)).toMatchObject({ status: 'wachtend', position: 1, freePlaces: 0, waiting: 1 });
      expect(failureTypeOf(await enqueue(full, body).catch((e: unknown) => e))).toBe('STAGE_CONFLICT');
      expect(failureTypeOf(await enqueue(full, enqueueBody({ childRef: '123456782' })).catch((e: unknown) => e))).toBe('VALIDATION_FAILED');
      expect(waiting(await stateOf(full))).toEqual([body.referralId]);

      const open = await startList(taskQueue, { capacity: 2, placesTaken: 1 });
      const taken = enqueueBody();
      expect(await enqueue(open, taken)).toMatchObject({ status: 'toegelaten', freePlaces: 0 });
      expect(admittedIn(await settled(open, (s) => s.closed.length === 1))).toEqual([taken.referralId]);
      expect(referrals.admittedReferrals).toEqual([taken.referralId]);
    });
  });

  it('admits exactly one case per freed place, in the order of the policy', async () => {
    await withWorker(async ({ taskQueue, referrals }) => {
      const list = await startList(taskQueue);
      const longest = enqueueBody({ waitingSince: new Date(Date.now() - 86_400_000).toISOString() });
      const normal = enqueueBody();
      const urgent = enqueueBody({ urgency: 'spoed' });
      const thuiszitter = enqueueBody({ thuiszitter: true });
      for (const body of [longest, normal, urgent, thuiszitter]) await enqueue(list, body);
      expect(waiting(await stateOf(list))).toEqual([thuiszitter, urgent, longest, normal].map((b) => b.referralId));

      await free(list, { releaseId: 'vertrek-1', reason: 'vertrokken' });
      const once = await settled(list, (s) => s.closed.length === 1);
      expect(admittedIn(once)).toEqual([thuiszitter.referralId]);
      expect(waiting(once)).toEqual([urgent, longest, normal].map((b) => b.referralId));

      await free(list, { releaseId: 'arrangement-1', referralId: thuiszitter.referralId, reason: 'arrangementBeeindigd' });
      await free(list, { releaseId: 'arrangement-1', referralId: thuiszitter.referralId, reason: 'arrangementBeeindigd' });
      const twice = await settled(list, (s) => s.closed.length === 2);
      expect(admittedIn(twice)).toEqual([thuiszitter.referralId, urgent.referralId]);
      expect(twice.occupants.map((o) => o.referralId)).toEqual([urgent.referralId]);
      expect(referrals.admittedReferrals).toEqual([thuiszitter.referralId, urgent.referralId]);
      expect(new Set(referrals.calls.map((c) => c.admissionId)).size).toBe(2);
    });
  });

  it('admits two distinct cases when two places free at once, and the next case when an admitted referral is gone', async () => {
    await withWorker(async ({ taskQueue, referrals }) => {
      const list = await startList(taskQueue);
      const bodies = [enqueueBody(), enqueueBody(), enqueueBody()];
      for (const body of bodies) await enqueue(list, body);
      referrals.gone.add(bodies[1]?.referralId ?? '');
      await list.executeUpdate(changeWachtlijstCapacityUpdate, { args: [command({ capacity: 3 })] });
      const state = await settled(list, (s) => s.queue.length === 0 && s.closed.length === 3);
      expect(state.closed.map((c) => [c.referralId, c.outcome])).toEqual(
        expect.arrayContaining([
          [bodies[0]?.referralId, 'toegelaten'],
          [bodies[1]?.referralId, 'vervallen'],
          [bodies[2]?.referralId, 'toegelaten'],
        ]),
      );
      expect(state.occupants.map((o) => o.referralId).sort()).toEqual([bodies[0]?.referralId, bodies[2]?.referralId].sort());
      expect(referrals.admittedReferrals.sort()).toEqual([bodies[0]?.referralId, bodies[2]?.referralId].sort());
    });
  });

  it('admits one case per place under concurrent frees, repeated releases included', async () => {
    await withWorker(async ({ taskQueue, referrals }) => {
      const list = await startList(taskQueue, { capacity: 3 });
      const bodies = Array.from({ length: 6 }, () => enqueueBody());
      for (const body of bodies) await enqueue(list, body);
      // Three places free, each reported twice, all at the same moment.
      await Promise.all(['r-1', 'r-2', 'r-3', 'r-1', 'r-2', 'r-3'].map((releaseId) => free(list, { releaseId, reason: 'vertrokken' })));
      const state = await settled(list, (s) => s.closed.length === 3);
      // Decided in the policy's order (the occupants); the referrals confirm concurrently, in any order.
      expect(state.occupants.map((o) => o.referralId)).toEqual(bodies.slice(0, 3).map((b) => b.referralId));
      expect(admittedIn(state).sort()).toEqual(bodies.slice(0, 3).map((b) => b.referralId).sort());
      expect(waiting(state)).toEqual(bodies.slice(3).map((b) => b.referralId));
      expect(state.occupants).toHaveLength(3);

      // One occupant's place reported free by two callers with their own keys: one place.
      const leaving = bodies[0]?.referralId;
      await Promise.all([
        free(list, { releaseId: 'einde-arrangement', referralId: leaving, reason: 'arrangementBeeindigd' }),
        free(list, { releaseId: 'ingetrokken', referralId: leaving, reason: 'ingetrokken' }),
      ]);
      const after = await settled(list, (s) => s.closed.length === 4);
      expect(admittedIn(after).sort()).toEqual(bodies.slice(0, 4).map((b) => b.referralId).sort());
      expect(after.occupants.map((o) => o.referralId)).toEqual(bodies.slice(1, 4).map((b) => b.referralId));
      expect(waiting(after)).toEqual(bodies.slice(4).map((b) => b.referralId));
      expect(new Set(referrals.admittedReferrals).size).toBe(4);
    });
  });

  it('tells a burst of admitted referrals a bounded number at a time, in the order decided, each exactly once', async () => {
    await withWorker(async ({ taskQueue, referrals }) => {
      const list = await startList(taskQueue, { capacity: 0, placesTaken: 0 });
      const bodies = Array.from({ length: ADMISSIONS_IN_FLIGHT * 2 + 3 }, () => enqueueBody());
      for (const body of bodies) await enqueue(list, body);
      referrals.hold();
      const receipt = await list.executeUpdate(changeWachtlijstCapacityUpdate, { args: [command({ capacity: bodies.length })] });
      // The answer names the decisions, not the whole list.
      expect(receipt.admitted.map((a) => a.referralId)).toEqual(bodies.map((b) => b.referralId));
      expect(receipt).toMatchObject({ capacity: bodies.length, freePlaces: 0, waiting: 0 });
      expect(receipt).not.toHaveProperty('queue');

      await eventually(async () => referrals.calls.length, (n) => n >= ADMISSIONS_IN_FLIGHT, 20_000, 'the first admissions');
      // The first ones decided are the ones told first (the activities of one batch may start in any order).
      expect(referrals.calls.map((c) => c.referralId).sort()).toEqual(bodies.slice(0, ADMISSIONS_IN_FLIGHT).map((b) => b.referralId).sort());
      referrals.release();

      const state = await settled(list, (s) => s.closed.length === bodies.length, 'the whole burst');
      expect(admittedIn(state).sort()).toEqual(bodies.map((b) => b.referralId).sort());
      expect(referrals.maxInFlight).toBe(ADMISSIONS_IN_FLIGHT);
      expect(new Set(referrals.calls.map((c) => c.admissionId)).size).toBe(bodies.length);
    });
  });

  it('admits exactly once when the worker is killed during the admission', async () => {
    const taskQueue = `test-wachtlijst-${randomUUID()}`;
    const hanging = await startHangingWachtlijstWorker(server, taskQueue);
    let list: List;
    const [first, second] = [enqueueBody(), enqueueBody()];
    let admissionId: string;
    try {
      list = await startList(taskQueue);
      await enqueue(list, first);
      await enqueue(list, second);
      await free(list, { releaseId: 'vertrek-1', reason: 'vertrokken' });
      admissionId = await hanging.admitting;
    } finally {
      // SIGKILL while the referral is being told: the attempt in flight is lost with the process.
      await hanging.kill();
    }
    await withWorker(async ({ referrals }) => {
      const state = await settled(list, (s) => s.closed.length === 1, 'the admission after the kill');
      expect(admittedIn(state)).toEqual([first.referralId]);
      expect(waiting(state)).toEqual([second.referralId]);
      expect(state.occupants).toEqual([expect.objectContaining({ referralId: first.referralId, admissionId })]);
      expect(referrals.calls.map((c) => [c.admissionId, c.referralId])).toEqual([[admissionId, first.referralId]]);
    }, taskQueue);
    // One decision in the history, carried out by a retry of the same activity: never a second admission.
    const history = await list!.fetchHistory();
    const scheduled = (history.events ?? []).filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'admitFromWachtlijst');
    expect(scheduled).toHaveLength(1);
    const started = (history.events ?? []).filter((e) => e.activityTaskStartedEventAttributes !== undefined && e.activityTaskStartedEventAttributes !== null);
    expect(Math.max(...started.map((e) => e.activityTaskStartedEventAttributes?.attempt ?? 0))).toBeGreaterThanOrEqual(2);
  });

  it('escalates a wait, sooner without overbrugging, and moves the escalation when overbrugging is recorded', async () => {
    await withWorker(async ({ taskQueue, notifications }) => {
      const list = await startList(taskQueue, { policy: secondsWachtlijstPolicy({ withoutTerm: 3, withTerm: 9 }) });
      const without = enqueueBody();
      const bridged = enqueueBody({ overbrugging: 'ambulanteHulp' });
      const recorded = enqueueBody();
      for (const body of [without, bridged, recorded]) await enqueue(list, body);
      expect(await list.executeUpdate(recordOverbruggingUpdate, { args: [command({ referralId: recorded.referralId, overbrugging: 'zorgbemiddeling' })] })).toMatchObject({
        status: 'wachtend',
      });
      const escalations = (referralId: string) => notifications.filter((n) => n.kind === 'escalation' && n.referralId === referralId);

      await eventually(async () => escalations(without.referralId), (found) => found.length > 0, 20_000, 'the escalation without overbrugging');
      expect(escalations(without.referralId).map((n) => [n.rule, n.level, n.recipient.role])).toEqual([['wachttijdZonderOverbrugging', 1, 'loket']]);
      expect(escalations(bridged.referralId)).toEqual([]);
      expect(escalations(recorded.referralId)).toEqual([]);

      await eventually(async () => [...escalations(bridged.referralId), ...escalations(recorded.referralId)], (found) => found.length === 2, 20_000, 'the escalations with overbrugging');
      expect([...escalations(bridged.referralId), ...escalations(recorded.referralId)].map((n) => [n.rule, n.level])).toEqual([
        ['wachttijd', 1],
        ['wachttijd', 1],
      ]);
      // Notices name ids, never a person: the list's own id is the aanbod's.
      expect(notifications.every((n) => !/\b\d{9}\b/.test(n.message))).toBe(true);
    });
  });

  it('makes an entry verlopen when its beschikking ends while it waits, and tells the loket and the parents', async () => {
    await withWorker(async ({ taskQueue, notifications, referrals }) => {
      const list = await startList(taskQueue, { policy: secondsWachtlijstPolicy({ expiryReminder: 2 }) });
      const lapsing = enqueueBody({ validUntil: new Date(Date.now() + 4_000).toISOString() });
      const staying = enqueueBody();
      await enqueue(list, lapsing);
      await enqueue(list, staying);
      const state = await eventually(() => stateOf(list), (s) => s.queue.length === 1, 20_000, 'the lapse');
      expect(waiting(state)).toEqual([staying.referralId]);
      expect(state.closed).toEqual([expect.objectContaining({ referralId: lapsing.referralId, outcome: 'verlopen' })]);
      const told = await eventually(async () => notifications.filter((n) => n.rule === 'wachtlijstVerlopen'), (found) => found.length === 3, 10_000, 'the notices');
      expect(told.map((n) => [n.kind, n.level, n.recipient.role])).toEqual([
        ['reminder', 0, 'loket'],
        ['escalation', 1, 'loket'],
        ['escalation', 1, 'ouder'],
      ]);
      expect(told[2]?.message).toMatch(/^De beschikking of toelaatbaarheidsverklaring van uw kind/);
      expect(told.every((n) => n.referralId === lapsing.referralId && n.childRef === lapsing.childRef)).toBe(true);
      // The referral is told too (it goes back to the loket's toewijzing), once, and the list has nothing left to tell.
      await eventually(() => stateOf(list), (s) => s.lapses.length === 0, 10_000, 'the lapse told');
      expect(referrals.lapses.map((l) => [l.referralId, l.validUntil])).toEqual([[lapsing.referralId, lapsing.validUntil]]);
      // Taken off with a reason is another way out; a case that is not waiting cannot be.
      await list.executeUpdate(removeFromWachtlijstUpdate, { args: [command({ referralId: staying.referralId, reason: 'anderAanbod' })] });
      expect(failureTypeOf(await list.executeUpdate(removeFromWachtlijstUpdate, { args: [command({ referralId: lapsing.referralId, reason: 'ingetrokken' })] }).catch((e: unknown) => e))).toBe('NOT_FOUND');
    });
  });

  it('keeps the queue, the places and the order across Continue-As-New', async () => {
    await withWorker(async ({ taskQueue, referrals }) => {
      const list = await startList(taskQueue, { historyLimit: 40 });
      const firstRun = (await list.describe()).runId;
      const bodies = Array.from({ length: 8 }, (_, index) => enqueueBody(index === 5 ? { thuiszitter: true } : {}));
      for (const body of bodies) await enqueue(list, body);
      const expected = [bodies[5], ...bodies.slice(0, 5), ...bodies.slice(6)].map((b) => b?.referralId);
      await eventually(() => list.describe(), (d) => d.runId !== firstRun, 20_000, 'a new run');
      const carried = await stateOf(list);
      expect(waiting(carried)).toEqual(expected);
      expect(carried.nextSequence).toBe(9);

      await free(list, { releaseId: 'na-continue', reason: 'vertrokken' });
      const after = await settled(list, (s) => s.closed.length === 1);
      expect(admittedIn(after)).toEqual([bodies[5]?.referralId]);
      expect(waiting(after)).toEqual(expected.slice(1));
      expect(referrals.admittedReferrals).toEqual([bodies[5]?.referralId]);
      const history = await list.fetchHistory();
      expect(history.events?.length ?? 0).toBeLessThan(60);
    });
  });
});
