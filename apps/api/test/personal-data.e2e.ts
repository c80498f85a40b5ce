import { Logger } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { arrangementBody, LOKET, REGISSEUR, SCHOOL, startReferralBody, toewijzingBody } from '@schakel/domain/testing';
import { ApiTestStack, eventually } from './api-e2e.test-helper';

/** What a careless school might type into free text: a name, a BSN and a birth date. */
const PERSONAL = ['Sanne de Vries', '123456782', '2014-05-17'];

/**
 * Issue 5 §3: workflow ids, search attributes, memos and logs carry no name, BSN or birth date, even when
 * a school types them into the free text of a referral (the text itself travels encrypted: ADR 0007).
 */
describe('no personal data in workflow ids, search attributes or logs (real Temporal and Postgres)', () => {
  let stack: ApiTestStack;
  const written: string[] = [];
  const writes = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) };

  beforeAll(async () => {
    stack = await ApiTestStack.start({ withWorker: true });
    // Every log level the API and the worker's activities write, captured as the operator's log would hold it.
    Logger.overrideLogger(['log', 'warn', 'error', 'debug']);
    const capture = (sink: (chunk: string | Uint8Array, ...rest: never[]) => boolean) => (chunk: string | Uint8Array, ...rest: never[]) => {
      written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return sink(chunk, ...rest);
    };
    process.stdout.write = capture(writes.out) as typeof process.stdout.write;
    process.stderr.write = capture(writes.err) as typeof process.stderr.write;
  }, 120_000);

  afterAll(async () => {
    process.stdout.write = writes.out;
    process.stderr.write = writes.err;
    Logger.overrideLogger(['error']);
    await stack?.stop();
  }, 60_000);

  it('keeps them out of everything an operator sees, while the case goes its way', async () => {
    const body = startReferralBody({
      childRef: `lln-pii-${Date.now().toString(36)}`,
      summary: `Leerling ${PERSONAL[0]} (BSN ${PERSONAL[1]}, geboren ${PERSONAL[2]}) zit vast.`,
      concerns: [{ area: 'gedrag', description: `${PERSONAL[0]} weigert de klas.` }],
      thuiszitter: { isThuiszitter: true, since: '2026-11-02' },
    });
    const created = await stack.as(SCHOOL).post<{ referralId: string }>('/api/referrals', body);
    expect(created.status).toBe(201);
    const id = created.body.referralId;
    expect((await stack.as(LOKET).post(`/api/referrals/${id}/toewijzing`, toewijzingBody())).status).toBe(200);
    expect((await stack.as(SCHOOL).post(`/api/referrals/${id}/arrangement`, arrangementBody('2027-03-01', { goals: [`${PERSONAL[0]} werkt zelfstandig`] }))).status).toBe(200);
    expect((await stack.as(REGISSEUR).post(`/api/referrals/${id}/arrangement/approve`, { note: `Besproken met de moeder van ${PERSONAL[0]}` })).status).toBe(200);
    // The API still gives the school its own text back: it is the operators' views that must not hold it.
    expect(JSON.stringify((await stack.as(SCHOOL).get(`/api/referrals/${id}`)).body)).toContain(PERSONAL[0]);

    const connection = await Connection.connect({ address: stack.config.temporal.address });
    try {
      const client = new Client({ connection, namespace: stack.config.temporal.namespace });
      const executions = await eventually(
        async () => {
          const found = [];
          for await (const execution of client.workflow.list({ query: `TaskQueue = '${stack.config.temporal.taskQueue}'` })) found.push(execution);
          return found;
        },
        (found) => found.length >= 2,
        20_000,
        'the referral and the plan in visibility',
      );
      const visible = JSON.stringify(executions.map((e) => ({ id: e.workflowId, type: e.type, searchAttributes: e.searchAttributes, memo: e.memo })));
      expect(visible).toContain('SchakelEscalationLevel');
      for (const value of PERSONAL) expect(visible).not.toContain(value);
    } finally {
      await connection.close();
    }

    const log = written.join('');
    // The capture works: the worker's projection logged the case by its id.
    expect(log).toContain(id);
    for (const value of PERSONAL) expect(log).not.toContain(value);
  }, 90_000);
});
