import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import type { Worker } from '@temporalio/worker';
import type { ReferralCommand, ToewijzingPlacement, WachtlijstState } from '@schakel/domain';
import { arrangementBody, LOKET, NATIONAL_POLICY, REGISSEUR, SCHOOL, startReferralBody, toewijzingBody, toewijzingPlacement } from '@schakel/domain/testing';
import { eventually } from '../../../../tools/src/eventually.test-support';
import { connectWorkflowSpecServer, type WorkflowSpecServer } from '../../../../tools/src/workflow-spec.test-support';
import { createPlacementTestWorker } from '../../test/referral-placement-worker.test-helper';
import { placeFreedUpdate, wachtlijstAdmissionUpdate, wachtlijstLapsedUpdate, wachtlijstStateQuery, wachtlijstWorkflowId } from '../wachtlijst/wachtlijst.contract';
import { approveArrangementUpdate, recordEvaluationUpdate, referralEventsQuery, referralStateQuery, referralWorkflowId, submitArrangementUpdate, toewijzingUpdate, withdrawReferralUpdate } from './referral.contract';

// Issue 11 §2 on the real dev server: a toewijzing to an aanbod of the catalogue, with the aanbod's real wachtlijst
// workflow deciding the place and telling the referral through its admission Update.
jest.setTimeout(90_000);

let server: WorkflowSpecServer;
let worker: Worker;
let running: Promise<void>;
let taskQueue: string;
let places: Map<string, number>;
const lists: string[] = [];

beforeAll(async () => {
  server = await connectWorkflowSpecServer();
  ({ worker, taskQueue, places } = await createPlacementTestWorker(server));
  running = worker.run();
});

afterAll(async () => {
  // A list never ends by itself: the ones these tests started are ended here, so no list outlives its worker.
  for (const aanbodId of lists) await server.client.workflow.getHandle(wachtlijstWorkflowId(aanbodId)).terminate('test done').catch(() => undefined);
  worker?.shutdown();
  await running;
  await server?.close();
});

function startReferral(): Promise<WorkflowHandle> {
  const referralId = randomUUID();
  return server.client.workflow.start('referralWorkflow', {
    taskQueue,
    workflowId: referralWorkflowId(referralId),
    args: [{ referralId, region: 'swv-2801', actor: SCHOOL, requestId: 'req-start', body: startReferralBody(), policy: NATIONAL_POLICY }],
  });
}

/** A fresh aanbod per test: its list is its own. */
function aanbod(capacity: number, placesTaken: number, overrides: Parameters<typeof toewijzingPlacement>[3] = {}): ToewijzingPlacement {
  const aanbodId = randomUUID();
  lists.push(aanbodId);
  return toewijzingPlacement(aanbodId, capacity, placesTaken, overrides);
}

const toewijzing = (placement: ToewijzingPlacement): ReferralCommand => ({
  actor: LOKET,
  requestId: `req-${randomUUID()}`,
  body: toewijzingBody({ providerId: undefined, aanbodId: placement.aanbod.id }),
  placement,
});

const listOf = (placement: ToewijzingPlacement) => server.client.workflow.getHandle(wachtlijstWorkflowId(placement.aanbod.id));
const listState = (placement: ToewijzingPlacement): Promise<WachtlijstState> => listOf(placement).query(wachtlijstStateQuery);

function failureOf(error: unknown): ApplicationFailure | undefined {
  return error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure ? error.cause : undefined;
}

