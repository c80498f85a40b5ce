import { randomUUID } from 'node:crypto';
import { ApplicationFailure, type Payload } from '@temporalio/common';
import { WorkflowUpdateFailedError, type Client, type WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { Worker } from '@temporalio/worker';
import { developmentPayloadKeyring, DEVELOPMENT_PAYLOAD_KEY_ID, ENCRYPTED_ENCODING, ENCRYPTION_KEY_ID_METADATA, workerDataConverter } from '@schakel/payload-crypto';
import {
  arrangementBody,
  LOKET,
  NATIONAL_POLICY,
  OTHER_LOKET,
  OTHER_REGISSEUR,
  PROVIDER,
  REGISSEUR,
  SCHOOL,
  scheduleTransitionBody,
  secondsPolicy,
  startReferralBody,
  toewijzingBody,
} from '@schakel/domain/testing';
import { createChildPlanTestWorker } from '../test/child-plan-worker.test-helper';
import { connectWorkflowSpecServer, type WorkflowSpecServer } from '../../../tools/src/workflow-spec.test-support';
import { childPlanStateQuery, childPlanStepUpdate, childPlanWorkflowId, claimRegisseurUpdate } from './child-plan/child-plan.contract';
import { approveArrangementUpdate, referralStateQuery, referralWorkflowId, submitArrangementUpdate, toewijzingUpdate } from './referral/referral.contract';

/**
 * Issue 6 §6: a workflow that receives an Update it cannot accept refuses it in the validator, so the Update
 * never enters the history and the workflow task does not fail (a failed task would be retried, and the
 * case would stall behind it). Sent straight to Temporal, past the API's own checks: a step in the wrong
 * stage, by the wrong party, with a malformed body or arguments, an unknown Update, and bytes that are not a
 * payload at all. Against the real dev server, with the child plan's real activities.
 */
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

const json = (value: string): Payload => ({ metadata: { encoding: new TextEncoder().encode('json/plain') }, data: new TextEncoder().encode(value) });

/**
 * An Update as raw bytes, past the client's data converter (a hostile or broken caller): the workflow must refuse
 * what it cannot decode. Answers the refusal's failure, or throws when the Update was accepted.
 */
async function sendRaw(handle: WorkflowHandle, name: string, updateId: string, payloads: Payload[]): Promise<temporal.api.failure.v1.IFailure> {
  const response = await client.connection.withDeadline(Date.now() + 20_000, () =>
    client.workflowService.updateWorkflowExecution({
      namespace: client.options.namespace,
      workflowExecution: { workflowId: handle.workflowId },
      request: { meta: { updateId, identity: 'update-rejection-spec' }, input: { name, args: { payloads } } },
      waitPolicy: { lifecycleStage: temporal.api.enums.v1.UpdateWorkflowExecutionLifecycleStage.UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_COMPLETED },
    }),
  );
  const failure = response.outcome?.failure;
  if (failure === undefined || failure === null) throw new Error(`raw Update ${updateId} was not refused: ${JSON.stringify(response.outcome)}`);
  return failure;
}

/** What a refused Update answers the caller: its failure type (the domain code, or the error a validator threw). */
async function refusal(update: Promise<unknown>): Promise<string> {
  try {
    await update;
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) return error.cause.type ?? 'ApplicationFailure';
    throw error;
  }
  throw new Error('the Update was accepted');
}

interface HistoryVerdict {
  workflowTaskFailures: number;
  acceptedUpdateIds: string[];
}

async function historyOf(handle: WorkflowHandle): Promise<HistoryVerdict> {
  const { events } = await handle.fetchHistory();
  return {
    workflowTaskFailures: (events ?? []).filter((event) => event.workflowTaskFailedEventAttributes !== undefined && event.workflowTaskFailedEventAttributes !== null).length,
    acceptedUpdateIds: (events ?? []).flatMap((event) => event.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.meta?.updateId ?? []),
  };
}

