import { randomBytes } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { NATIONAL_DEADLINE_POLICY, type DeadlinePolicyFile } from '@schakel/domain';
import { LOKET, SCHOOL, startReferralBody, toewijzingBody } from '@schakel/domain/testing';
import { ANONYMISED_CHILD_REF } from '@schakel/persistence';
import { retentionScheduleId } from '@schakel/workflows/contracts';
import { ApiTestStack, eventually } from './api-e2e.test-helper';

/** Onderwijs cases are kept 2 seconds after closing, jeugdhulp cases 20 years: one sweep tells them apart. */
const SHORT_RETENTION: DeadlinePolicyFile = {
  ...NATIONAL_DEADLINE_POLICY,
  version: '2026.9-retention',
  retention: { action: 'anonimiseren', closedCases: { onderwijs: { amount: 2, unit: 'seconden' }, jeugdhulp: { amount: 20, unit: 'jaren' }, gecombineerd: { amount: 20, unit: 'jaren' } }, source: 'apps/api/test/retention.e2e.ts' },
};

interface Row {
  child_ref: string;
  anonymised_at: Date | null;
}

/**
 * Issue 5 §5: closed cases past the policy's bewaartermijn are anonymised by a Temporal Schedule that the
 * API keeps in place and the worker runs; open cases and cases with a longer term are left alone.
 */
describe('retention through a Temporal Schedule (real Temporal and Postgres)', () => {
  let stack: ApiTestStack;

  beforeAll(async () => {
    // The Schedule's own interval is long: the test triggers it, so nothing depends on timing.
    stack = await ApiTestStack.start({ withWorker: true, policy: SHORT_RETENTION, env: { RETENTION_SWEEP_INTERVAL: '1d' } });
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
  }, 60_000);

  const row = async (referralId: string): Promise<Row> => {
    const [found] = await stack.readModel.query<Row[]>('SELECT child_ref, anonymised_at FROM referral WHERE id = $1', [referralId]);
    if (found === undefined) throw new Error(`no read-model row for ${referralId}`);
    return found;
  };

  async function referral(childRef: string): Promise<string> {
    const created = await stack.as(SCHOOL).post<{ referralId: string }>('/api/referrals', startReferralBody({ childRef }));
    expect(created.status).toBe(201);
    return created.body.referralId;
  }

  it('anonymises a closed onderwijs case past its term and leaves open and jeugdhulp cases alone', async () => {
    const ref = () => `lln-ret-${randomBytes(4).toString('hex')}`;
    const [onderwijsChild, jeugdhulpChild] = [ref(), ref()];
    const closedOnderwijs = await referral(onderwijsChild);
    const closedJeugdhulp = await referral(jeugdhulpChild);
    const open = await referral(ref());
    // Personal details, stored once (issue 5 §3), go with the last case of the child that is kept whole.
    for (const child of [onderwijsChild, jeugdhulpChild]) {
      await eventually(() => stack.as(SCHOOL).get(`/api/children/${child}/plan`), (r) => r.status === 200, 30_000, 'the plan');
      const details = { child: { givenNames: 'Daan', familyName: 'Visser', birthDate: '2014-02-11' }, parents: [] };
      expect((await stack.as(SCHOOL).put(`/api/children/${child}/personal-details`, details)).status).toBe(200);
    }
    expect((await stack.as(LOKET).post(`/api/referrals/${closedJeugdhulp}/toewijzing`, toewijzingBody({ route: 'jeugdhulp' }))).status).toBe(200);
    for (const id of [closedOnderwijs, closedJeugdhulp]) {
      expect((await stack.as(LOKET).post(`/api/referrals/${id}/withdraw`, { reason: 'Ouders verhuizen naar Zeeland' })).status).toBe(200);
    }

    const connection = await Connection.connect({ address: stack.config.temporal.address });
    try {
      const client = new Client({ connection, namespace: stack.config.temporal.namespace, dataConverter: stack.dataConverter });
      const schedule = client.schedule.getHandle(retentionScheduleId(stack.config.temporal.taskQueue));
      // The API puts the Schedule in place at boot, in the background.
      const description = await eventually(() => schedule.describe().catch(() => undefined), (d) => d !== undefined, 30_000, 'the retention schedule');
      expect(description?.action).toMatchObject({ workflowType: 'retentionSweepWorkflow', taskQueue: stack.config.temporal.taskQueue });
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      await schedule.trigger();
      await eventually(() => row(closedOnderwijs), (r) => r.anonymised_at !== null, 30_000, 'the onderwijs case anonymised');
    } finally {
      await connection.close();
    }

    expect((await row(closedOnderwijs)).child_ref).toBe(ANONYMISED_CHILD_REF);
    const [withdrawn] = await stack.readModel.query<Array<{ data: Record<string, unknown> }>>(
      `SELECT data FROM case_event WHERE referral_id = $1 AND type = 'referral.withdrawn'`,
      [closedOnderwijs],
    );
    expect(withdrawn?.data).not.toHaveProperty('reason');
    for (const id of [closedJeugdhulp, open]) expect(await row(id)).toMatchObject({ anonymised_at: null });
    expect((await row(closedJeugdhulp)).child_ref).not.toBe(ANONYMISED_CHILD_REF);
    const kept = await stack.readModel.query<Array<{ child_ref: string }>>('SELECT child_ref FROM child_personal_details WHERE child_ref = ANY($1)', [[onderwijsChild, jeugdhulpChild]]);
    expect(kept.map((r) => r.child_ref)).toEqual([jeugdhulpChild]);
  }, 90_000);
});
