import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import request from 'supertest';
import { LOKET, SCHOOL, startReferralBody, toewijzingBody } from '@schakel/domain/testing';
import { freePort } from '../../../tools/src/free-port';
import { signalProcess } from '../../../tools/src/process-group.stopper';
import { within } from '../../../tools/src/process-exit';
import { ApiTestStack, eventually, type ReferralStateBody } from './api-e2e.test-helper';
import { ApiProcess } from './fault.test-helper';
import { holdReferralRow, type HeldRow } from './row-lock.test-helper';

const METRICS_TOKEN = `metrics-${randomBytes(16).toString('hex')}`;

interface ProbeBody {
  status: string;
  info?: Record<string, { status: string }>;
  error?: Record<string, { status: string; message?: string }>;
  details: Record<string, { status: string; [key: string]: unknown }>;
}

const newChildRef = (): string => `lln-ops-${randomBytes(4).toString('hex')}`;

/** The count of one labelled series in a Prometheus text exposition; 0 when the series is absent. */
function sampleOf(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? 0 : Number(line.slice(series.length + 1));
}

/** Issue 6 §4 and §5 for the API, in-process: liveness, readiness, and GET /metrics with its token. */
describe('the API: health probes and metrics', () => {
  let stack: ApiTestStack;

  beforeAll(async () => {
    stack = await ApiTestStack.start({ env: { METRICS_TOKEN } });
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
  }, 60_000);

  it('answers liveness without a token, checking the process only', async () => {
    const response = await stack.as(null).get<ProbeBody>('/api/health/live');
    expect(response.status).toBe(200);
    expect(response.body).toEqual(expect.objectContaining({ status: 'ok', details: { eventLoop: expect.objectContaining({ status: 'up', delayMs: expect.any(Number) }) } }));
  });

  it('answers readiness 200 with Postgres, Temporal and a polling worker up', async () => {
    const response = await stack.as(null).get<ProbeBody>('/api/health/ready');
    expect(response.status).toBe(200);
    expect(response.body.status).toBe('ok');
    expect(Object.fromEntries(Object.entries(response.body.details).map(([key, value]) => [key, value.status]))).toEqual({ postgres: 'up', temporal: 'up', worker: 'up' });
    expect(response.body.details['worker']?.['pollers']).toBeGreaterThan(0);
  });

  it('keeps GET /api/health as it was', async () => {
    const response = await stack.as(null).get('/api/health');
    expect(response.body).toEqual({ status: 'ok', checks: { postgres: 'up', temporal: 'up', worker: 'up' } });
  });

  it('serves /metrics outside /api and only with the metrics token, not a user token', async () => {
    expect((await stack.as(null).get('/metrics')).status).toBe(401);
    const withUserToken = await stack.as(SCHOOL).get('/metrics');
    expect(withUserToken.status).toBe(401);
    expect(withUserToken.headers['www-authenticate']).toMatch(/^Bearer/);
    expect((await stack.withAuthorization(`Bearer ${METRICS_TOKEN}x`).get('/metrics')).status).toBe(401);
    expect((await stack.withAuthorization(`Bearer ${METRICS_TOKEN}`).get('/api/metrics')).status).toBe(404);
    const metrics = await stack.withAuthorization(`Bearer ${METRICS_TOKEN}`).get('/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  });

  it('times requests by route template and Temporal calls by method, with no referral id or child reference', async () => {
    const childRef = newChildRef();
    const started = await stack.as(SCHOOL).post<{ referralId: string }>('/api/referrals', startReferralBody({ childRef }));
    expect(started.status).toBe(201);
    const { referralId } = started.body;
    expect((await stack.as(SCHOOL).get(`/api/referrals/${referralId}`)).status).toBe(200);
    expect((await stack.as(SCHOOL).get(`/api/referrals/${referralId}/events`)).status).toBe(200);
    expect((await stack.as(SCHOOL).get(`/api/no-such-route/${childRef}`)).status).toBe(404);

    const text = await scrape(stack);
    expect(sampleOf(text, 'schakel_http_request_duration_seconds_count{method="POST",route="/api/referrals",status_code="201"}')).toBe(1);
    expect(sampleOf(text, 'schakel_http_request_duration_seconds_count{method="GET",route="/api/referrals/:id",status_code="200"}')).toBe(1);
    expect(sampleOf(text, 'schakel_http_request_duration_seconds_count{method="GET",route="/api/referrals/:id/events",status_code="200"}')).toBe(1);
    expect(sampleOf(text, 'schakel_http_request_duration_seconds_count{method="GET",route="(unrouted)",status_code="404"}')).toBeGreaterThanOrEqual(1);
    expect(sampleOf(text, 'schakel_temporal_client_request_duration_seconds_count{method="StartWorkflowExecution",code="OK"}')).toBeGreaterThanOrEqual(1);
    expect(sampleOf(text, 'schakel_temporal_client_request_duration_seconds_count{method="QueryWorkflow",code="OK"}')).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/^process_cpu_seconds_total \d/m);
    expect(text).not.toContain(referralId);
    expect(text).not.toContain(childRef);
  });

  it('documents the probes in the OpenAPI document, and not /metrics', async () => {
    const document = await stack.as(null).get<{ paths: Record<string, unknown> }>('/api/docs-json');
    expect(Object.keys(document.body.paths)).toEqual(expect.arrayContaining(['/api/health/live', '/api/health/ready']));
    expect(Object.keys(document.body.paths).filter((path) => path.includes('metrics'))).toEqual([]);
  });
});

/** The scrape as text: ApiCaller keeps parsed JSON bodies only. */
async function scrape(stack: ApiTestStack): Promise<string> {
  const response = await request(stack.app.getHttpServer() as Parameters<typeof request>[0])
    .get('/metrics')
    .set('Authorization', `Bearer ${METRICS_TOKEN}`);
  expect(response.status).toBe(200);
  return response.text;
}

describe('the API: readiness without a worker', () => {
  let stack: ApiTestStack;

  beforeAll(async () => {
    stack = await ApiTestStack.start({ withWorker: false });
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
  }, 60_000);

  it('answers readiness 503 naming the worker, while liveness stays 200', async () => {
    const ready = await stack.as(null).get<ProbeBody>('/api/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body.status).toBe('error');
    expect(Object.keys(ready.body.error ?? {})).toEqual(['worker']);
    expect(ready.body.error?.['worker']).toEqual(expect.objectContaining({ status: 'down', message: 'no worker polls the task queue' }));
    expect([ready.body.details['postgres']?.status, ready.body.details['temporal']?.status]).toEqual(['up', 'up']);
    expect((await stack.as(null).get('/api/health/live')).status).toBe(200);
  });
});

/**
 * Issue 6 §4: the built API (`apps/api/dist/main.js`, as `npm start` and production run it) receives SIGTERM
 * while a request is in flight. The request is held in flight by a row lock on the referral, which the
 * step's read-model projection waits for, so the test decides when it may finish.
 */
describe('the built API stopping on SIGTERM', () => {
  let stack: ApiTestStack;
  let api: ApiProcess | undefined;
  let held: HeldRow | undefined;

  beforeAll(async () => {
    stack = await ApiTestStack.start();
  }, 120_000);

  afterAll(async () => {
    await held?.release();
    if (api?.running) await api.crash();
    await stack?.stop();
  }, 60_000);

  it('answers the request in flight, turns readiness 503 and stops accepting, then exits 0', async () => {
    const port = await freePort();
    api = await ApiProcess.start({ port, databaseUrl: stack.database.url, temporal: stack.config.temporal, env: { API_SHUTDOWN_DELAY: '2s', API_SHUTDOWN_TIMEOUT: '20s' } });
    const process = api;
    await eventually(() => statusOf(`${process.url}/api/health/ready`), (status) => status === 200, 30_000, 'the built API ready');

    const started = await stack.as(SCHOOL).post<{ referralId: string }>('/api/referrals', startReferralBody({ childRef: newChildRef() }));
    expect(started.status).toBe(201);
    const { referralId } = started.body;
    await eventually(() => stack.readModel.query('SELECT 1 FROM referral WHERE id = $1', [referralId]), (rows: unknown[]) => rows.length === 1, 20_000, 'the referral projected');

    held = await holdReferralRow(stack.readModel, referralId);
    const token = await stack.token(LOKET);
    let settled = false;
    const inFlight = fetch(`${process.url}/api/referrals/${referralId}/toewijzing`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Idempotency-Key': `toewijzing-${referralId}` },
      body: JSON.stringify(toewijzingBody()),
    }).finally(() => (settled = true));
    // In flight for certain: the step's projection waits for the row the test holds.
    await held.waitForWaiter(20_000);

    signalProcess(process.pid, 'SIGTERM');
    const draining = await eventually(() => probe(`${process.url}/api/health/ready`), (answer) => answer.status === 503, 5_000, 'readiness 503 after SIGTERM');
    expect(draining.body).toEqual(expect.objectContaining({ status: 'shutting_down' }));
    // Still serving during the delay (the load balancer has not noticed yet); liveness is not affected.
    expect(await statusOf(`${process.url}/api/health/live`)).toBe(200);

    // After the delay the listener closes, while the request in flight is still being answered.
    await eventually(() => connectOutcome(port), (outcome) => outcome === 'refused', 10_000, 'new connections refused');
    expect(settled).toBe(false);
    expect(process.running).toBe(true);

    await held.release();
    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as ReferralStateBody).stage).toBe('arrangement');
    expect(answer.headers.get('connection')).toBe('close');

    expect(await within(process.exited, 20_000)).toEqual({ code: 0, signal: null });
    expect(process.output()).toContain('SIGTERM: readiness answers 503 for 2 s');
  }, 120_000);
});

async function statusOf(url: string): Promise<number> {
  return (await probe(url)).status;
}

async function probe(url: string): Promise<{ status: number; body: unknown }> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(3_000), headers: { Connection: 'close' } });
    return { status: response.status, body: await response.json().catch(() => undefined) };
  } catch {
    return { status: 0, body: undefined };
  }
}

/** Whether a new TCP connection to the port is accepted; the request in flight uses its own, older one. */
function connectOutcome(port: number): Promise<'accepted' | 'refused'> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve('accepted');
    });
    socket.once('error', () => resolve('refused'));
  });
}