describe('Updates a workflow cannot accept', () => {
  let worker: Worker;
  let taskQueue: string;
  let running: Promise<void>;

  beforeAll(async () => {
    // The worker's data converter, as apps/worker runs it: a payload it cannot decrypt becomes a refused Update.
    ({ worker, taskQueue } = await createChildPlanTestWorker({ ...server, dataConverter: workerDataConverter(developmentPayloadKeyring()) }));
    running = worker.run();
  });

  afterAll(async () => {
    worker.shutdown();
    await running;
  });

  it('are refused by referralWorkflow and childPlanWorkflow without failing a workflow task, and both carry on', async () => {
    const referralId = randomUUID();
    const childRef = `lln-upd-${randomUUID().slice(0, 8)}`;
    const referral = await client.workflow.start('referralWorkflow', {
      taskQueue,
      workflowId: referralWorkflowId(referralId),
      args: [{ referralId, region: 'swv-2801', actor: SCHOOL, requestId: 'start', body: startReferralBody({ childRef }), policy: NATIONAL_POLICY }],
    });
    const send = (update: typeof toewijzingUpdate, updateId: string, ...args: unknown[]) =>
      refusal(referral.executeUpdate(update as never, { updateId, args: args as never }));

    // The referral, waiting for the loket's toewijzing.
    const referralRefusals = {
      'wrong-stage': await send(submitArrangementUpdate, 'wrong-stage', { actor: SCHOOL, body: arrangementBody('2027-03-01') }),
      'wrong-role': await send(toewijzingUpdate, 'wrong-role', { actor: SCHOOL, body: toewijzingBody() }),
      'other-region': await send(toewijzingUpdate, 'other-region', { actor: OTHER_LOKET, body: toewijzingBody() }),
      'malformed-body': await send(toewijzingUpdate, 'malformed-body', { actor: LOKET, body: { route: 'teleport', regisseurId: 42 } }),
      'no-actor': await send(toewijzingUpdate, 'no-actor', { body: toewijzingBody() }),
      'null-command': await send(toewijzingUpdate, 'null-command', null),
      'no-arguments': await send(toewijzingUpdate, 'no-arguments'),
      'unknown-update': await refusal(referral.executeUpdate('launchMissiles', { updateId: 'unknown-update', args: [] })),
    };
    expect(referralRefusals).toEqual({
      'wrong-stage': 'STAGE_CONFLICT',
      'wrong-role': 'FORBIDDEN',
      'other-region': 'NOT_FOUND',
      'malformed-body': 'VALIDATION_FAILED',
      // Commands no API would build: the validator trips over them, which refuses the Update all the same.
      'no-actor': 'TypeError',
      'null-command': 'TypeError',
      'no-arguments': 'TypeError',
      // The SDK refuses an Update without a handler ("No registered handler for update").
      'unknown-update': 'Error',
    });
    await sendRaw(referral, 'toewijzing', 'not-json', [json('{"actor": {"role": "loket"')]);

    // The case goes on: the toewijzing, the arrangement, and a refused approval by a regisseur not assigned.
    await referral.executeUpdate(toewijzingUpdate, { updateId: 'toewijzing', args: [{ actor: LOKET, body: toewijzingBody(), requestId: 'toewijzing' }] });
    await referral.executeUpdate(submitArrangementUpdate, { updateId: 'arrangement', args: [{ actor: SCHOOL, body: arrangementBody('2027-03-01'), requestId: 'arrangement' }] });
    expect(await send(approveArrangementUpdate, 'not-assigned', { actor: OTHER_REGISSEUR, body: {} })).toBe('NOT_ASSIGNED_REGISSEUR');
    await referral.executeUpdate(approveArrangementUpdate, { updateId: 'approve', args: [{ actor: REGISSEUR, body: {}, requestId: 'approve' }] });
    expect((await referral.query(referralStateQuery)).stage).toBe('uitvoering');

    // The child's plan, opened by the referral, with its regisseur.
    const plan = client.workflow.getHandle(childPlanWorkflowId(childRef));
    const step = (updateId: string, name: string, command: unknown) => refusal(plan.executeUpdate(childPlanStepUpdate, { updateId, args: [name as never, command as never] }));
    const planRefusals = {
      'unknown-step': await step('unknown-step', 'launchMissiles', { actor: LOKET, body: {} }),
      'wrong-party': await step('wrong-party', 'scheduleTransition', { actor: PROVIDER, policy: secondsPolicy(), body: scheduleTransitionBody('2027-08-30') }),
      'no-such-overstap': await step('no-such-overstap', 'recordOverdracht', { actor: SCHOOL, transitionId: 'overstap-9', body: {} }),
      'malformed-body': await step('malformed-body', 'scheduleTransition', { actor: LOKET, policy: secondsPolicy(), body: { to: 'nergens' } }),
      'null-command': await step('null-command', 'scheduleTransition', null),
      'second-regisseur': await refusal(plan.executeUpdate(claimRegisseurUpdate, { updateId: 'second-regisseur', args: [{ referralId, regisseurId: OTHER_REGISSEUR.sub, by: { sub: LOKET.sub, role: 'loket' } }] })),
      'null-claim': await refusal(plan.executeUpdate(claimRegisseurUpdate, { updateId: 'null-claim', args: [null as never] })),
    };
    expect(planRefusals).toEqual({
      'unknown-step': 'VALIDATION_FAILED',
      // A provider has no part in a plan: outside its scope, the plan does not exist for it.
      'wrong-party': 'NOT_FOUND',
      'no-such-overstap': 'NOT_FOUND',
      'malformed-body': 'VALIDATION_FAILED',
      'null-command': 'TypeError',
      'second-regisseur': 'REGISSEUR_CONFLICT',
      'null-claim': 'TypeError',
    });
    await sendRaw(plan, 'childPlanStep', 'plan-not-json', [json('"scheduleTransition"'), json('{')]);

    // The plan goes on: an overstap is scheduled.
    await plan.executeUpdate(childPlanStepUpdate, { updateId: 'schedule', args: ['scheduleTransition', { actor: LOKET, policy: secondsPolicy(600, 600, 1), body: scheduleTransitionBody('2027-08-30'), requestId: 'schedule' }] });
    expect((await plan.query(childPlanStateQuery)).transitions).toHaveLength(1);

    expect(await historyOf(referral)).toEqual({ workflowTaskFailures: 0, acceptedUpdateIds: ['toewijzing', 'arrangement', 'approve'] });
    expect(await historyOf(plan)).toEqual({ workflowTaskFailures: 0, acceptedUpdateIds: [expect.any(String), 'schedule'] });
  });

  it('refuses an Update whose payload cannot be decrypted without failing a workflow task', async () => {
    const referralId = randomUUID();
    const referral = await client.workflow.start('referralWorkflow', {
      taskQueue,
      workflowId: referralWorkflowId(referralId),
      args: [{ referralId, region: 'swv-2801', actor: SCHOOL, requestId: 'start', body: startReferralBody({ childRef: `lln-upd-${randomUUID().slice(0, 8)}` }), policy: NATIONAL_POLICY }],
    });
    const encoder = new TextEncoder();
    const garbage: Payload = {
      metadata: { encoding: encoder.encode(ENCRYPTED_ENCODING), [ENCRYPTION_KEY_ID_METADATA]: encoder.encode(DEVELOPMENT_PAYLOAD_KEY_ID) },
      data: new Uint8Array(64).fill(7),
    };
    await sendRaw(referral, 'toewijzing', 'undecryptable', [garbage]);
    await referral.executeUpdate(toewijzingUpdate, { updateId: 'toewijzing', args: [{ actor: LOKET, body: toewijzingBody(), requestId: 'toewijzing' }] });
    expect(await historyOf(referral)).toEqual({ workflowTaskFailures: 0, acceptedUpdateIds: ['toewijzing'] });
  });
});
