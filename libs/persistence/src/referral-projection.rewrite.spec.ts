import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { ReferralMachine } from '@schakel/domain';
import { LOKET, NATIONAL_POLICY, SCHOOL, startReferralBody, toewijzingBody } from '@schakel/domain/testing';
import { createReadModelDataSource } from './data-source.factory';
import { ReferralEntity } from './entities/referral.entity';
import { ReferralProjectionWriter, type ReferralProjectionInput } from './referral-projection.writer';
import { createTestDatabase, type TestDatabase } from './test-database.test-helper';

const AT = new Date('2026-11-23T09:00:00Z');

/** A case at version 3 (submitted, toewijzing requested, allocated) and the whole projection the workflow answers for it. */
function wholeCase(referralId: string): { machine: ReferralMachine; projection: () => ReferralProjectionInput } {
  const machine = ReferralMachine.submit(referralId, 'swv-2801', SCHOOL, startReferralBody(), AT, NATIONAL_POLICY, 'req-submit');
  machine.requestToewijzing(AT);
  return { machine, projection: () => ({ summary: machine.summary(), events: [...machine.events] }) };
}

/**
 * The read-model rebuild's write (ADR 0012): the same statements as the projection activity, except that a row of
 * the same version is rewritten when it differs from the workflow's projection — unless the retention sweep
 * anonymised it. A row still never moves backwards.
 */
describe('ReferralProjectionWriter with rewriteSameVersion (real Postgres)', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let writer: ReferralProjectionWriter;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await createReadModelDataSource({ url: database.url }).initialize();
    writer = new ReferralProjectionWriter(dataSource);
  }, 30_000);

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  const row = (id: string) => dataSource.getRepository(ReferralEntity).findOneByOrFail({ id });

  it('rewrites a row of the same version whose content differs from the projection', async () => {
    const id = randomUUID();
    const { projection } = wholeCase(id);
    await writer.write(projection());
    await dataSource.query(`UPDATE referral SET escalation_level = 7, school_brin = '00XX' WHERE id = $1`, [id]);

    // The activity's own write leaves it: the version is not newer.
    expect((await writer.write(projection())).referralWritten).toBe(false);
    const result = await writer.write(projection(), { rewriteSameVersion: true });

    expect(result).toEqual({ referralWritten: true, eventsWritten: 0, auditEntriesWritten: 0 });
    expect(await row(id)).toMatchObject({ escalationLevel: 0, schoolBrin: '12AB' });
  });

  it('writes nothing when the row already equals the projection', async () => {
    const id = randomUUID();
    const { projection } = wholeCase(id);
    await writer.write(projection());
    expect(await writer.write(projection(), { rewriteSameVersion: true })).toEqual({ referralWritten: false, eventsWritten: 0, auditEntriesWritten: 0 });
  });

  it('never brings back the child reference of a row the retention sweep anonymised', async () => {
    const id = randomUUID();
    const { projection } = wholeCase(id);
    await writer.write(projection());
    await dataSource.query(`UPDATE referral SET child_ref = 'geanonimiseerd', anonymised_at = now() WHERE id = $1`, [id]);

    expect((await writer.write(projection(), { rewriteSameVersion: true })).referralWritten).toBe(false);
    expect((await row(id)).childRef).toBe('geanonimiseerd');
  });

  it('never moves a row back to an older version', async () => {
    const id = randomUUID();
    const { machine, projection } = wholeCase(id);
    const older = projection();
    machine.apply('toewijzing', { actor: LOKET, body: toewijzingBody(), requestId: 'req-toewijzing' }, AT);
    await writer.write(projection());

    expect((await writer.write(older, { rewriteSameVersion: true })).referralWritten).toBe(false);
    expect(await row(id)).toMatchObject({ stage: 'arrangement', version: 3 });
  });
});