describe('referralWorkflow with a toewijzing to an aanbod (wachtlijst-v1)', () => {
  it('takes a free place at once: arrangement, the aanbieder as provider, one place taken on the list and in the catalogue', async () => {
    const placement = aanbod(2, 0);
    const handle = await startReferral();
    const state = await handle.executeUpdate(toewijzingUpdate, { args: [toewijzing(placement)] });
    expect(state.stage).toBe('arrangement');
    expect(state.toewijzingen[0]).toMatchObject({ aanbodId: placement.aanbod.id, providerId: 'zorg-42', place: { aanbodId: placement.aanbod.id, status: 'toegelaten' } });
    // The list told the referral of the place it took; the referral answered once and the list settled it.
    const list = await eventually(() => listState(placement), (s) => s.admissions.length === 0 && s.closed.some((c) => c.outcome === 'toegelaten'));
    expect(list.occupants.map((o) => o.referralId)).toEqual([state.referralId]);
    await eventually(async () => places.get(placement.aanbod.id), (n) => n === 1);
    const events = await handle.query(referralEventsQuery);
    expect(events.map((e) => e.type)).not.toContain('wachtlijst.joined');
  });

  it("waits as the loket says: the urgency, the beschikking's last day and overbrugging reach the list", async () => {
    const placement = aanbod(1, 1);
    const [regular, urgent] = [await startReferral(), await startReferral()];
    await regular.executeUpdate(toewijzingUpdate, { args: [toewijzing(placement)] });
    const command = toewijzing(placement);
    const body = { ...(command.body as object), urgency: 'spoed', validUntil: '2027-07-31', overbrugging: 'ambulanteHulp' };
    const waiting = await urgent.executeUpdate(toewijzingUpdate, { args: [{ ...command, body }] });
    expect(waiting.stage).toBe('wacht_op_plaats');
    const { queue } = await listState(placement);
    // Spoed goes first, though it came second.
    expect(queue.map((e) => e.referralId)).toEqual([urgent.workflowId.replace('referral-', ''), regular.workflowId.replace('referral-', '')]);
    expect(queue[0]).toMatchObject({ urgency: 'spoed', validUntil: '2027-07-31', overbrugging: 'ambulanteHulp' });
    expect(queue[1]).toMatchObject({ urgency: 'normaal', overbrugging: null });
  });

  it("goes back to the loket's toewijzing when the list says its beschikking lapsed, once", async () => {
    const placement = aanbod(1, 1);
    const handle = await startReferral();
    const waiting = await handle.executeUpdate(toewijzingUpdate, { args: [toewijzing(placement)] });
    expect(waiting.stage).toBe('wacht_op_plaats');
    const lapse = { lapseId: `${placement.aanbod.id}-verlopen-1`, aanbodId: placement.aanbod.id, referralId: waiting.referralId, validUntil: '2026-05-15', at: new Date().toISOString() };
    const back = await handle.executeUpdate(wachtlijstLapsedUpdate, { args: [lapse], updateId: lapse.lapseId });
    expect(back).toEqual({ lapseId: lapse.lapseId, referralId: waiting.referralId });
    const state = await handle.query(referralStateQuery);
    expect(state.stage).toBe('toewijzing');
    expect(state.toewijzingen.at(-1)?.place).toBeUndefined();
    expect(state.deadlines.some((d) => d.rule === 'toewijzing' && d.closedAt === undefined)).toBe(true);
    // Told again, under another id: nothing changes.
    await handle.executeUpdate(wachtlijstLapsedUpdate, { args: [lapse], updateId: `again-${randomUUID()}` });
    expect((await handle.query(referralStateQuery)).version).toBe(state.version);
    const left = (await handle.query(referralEventsQuery)).filter((e) => e.type === 'wachtlijst.left');
    expect(left.map((e) => e.data)).toEqual([{ aanbodId: placement.aanbod.id, was: 'wachtend', reason: 'verlopen' }]);
    await handle.terminate('test done');
  });

  it('keeps its place through opschalen until the next toewijzing, then gives it back to the list', async () => {
    const first = aanbod(1, 0);
    const next = aanbod(1, 0);
    const handle = await startReferral();
    await handle.executeUpdate(toewijzingUpdate, { args: [toewijzing(first)] });
    await handle.executeUpdate(submitArrangementUpdate, { args: [{ actor: SCHOOL, requestId: `req-${randomUUID()}`, body: arrangementBody('2027-03-01') }] });
    await handle.executeUpdate(approveArrangementUpdate, { args: [{ actor: REGISSEUR, requestId: `req-${randomUUID()}`, body: {} }] });
    const opgeschaald = await handle.executeUpdate(recordEvaluationUpdate, { args: [{ actor: REGISSEUR, requestId: `req-${randomUUID()}`, body: { outcome: 'opschalen', summary: 'Meer nodig dan dit aanbod geeft' } }] });
    expect(opgeschaald.stage).toBe('toewijzing');
    // Until the next aanbod is chosen the child keeps the place it has.
    expect((await listState(first)).occupants.map((o) => o.referralId)).toEqual([opgeschaald.referralId]);

    const moved = await handle.executeUpdate(toewijzingUpdate, { args: [toewijzing(next)] });
    expect(moved.stage).toBe('arrangement');
    expect(moved.toewijzingen.map((t) => t.place?.aanbodId)).toEqual([undefined, next.aanbod.id]);
    expect((await listState(first)).occupants).toEqual([]);
    expect((await listState(next)).occupants.map((o) => o.referralId)).toEqual([moved.referralId]);
    const left = (await handle.query(referralEventsQuery)).filter((e) => e.type === 'wachtlijst.left');
    expect(left.map((e) => e.data)).toEqual([{ aanbodId: first.aanbod.id, was: 'toegelaten', reason: 'arrangementBeeindigd' }]);
    await eventually(async () => [places.get(first.aanbod.id), places.get(next.aanbod.id)], ([a, b]) => a === 0 && b === 1);
    await handle.terminate('test done');
  });

  it('waits in wacht_op_plaats on a full aanbod, is admitted when a place frees, and frees it when withdrawn', async () => {
    const placement = aanbod(1, 1);
    const handle = await startReferral();
    const waiting = await handle.executeUpdate(toewijzingUpdate, { args: [toewijzing(placement)] });
    expect(waiting.stage).toBe('wacht_op_plaats');
    expect(waiting.toewijzingen[0]?.place).toMatchObject({ status: 'wachtend' });
    const joined = (await handle.query(referralEventsQuery)).find((e) => e.type === 'wachtlijst.joined');
    expect(joined).toMatchObject({ stage: 'wacht_op_plaats', data: { aanbodId: placement.aanbod.id, position: 1 } });
    expect((await listState(placement)).queue.map((e) => e.referralId)).toEqual([waiting.referralId]);
    await eventually(async () => places.get(placement.aanbod.id), (n) => n === 1);

    // A client from before Schakel leaves: the list gives the place to the waiting case, and the referral moves on.
    await listOf(placement).executeUpdate(placeFreedUpdate, { args: [{ actor: LOKET, body: { releaseId: 'client-left-1', reason: 'vertrokken' } }] });
    const admitted = await eventually(() => handle.query(referralStateQuery), (s) => s.stage === 'arrangement');
    expect(admitted.toewijzingen[0]?.place).toMatchObject({ status: 'toegelaten', admissionId: expect.any(String) });
    const event = (await handle.query(referralEventsQuery)).find((e) => e.type === 'wachtlijst.admitted');
    expect(event).toMatchObject({ stage: 'arrangement', data: { aanbodId: placement.aanbod.id } });

    // The same admission again, under its own id or another: answered, nothing changes.
    const admission = { admissionId: admitted.toewijzingen[0]!.place!.admissionId!, aanbodId: placement.aanbod.id, referralId: admitted.referralId, decidedAt: new Date().toISOString(), waitingSince: admitted.createdAt, overbrugging: false };
    await handle.executeUpdate(wachtlijstAdmissionUpdate, { args: [admission], updateId: admission.admissionId });
    await handle.executeUpdate(wachtlijstAdmissionUpdate, { args: [admission], updateId: `again-${randomUUID()}` });
    expect((await handle.query(referralStateQuery)).version).toBe(admitted.version);
    await eventually(async () => places.get(placement.aanbod.id), (n) => n === 1);

    // Withdrawn: the place goes back to the list, and the catalogue shows it free.
    const withdrawn = await handle.executeUpdate(withdrawReferralUpdate, { args: [{ actor: SCHOOL, requestId: 'req-w', body: { reason: 'Ouders kiezen een andere school' } }] });
    expect(withdrawn.stage).toBe('ingetrokken');
    expect(withdrawn.toewijzingen[0]?.place).toBeUndefined();
    expect((await listState(placement)).occupants).toEqual([]);
    await eventually(async () => places.get(placement.aanbod.id), (n) => n === 0);
    const left = (await handle.query(referralEventsQuery)).find((e) => e.type === 'wachtlijst.left');
    expect(left).toMatchObject({ data: { aanbodId: placement.aanbod.id, was: 'toegelaten', reason: 'ingetrokken' } });
  });

  it('takes a withdrawn waiting case off the list with its reason', async () => {
    const placement = aanbod(1, 1);
    const handle = await startReferral();
    await handle.executeUpdate(toewijzingUpdate, { args: [toewijzing(placement)] });
    await handle.executeUpdate(withdrawReferralUpdate, { args: [{ actor: SCHOOL, requestId: 'req-w', body: { reason: 'Verhuisd' } }] });
    const list = await listState(placement);
    expect(list.queue).toEqual([]);
    expect(list.closed.at(-1)).toMatchObject({ outcome: 'verwijderd', reason: 'ingetrokken' });
    // Nothing held by the case any more: the freed outside place is not the case's, and nobody is admitted.
    expect(list.occupants).toEqual([]);
    expect(list.placesTakenOutside).toBe(1);
  });

  it('refuses an aanbod that does not fit the case in the validator (AANBOD_MISFIT naming aanbodId) and changes nothing', async () => {
    const placement = aanbod(5, 0, { route: 'onderwijs', sectors: ['VO'], ages: { from: 12, to: 18 } });
    const handle = await startReferral();
    await eventually(() => handle.query(referralStateQuery), (s) => s.stage === 'toewijzing');
    const before = await handle.query(referralStateQuery);
    const refused = await handle.executeUpdate(toewijzingUpdate, { args: [toewijzing(placement)] }).catch((e: unknown) => e);
    const failure = failureOf(refused);
    expect(failure?.type).toBe('AANBOD_MISFIT');
    expect(failure?.message).toMatch(/route/);
    const issues = (failure?.details?.[0] ?? []) as Array<{ field: string; message: string }>;
    expect(issues.map((i) => i.field)).toEqual(['aanbodId', 'aanbodId', 'aanbodId']);
    expect(issues.map((i) => i.message.split(':')[0])).toEqual(['route', 'sector', 'age']);
    const after = await handle.query(referralStateQuery);
    expect(after.version).toBe(before.version);
    expect(after.stage).toBe('toewijzing');
    // No list was started for a refused step.
    await expect(listState(placement)).rejects.toBeInstanceOf(WorkflowNotFoundError);
    // Without the snapshot the step is refused too: the workflow never guesses an aanbod.
    const unsnapped = await handle.executeUpdate(toewijzingUpdate, { args: [{ actor: LOKET, body: toewijzingBody({ aanbodId: placement.aanbod.id }) }] }).catch((e: unknown) => e);
    expect(failureOf(unsnapped)?.type).toBe('VALIDATION_FAILED');
  });

  it('keeps the free-text provider working as before', async () => {
    const handle = await startReferral();
    const state = await handle.executeUpdate(toewijzingUpdate, { args: [{ actor: LOKET, requestId: 'req-t', body: toewijzingBody({ regisseurId: REGISSEUR.sub }) }] });
    expect(state.stage).toBe('arrangement');
    expect(state.toewijzingen[0]).toMatchObject({ providerId: 'zorg-42' });
    expect(state.toewijzingen[0]?.place).toBeUndefined();
  });
});
