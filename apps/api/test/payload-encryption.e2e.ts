import { randomBytes } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { METADATA_ENCODING_KEY, type Payload } from '@temporalio/common';
import type { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { LOKET, OTHER_REGISSEUR, SCHOOL, startReferralBody, toewijzingBody } from '@schakel/domain/testing';
import { ENCRYPTED_ENCODING, ENCRYPTION_KEY_ID_METADATA } from '@schakel/payload-crypto';
import { childPlanWorkflowId, referralWorkflowId } from '@schakel/workflows/contracts';
import { loadTestWorkflowBundle } from '../../../tools/src/workflow-bundle.test-support';
import type { ChildPlanResponseDto } from '../src/children/dto/child-plan.response';
import { payloadsIn } from './temporal-history.test-helper';
import { ApiTestStack, eventually, type ErrorBody, type ReferralStateBody } from './api-e2e.test-helper';

type History = temporal.api.history.v1.IHistory;

/** Every string and byte field of a history as readable text, so a search finds data wherever the server keeps it. */
function textsIn(value: unknown, found: string[] = []): string[] {
  if (typeof value === 'string') found.push(value);
  else if (value instanceof Uint8Array) found.push(...readingsOf(value));
  else if (value !== null && typeof value === 'object') for (const child of Object.values(value)) textsIn(child, found);
  return found;
}

/** Bytes as the Temporal UI or a database dump could show them: UTF-8, and base64 decoded where they look like it. */
function readingsOf(bytes: Uint8Array): string[] {
  const utf8 = Buffer.from(bytes).toString('utf8');
  const readings = [utf8, Buffer.from(bytes).toString('latin1')];
  if (/^[A-Za-z0-9+/=\s]+$/.test(utf8)) readings.push(Buffer.from(utf8, 'base64').toString('utf8'));
  return readings;
}

type Failure = temporal.api.failure.v1.IFailure;

/** Every Failure in a history (activity failures, failed Updates, their causes): anything with a failure's shape. */
function failuresIn(value: unknown, found: Failure[] = []): Failure[] {
  if (value === null || typeof value !== 'object' || value instanceof Uint8Array) return found;
  const candidate = value as Failure;
  if (typeof candidate.message === 'string' && ('applicationFailureInfo' in candidate || 'activityFailureInfo' in candidate || 'encodedAttributes' in candidate)) found.push(candidate);
  for (const child of Object.values(value)) failuresIn(child, found);
  return found;
}

/** Which of the personal values occur in `text` (a short failure message, unlike a dump of the whole history). */
const leaked = (personal: string[], text: string): string[] => personal.filter((value) => text.includes(value));

const metadataText = (payload: Payload, key: string): string | undefined => {
  const value = payload.metadata?.[key];
  return value === undefined || value === null ? undefined : Buffer.from(value).toString('utf8');
};

/**
 * Issue 5 §3 (AVG art. 32): the Temporal server, its database and its UI hold no child data in clear. The
 * histories are read back RAW, with a client that has no codec, as anyone with access to Temporal would see
 * them; the API, holding the keys, still answers with the case in clear.
 */
describe('payload encryption (real Temporal, real Postgres)', () => {
  const keyId = `e2e-${randomBytes(3).toString('hex')}`;
  let stack: ApiTestStack;
  let connection: Connection;
  /** Deliberately without the codec: what the server stores. */
  let raw: Client;

  beforeAll(async () => {
    // Keys of this test, not the development default: the metadata must name the configured active key.
    const retired = `${keyId}-old:${randomBytes(32).toString('base64')}`;
    stack = await ApiTestStack.start({ env: { PAYLOAD_KEYS: `${keyId}:${randomBytes(32).toString('base64')},${retired}`, PAYLOAD_KEY_ID: keyId } });
    connection = await Connection.connect({ address: stack.config.temporal.address });
    raw = new Client({ connection, namespace: stack.config.temporal.namespace });
  }, 120_000);

  afterAll(async () => {
    await connection?.close();
    await stack?.stop();
  }, 60_000);

  it('keeps the child reference, summary and concerns out of the stored histories of the referral and the plan, while the API reads them', async () => {
    const marker = randomBytes(4).toString('hex');
    const childRef = `lln-geheim-${marker}`;
    const summary = `Samenvatting ${marker}: moeder meldt slaapproblemen sinds de scheiding.`;
    const concern = `Zorg ${marker}: trekt zich terug, huilt vaak in de pauze.`;
    const created = await stack.as(SCHOOL).post<{ referralId: string }>(
      '/api/referrals',
      startReferralBody({ childRef, summary, concerns: [{ area: 'sociaal-emotioneel', description: concern }] }),
    );
    expect(created.status).toBe(201);
    const { referralId } = created.body;
    // The toewijzing claims the plan's regisseur through an Update on the plan: more payloads on both sides.
    const allocated = await stack.as(LOKET).post<ReferralStateBody>(`/api/referrals/${referralId}/toewijzing`, toewijzingBody());
    expect(allocated.status).toBe(200);

    const read = await stack.as(SCHOOL).get<ReferralStateBody & { request: { childRef: string; summary: string; concerns: Array<{ description: string }> } }>(`/api/referrals/${referralId}`);
    expect(read.status).toBe(200);
    expect(read.body.request).toMatchObject({ childRef, summary, concerns: [{ description: concern }] });
    const plan = await stack.as(LOKET).get<ChildPlanResponseDto>(`/api/children/${childRef}/plan`);
    expect(plan.status).toBe(200);
    expect(plan.body.referrals.map((referral) => referral.referralId)).toContain(referralId);

    const referralHistory: History = await raw.workflow.getHandle(referralWorkflowId(referralId)).fetchHistory();
    const planHistory: History = await raw.workflow.getHandle(childPlanWorkflowId(childRef)).fetchHistory();

    for (const history of [referralHistory, planHistory]) {
      const payloads = payloadsIn(history);
      const payloadText = payloads.flatMap((payload) => readingsOf(payload.data as Uint8Array)).join('\n');
      expect(leaked([childRef, summary, concern, marker], payloadText)).toEqual([]);
      const encrypted = payloads.filter((payload) => metadataText(payload, METADATA_ENCODING_KEY) === ENCRYPTED_ENCODING);
      // Search attributes are the only payloads the codec never sees (the server indexes them); they hold no case data.
      expect(encrypted.length).toBeGreaterThan(5);
      expect(new Set(encrypted.map((payload) => metadataText(payload, ENCRYPTION_KEY_ID_METADATA)))).toEqual(new Set([keyId]));
    }
    // The referral's history holds the child's reference nowhere at all; the plan's workflow id is `child-<ref>`
    // by design (a pseudonym, DESIGN.md), so there only the payloads are searched for it.
    const referralText = textsIn(referralHistory).join('\n');
    expect(leaked([childRef, summary, concern], referralText)).toEqual([]);
    const planText = textsIn(planHistory).join('\n');
    expect(leaked([summary, concern], planText)).toEqual([]);
    // The start input, the one payload certain to hold the whole request, is ciphertext.
    const input = referralHistory.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads ?? [];
    expect(input.map((payload) => metadataText(payload, METADATA_ENCODING_KEY))).toEqual([ENCRYPTED_ENCODING]);
  });

  it('keeps failure messages and stack traces out of the stored history, while the API still answers with the refusal', async () => {
    // A refused toewijzing fails an activity (the plan's regisseur claim) and the Update: both failures are
    // stored in the referral's history, where a message could quote case data (issue 5 §3).
    const childRef = `lln-fout-${randomBytes(4).toString('hex')}`;
    const start = async (): Promise<string> => {
      const created = await stack.as(SCHOOL).post<{ referralId: string }>('/api/referrals', startReferralBody({ childRef }));
      expect(created.status).toBe(201);
      return created.body.referralId;
    };
    const first = await start();
    expect((await stack.as(LOKET).post(`/api/referrals/${first}/toewijzing`, toewijzingBody())).status).toBe(200);
    const second = await start();
    await eventually(
      async () => (await stack.as(LOKET).get<ChildPlanResponseDto>(`/api/children/${childRef}/plan`)).body.referrals?.length ?? 0,
      (count) => count === 2,
      30_000,
      'second referral in the plan',
    );
    const conflict = await stack.as(LOKET).post<ErrorBody>(`/api/referrals/${second}/toewijzing`, toewijzingBody({ regisseurId: OTHER_REGISSEUR.sub }));
    // The API holds the keys: it decodes the failure and answers with the domain's own code and message.
    expect(conflict.status).toBe(409);
    expect(conflict.body).toMatchObject({ code: 'REGISSEUR_CONFLICT', message: expect.stringMatching(/regisseur/i) });

    const history: History = await raw.workflow.getHandle(referralWorkflowId(second)).fetchHistory();
    const failures = failuresIn(history);
    expect(failures.length).toBeGreaterThan(0);
    for (const failure of failures) {
      // What the Temporal UI shows: the converter's placeholder, never the message or the stack trace.
      expect(failure.message).toBe('Encoded failure');
      expect(failure.stackTrace ?? '').toBe('');
      expect(failure.encodedAttributes && metadataText(failure.encodedAttributes, METADATA_ENCODING_KEY)).toBe(ENCRYPTED_ENCODING);
    }
    expect(textsIn(history).join('\n')).not.toContain(conflict.body.message);
  }, 90_000);

  it('replays an encrypted history with the keys, as a worker restarting on a running case does', async () => {
    const created = await stack.as(SCHOOL).post<{ referralId: string }>('/api/referrals', startReferralBody({ childRef: `lln-replay-${randomBytes(4).toString('hex')}` }));
    expect(created.status).toBe(201);
    await stack.as(LOKET).post(`/api/referrals/${created.body.referralId}/toewijzing`, toewijzingBody());
    const history = await raw.workflow.getHandle(referralWorkflowId(created.body.referralId)).fetchHistory();

    await expect(Worker.runReplayHistory({ workflowBundle: await loadTestWorkflowBundle(), dataConverter: stack.dataConverter }, history)).resolves.toBeUndefined();
  });
});
