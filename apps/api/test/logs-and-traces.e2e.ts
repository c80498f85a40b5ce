import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { arrangementBody, LOKET, REGISSEUR, SCHOOL, startReferralBody, toewijzingBody } from '@schakel/domain/testing';
import { ApiTestStack, eventually, secondsFromNow, type ReferralStateBody } from './api-e2e.test-helper';
import { OtlpReceiver, type ReceivedSpan } from './otlp-receiver.test-helper';

const WORKER_MAIN = join(__dirname, '../../worker/dist/main.js');

type LogLine = Record<string, unknown> & { msg?: string; requestId?: string; context?: string };

/** Every line that parses as one JSON object; the rest stays in the raw text for the privacy checks. */
function jsonLines(text: string): LogLine[] {
  return text
    .split('\n')
    .filter((line) => line.trim().startsWith('{'))
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as LogLine];
      } catch {
        return [];
      }
    });
}

/**
 * Issue 6 §5: structured logs with a request id that follows the request through Temporal into the workflow
 * and its activities, OpenTelemetry traces from the API request to the activity, and neither holding a childRef
 * or free text. The API runs in-process and writes to this process's stdout; the worker runs as its own process,
 * built as `npm start` runs it, and both export spans to a collector in this test.
 */
describe('logs and traces across the API, Temporal and the worker', () => {
  const childRef = `lln-obs-${randomBytes(4).toString('hex')}`;
  // Free text that must stay out of every log line and span (it travels encrypted through Temporal).
  const freeText = `Vrije-tekst-${randomBytes(4).toString('hex')}`;
  let receiver: OtlpReceiver;
  let stack: ApiTestStack;
  let worker: ChildProcess | undefined;
  let workerStdout = '';
  let workerStderr = '';
  const apiWritten: string[] = [];
  const stdoutWrite = process.stdout.write.bind(process.stdout);

  beforeAll(async () => {
    receiver = await OtlpReceiver.start();
    const tracingEnv = { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, OTEL_BSP_SCHEDULE_DELAY: '100' };
    stack = await ApiTestStack.start({ withWorker: false, env: { ...tracingEnv, LOG_FORMAT: 'json' } });
    // The stack starts the API at level error; the operator's default is info, the access log's level.
    Logger.overrideLogger(['log', 'warn', 'error']);
    process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
      apiWritten.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return stdoutWrite(chunk, ...rest);
    }) as typeof process.stdout.write;

    const bundle = process.env['SCHAKEL_TEST_WORKFLOW_BUNDLE'];
    worker = spawn(process.execPath, [WORKER_MAIN], {
      env: {
        PATH: process.env['PATH'],
        DATABASE_URL: stack.database.url,
        TEMPORAL_ADDRESS: stack.config.temporal.address,
        TEMPORAL_NAMESPACE: stack.config.temporal.namespace,
        TEMPORAL_TASK_QUEUE: stack.config.temporal.taskQueue,
        SCHAKEL_ENV: 'test',
        LOG_FORMAT: 'json',
        LOG_LEVEL: 'info',
        WORKER_OPS_PORT: '0',
        ...tracingEnv,
        ...(bundle === undefined ? {} : { WORKFLOW_BUNDLE_PATH: bundle }),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    worker.stdout?.on('data', (chunk: Buffer) => (workerStdout += chunk.toString()));
    worker.stderr?.on('data', (chunk: Buffer) => (workerStderr += chunk.toString()));
    await eventually(
      async () => workerStdout,
      (output) => output.includes('polling task queue') || worker?.exitCode !== null,
      60_000,
      'the worker polling',
    );
    if (worker.exitCode !== null) throw new Error(`worker exited with ${worker.exitCode}:\n${workerStdout}${workerStderr}`);
  }, 120_000);

  afterAll(async () => {
    process.stdout.write = stdoutWrite;
    Logger.overrideLogger(['error']);
    if (worker !== undefined && worker.exitCode === null) {
      const exited = once(worker, 'exit');
      worker.kill('SIGTERM');
      await exited;
    }
    await stack?.stop();
    await receiver?.stop();
  }, 60_000);

  const apiLines = (): LogLine[] => jsonLines(apiWritten.join(''));
  const workerLines = (): LogLine[] => jsonLines(workerStdout);
  const projections = (): LogLine[] => workerLines().filter((line) => line['context'] === 'ReferralActivities' && line['activityType'] === 'projectReferral');

  async function step(actor: typeof SCHOOL, path: string, body: unknown, requestId?: string): Promise<{ requestId: string; state: ReferralStateBody }> {
    const response = await stack.as(actor).post<ReferralStateBody>(path, body, requestId === undefined ? {} : { 'X-Request-Id': requestId });
    expect(response.status).toBeLessThan(300);
    const id = response.headers['x-request-id'];
    if (id === undefined) throw new Error('no X-Request-Id on the answer');
    return { requestId: id, state: response.body };
  }

  let referralId: string;
  const requestIds: Record<'start' | 'toewijzing' | 'arrangement' | 'approve' | 'close', string> = { start: '', toewijzing: '', arrangement: '', approve: '', close: '' };

  it('follows each request from its access log line into the workflow and the activity lines it caused', async () => {
    const body = startReferralBody({ childRef, summary: `${freeText} in de samenvatting`, concerns: [{ area: 'gedrag', description: `${freeText} in de zorgen` }] });
    const started = await stack.as(SCHOOL).post<{ referralId: string }>('/api/referrals', body);
    expect(started.status).toBe(201);
    referralId = started.body.referralId;
    requestIds.start = started.headers['x-request-id'] as string;
    // A caller's own X-Request-Id is kept and followed the same way.
    requestIds.toewijzing = (await step(LOKET, `/api/referrals/${referralId}/toewijzing`, toewijzingBody(), 'obs-toewijzing-1')).requestId;
    expect(requestIds.toewijzing).toBe('obs-toewijzing-1');
    requestIds.arrangement = (await step(SCHOOL, `/api/referrals/${referralId}/arrangement`, arrangementBody(secondsFromNow(3), { goals: [`${freeText} als doel`] }))).requestId;
    requestIds.approve = (await step(REGISSEUR, `/api/referrals/${referralId}/arrangement/approve`, { note: `${freeText} akkoord` })).requestId;

    // The API's access log: one line per request, with its id, the actor's role and sub, the route template.
    const access = apiLines().filter((line) => line['context'] === 'HTTP' && line['msg'] === 'request completed');
    expect(access).toContainEqual(
      expect.objectContaining({
        level: 'info',
        service: 'schakel-api',
        requestId: requestIds.start,
        actor: { role: 'school', sub: SCHOOL.sub },
        req: { method: 'POST', route: '/api/referrals' },
        res: { statusCode: 201 },
      }),
    );
    expect(access).toContainEqual(expect.objectContaining({ requestId: 'obs-toewijzing-1', actor: { role: 'loket', sub: LOKET.sub }, req: { method: 'POST', route: '/api/referrals/:id/toewijzing' } }));
    // A request refused before any route (here for its X-Request-Id) is logged too, under the id it was answered with.
    const refused = await stack.as(SCHOOL).get(`/api/children/${childRef}/plan`, { 'X-Request-Id': 'not a valid id' });
    expect(refused.status).toBe(400);
    expect(apiLines()).toContainEqual(expect.objectContaining({ context: 'HTTP', requestId: refused.headers['x-request-id'], req: { method: 'GET' }, res: { statusCode: 400 } }));

    // The worker's activity lines: each step's projection names the request that caused it (the workflow
    // passed the id of the message it handled last on to the activity it scheduled).
    const projected = (version: number) => projections().find((line) => String(line.msg).includes(`projected referral ${referralId} v${version} `));
    await eventually(async () => projected(5), (line) => line !== undefined, 20_000, 'the approval projected');
    expect(projected(1)).toEqual(
      expect.objectContaining({ service: 'schakel-worker', requestId: requestIds.start, workflowId: `referral-${referralId}`, workflowType: 'referralWorkflow', attempt: 1 }),
    );
    expect(projected(3)?.requestId).toBe('obs-toewijzing-1');
    expect(projected(4)?.requestId).toBe(requestIds.arrangement);
    expect(projected(5)?.requestId).toBe(requestIds.approve);
  }, 60_000);

  it('passes no request id to what a timer caused: the evaluation coming due is no request', async () => {
    // The evaluation date passed by itself (a durable timer): its projection must not borrow the approval's id.
    const due = await eventually(
      async () => projections().find((line) => String(line.msg).includes(`projected referral ${referralId} v6 (evaluatie)`)),
      (line) => line !== undefined,
      20_000,
      'the evaluation coming due',
    );
    expect(due).toEqual(expect.objectContaining({ activityType: 'projectReferral', workflowId: `referral-${referralId}` }));
    expect(due).not.toHaveProperty('requestId');
  }, 30_000);

  it('traces one request from the API through the workflow to its activity under one trace id', async () => {
    // The workflow's RunWorkflow span ends, and is exported, when the case closes.
    requestIds.close = (await step(REGISSEUR, `/api/referrals/${referralId}/evaluation`, { outcome: 'afsluiten', summary: `${freeText} afgerond` })).requestId;
    const spansOf = (traceId: string): ReceivedSpan[] => receiver.spans.filter((span) => span.traceId === traceId);
    const http = await eventually(
      async () => receiver.spans.find((span) => span.service === 'schakel-api' && span.name === 'POST /api/referrals' && span.attributes['schakel.request_id'] === requestIds.start),
      (span) => span !== undefined,
      20_000,
      'the API request span',
    );
    const traceId = (http as ReceivedSpan).traceId;
    const trace = await eventually(
      async () => spansOf(traceId),
      (spans) => ['RunWorkflow:referralWorkflow', 'StartActivity:projectReferral', 'RunActivity:projectReferral'].every((name) => spans.some((span) => span.name === name)),
      20_000,
      'the workflow and activity spans of the request',
    );
    const named = (name: string): ReceivedSpan | undefined => trace.find((span) => span.name === name);
    expect(http?.attributes).toEqual(expect.objectContaining({ 'http.request.method': 'POST', 'http.route': '/api/referrals', 'http.response.status_code': 201 }));
    // API request → StartWorkflow (the API's client) → RunWorkflow (the worker's sandbox) → StartActivity → RunActivity.
    expect(named('StartWorkflow:referralWorkflow')).toEqual(expect.objectContaining({ service: 'schakel-api', parentSpanId: http?.spanId }));
    expect(named('RunWorkflow:referralWorkflow')).toEqual(expect.objectContaining({ service: 'schakel-worker', parentSpanId: named('StartWorkflow:referralWorkflow')?.spanId }));
    expect(named('RunActivity:projectReferral')).toEqual(expect.objectContaining({ service: 'schakel-worker', parentSpanId: named('StartActivity:projectReferral')?.spanId }));
    expect(named('RunActivity:projectReferral')?.attributes['temporalWorkflowId']).toBe(`referral-${referralId}`);

    // A step's trace holds what the step caused: the Update in the workflow and the projection it waited for.
    const approval = receiver.spans.find((span) => span.name === 'POST /api/referrals/:id/arrangement/approve' && span.attributes['schakel.request_id'] === requestIds.approve);
    const approvalTrace = await eventually(
      async () => spansOf(approval?.traceId ?? '-').map((span) => `${span.service} ${span.name}`),
      (names) => names.includes('schakel-worker RunActivity:projectReferral'),
      20_000,
      'the approval and its projection in one trace',
    );
    expect(approvalTrace).toEqual(
      expect.arrayContaining(['schakel-api StartWorkflowUpdate:approveArrangement', 'schakel-worker HandleUpdate:approveArrangement', 'schakel-worker StartActivity:projectReferral']),
    );
  }, 45_000);

  it('keeps childRefs and free text out of every log line and span, and writes only JSON lines', async () => {
    // The child's plan was reached (toewijzing claims its regisseur): its workflow id shows redacted.
    const plan = await eventually(
      async () => receiver.spans.filter((span) => span.attributes['temporalWorkflowId'] === 'child-[redacted]'),
      (spans) => spans.length > 0,
      20_000,
      "a span on the child's plan",
    );
    expect(plan.length).toBeGreaterThan(0);

    const everything = [apiWritten.join(''), workerStdout, workerStderr, ...receiver.bodies].join('\n');
    expect(everything).toContain(referralId);
    expect(everything).not.toContain(childRef);
    expect(everything).not.toContain(freeText);
    // Nor anything that looks like a header or a body.
    expect(everything).not.toMatch(/authorization|bearer /i);

    // The worker writes structured lines only, from its start (no webpack statistics, no console output).
    const unstructured = workerStdout.split('\n').filter((line) => line.trim() !== '' && !line.trim().startsWith('{'));
    expect(unstructured).toEqual([]);

    // Span attributes hold ids, types and codes only: no messages, no WorkflowInfo (memo, search attributes).
    for (const span of receiver.spans) {
      expect(Object.keys(span.attributes).filter((key) => !KNOWN_SPAN_ATTRIBUTES.has(key))).toEqual([]);
      expect(span.statusMessage ?? '').toBe('');
      for (const event of span.events) expect(Object.keys(event.attributes).filter((key) => key !== 'exception.type')).toEqual([]);
    }
  }, 30_000);
});

/** What Schakel's spans may carry (libs/observability's allowlist, restated here so a change to it is a decision). */
const KNOWN_SPAN_ATTRIBUTES = new Set([
  'http.request.method',
  'http.route',
  'http.response.status_code',
  'schakel.request_id',
  'temporalWorkflowId',
  'run_id',
  'temporalActivityId',
  'temporalUpdateId',
  'workflowId',
  'runId',
  'workflowType',
  'taskQueue',
  'namespace',
  'attempt',
]);
