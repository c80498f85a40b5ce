import { randomBytes } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { SCHOOL, startReferralBody } from '@schakel/domain/testing';
import { referralWorkflowId } from '@schakel/workflows/contracts';
import { freePort } from '../../../tools/src/free-port';
import { referralIdFor } from '../src/referrals/referral-id.generator';
import { ApiTestStack, eventually } from './api-e2e.test-helper';
import { ApiProcess, temporalClientFor } from './fault.test-helper';

const REQUESTS = 40;
/** The API is killed once this many requests were answered and at least MIN_IN_FLIGHT started a case but were not answered yet. */
const ANSWERED_BEFORE_KILL = 8;
const MIN_IN_FLIGHT = 3;
/** How long one request may keep retrying, across the crash and the restart. */
const RETRY_BUDGET_MS = 90_000;

interface Attempt {
  /** HTTP status, or 0 when the connection failed (reset by the kill, refused while no API listened). */
  status: number;
  referralId?: string;
  at: number;
}

/**
 * Issue 6 §1: the API process (built, as `npm start` runs it) is SIGKILLed during a burst of POST
 * /api/referrals, each with its own Idempotency-Key, and a new one starts on the same port. The client
 * does what the README asks of one: it retries every request that failed (connection reset or refused,
 * or a 5xx) with the same key until it gets a 2xx, and may repeat even those that had succeeded. Each key
 * must have exactly one effect: one referral workflow, one referral in the read model, one id for all
 * its answers — also for the requests whose case the killed API had started but never confirmed.
 */
describe('an API process killed during a burst of idempotent requests', () => {
  jest.setTimeout(120_000);
  let stack: ApiTestStack;
  let api: ApiProcess;
  let temporal: { client: Client; close: () => Promise<void> };
  const run = randomBytes(4).toString('hex');

  beforeAll(async () => {
    // The stack brings the worker and the database; the API under test is the built process.
    stack = await ApiTestStack.start();
    temporal = await temporalClientFor(stack);
    api = await startApi(await freePort());
  }, 120_000);

  afterAll(async () => {
    await api?.crash();
    await temporal?.close();
    await stack?.stop();
  }, 60_000);

  function startApi(port: number): Promise<ApiProcess> {
    // A burst from one client would meet the per-client rate limit; that is not what this test is about.
    return ApiProcess.start({ port, databaseUrl: stack.database.url, temporal: stack.config.temporal, env: { RATE_LIMIT_PER_MINUTE: '0' } });
  }

  it('gives every request exactly one effect across the crash and the restart', async () => {
    const token = await stack.token(SCHOOL);
    const keys = Array.from({ length: REQUESTS }, (_, index) => `burst-${run}-${index}`);
    const bodyOf = (index: number) => JSON.stringify(startReferralBody({ childRef: `lln-burst-${run}-${index}` }));
    const attempts = new Map<string, Attempt[]>(keys.map((key) => [key, []]));

    async function post(key: string, index: number): Promise<Attempt> {
      try {
        const response = await fetch(`${api.url}/api/referrals`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Idempotency-Key': key },
          body: bodyOf(index),
          signal: AbortSignal.timeout(30_000),
        });
        const body = (await response.json().catch(() => ({}))) as { referralId?: string };
        return { status: response.status, ...(body.referralId === undefined ? {} : { referralId: body.referralId }), at: Date.now() };
      } catch {
        return { status: 0, at: Date.now() };
      }
    }

    /** Until a 2xx, retrying a failed connection or a 5xx with the same key; anything else fails the test. */
    async function send(key: string, index: number): Promise<Attempt> {
      const deadline = Date.now() + RETRY_BUDGET_MS;
      for (;;) {
        const attempt = await post(key, index);
        attempts.get(key)?.push(attempt);
        if (attempt.status >= 200 && attempt.status < 300) return attempt;
        if (attempt.status !== 0 && attempt.status < 500) throw new Error(`${key} answered ${attempt.status}`);
        if (Date.now() > deadline) throw new Error(`${key} got no 2xx within ${RETRY_BUDGET_MS} ms: ${JSON.stringify(attempts.get(key))}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }

    const answered = () => keys.filter((key) => attempts.get(key)?.some((a) => a.status >= 200 && a.status < 300));
    const burst = Promise.all(keys.map((key, index) => send(key, index)));
    burst.catch(() => undefined);

    // Kill while requests are in flight whose case the API has already started: those are the ones a
    // careless API would start twice, or answer with another id, on the client's retry.
    const caseStarted = async (key: string) =>
      temporal.client.workflow
        .getHandle(referralWorkflowId(referralIdFor(SCHOOL, key)))
        .describe()
        .then(() => true, () => false);
    const inFlight = await eventually(
      async () => {
        const done = new Set(answered());
        if (done.size < ANSWERED_BEFORE_KILL) return [];
        const open = keys.filter((key) => !done.has(key));
        const started = await Promise.all(open.map(caseStarted));
        return open.filter((_, index) => started[index]);
      },
      (started) => started.length >= MIN_IN_FLIGHT,
      60_000,
      'requests in flight whose case was started',
    );
    const port = api.port;
    const killedAt = Date.now();
    await api.crash();
    const answeredBeforeKill = answered();
    api = await startApi(port);

    const results = await burst;
    expect(results.every((result) => result.status === 200 || result.status === 201)).toBe(true);

    // Requests that had succeeded before the crash, repeated with the same key: the same referral.
    const repeats = await Promise.all(answeredBeforeKill.map((key) => send(key, keys.indexOf(key))));
    expect(repeats.map((r) => r.status)).toEqual(answeredBeforeKill.map(() => 200));

    // One referral id per key, derived from the key, on every 2xx; at most one answer per key says "created".
    for (const key of keys) {
      const successes = (attempts.get(key) ?? []).filter((a) => a.status >= 200 && a.status < 300);
      expect({ key, ids: [...new Set(successes.map((a) => a.referralId))] }).toEqual({ key, ids: [referralIdFor(SCHOOL, key)] });
      expect(successes.filter((a) => a.status === 201).length).toBeLessThanOrEqual(1);
    }
    // The crash did land mid-request: requests whose case the killed API had started were cut off, and
    // their retries were answered 200 (an earlier request created it), never 201.
    const cutOff = inFlight.filter((key) => (attempts.get(key) ?? []).some((a) => a.status === 0 && a.at >= killedAt));
    expect(cutOff.length).toBeGreaterThan(0);
    for (const key of cutOff) {
      expect({ key, statuses: (attempts.get(key) ?? []).filter((a) => a.status !== 0).map((a) => a.status) }).toEqual({ key, statuses: [200] });
    }

    // Exactly one workflow per key (visibility is eventually consistent: wait for all, then check for more).
    const query = `TaskQueue = '${stack.config.temporal.taskQueue}' AND WorkflowType = 'referralWorkflow'`;
    const count = await eventually(async () => (await temporal.client.workflow.count(query)).count, (n) => n >= REQUESTS, 30_000, 'every referral workflow visible');
    expect(count).toBe(REQUESTS);
    const ids = keys.map((key) => referralIdFor(SCHOOL, key));
    const rows = await eventually(
      () => stack.readModel.query<Array<{ id: string; submitted: number }>>(`SELECT r.id, (SELECT count(*)::int FROM case_event e WHERE e.referral_id = r.id AND e.type = 'referral.submitted') AS submitted FROM referral r ORDER BY r.id`),
      (found) => found.length >= REQUESTS,
      30_000,
      'every referral in the read model',
    );
    expect(rows).toEqual([...ids].sort().map((id) => ({ id, submitted: 1 })));
  });
});
