import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { ReferralMachine } from '@schakel/domain';
import { LOKET, NATIONAL_POLICY, SCHOOL, startReferralBody, toewijzingBody } from '@schakel/domain/testing';
import { createReadModelDataSource } from './data-source.factory';
import { AuditLogEntity } from './entities/audit-log.entity';
import { CaseEventEntity } from './entities/case-event.entity';
import { ReferralEntity } from './entities/referral.entity';
import { ReferralProjectionWriter, type ReferralProjectionInput } from './referral-projection.writer';
import { createTestDatabase, type TestDatabase } from './test-database.test-helper';

const SUBMITTED_AT = new Date('2026-11-23T09:00:00Z');
const ASSIGNED_AT = new Date('2026-11-24T10:30:00Z');

/** A referral as its workflow holds it: submitted and waiting for the loket's toewijzing (version 2). */
function intake(referralId: string): ReferralMachine {
  const machine = ReferralMachine.submit(referralId, 'swv-2801', SCHOOL, startReferralBody(), SUBMITTED_AT, NATIONAL_POLICY, 'req-submit');
  machine.requestToewijzing(SUBMITTED_AT);
  return machine;
}

function assigned(machine: ReferralMachine): ReferralMachine {
  machine.apply('toewijzing', { actor: LOKET, body: toewijzingBody(), requestId: 'req-toewijzing' }, ASSIGNED_AT);
  return machine;
}

/** What the workflow sends: the current summary and the events after `projectedVersion`. */
function projection(machine: ReferralMachine, projectedVersion = 0): ReferralProjectionInput {
  return { summary: machine.summary(), events: machine.events.filter((event) => event.seq > projectedVersion) };
}

describe('ReferralProjectionWriter (real Postgres)', () => {
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

  const referralRow = (id: string) => dataSource.getRepository(ReferralEntity).findOneByOrFail({ id });
  const caseEvents = (referralId: string) => dataSource.getRepository(CaseEventEntity).find({ where: { referralId }, order: { seq: 'ASC' } });
  const auditEntries = (referralId: string) => dataSource.getRepository(AuditLogEntity).find({ where: { referralId }, order: { eventSeq: 'ASC' } });

  it('writes the referral row, its timeline and one audit entry per event', async () => {
    const id = randomUUID();
    const machine = intake(id);
    const result = await writer.write(projection(machine));

    expect(result).toEqual({ referralWritten: true, eventsWritten: 2, auditEntriesWritten: 2 });
    expect(await referralRow(id)).toMatchObject({
      stage: 'toewijzing',
      arrangementStatus: null,
      childRef: 'lln-7f3a9c',
      schoolBrin: '12AB',
      schoolSector: 'PO',
      region: 'swv-2801',
      thuiszitter: false,
      createdAt: SUBMITTED_AT,
      updatedAt: SUBMITTED_AT,
      closedAt: null,
      version: 2,
      policyVersion: NATIONAL_POLICY.version,
      escalationLevel: 0,
      overdueSince: null,
    });
    expect((await referralRow(id)).nextDueAt).toEqual(new Date(machine.summary().nextDueAt ?? 'no due date'));
    const events = await caseEvents(id);
    expect(events.map((e) => [e.seq, e.type, e.actorSub, e.actorRole, e.requestId])).toEqual([
      [1, 'referral.submitted', 'ib-1', 'school', 'req-submit'],
      [2, 'toewijzing.requested', 'schakel', 'system', null],
    ]);
    expect(events[0]!.occurredAt).toEqual(SUBMITTED_AT);
    expect(events[0]!.data).toEqual({ school: { brin: '12AB', sector: 'PO' }, thuiszitter: false, policyVersion: NATIONAL_POLICY.version });
    const audit = await auditEntries(id);
    expect(audit.map((a) => [a.eventSeq, a.action, a.actorSub, a.actorRole, a.actorOrg, a.requestId])).toEqual([
      [1, 'referral.submitted', 'ib-1', 'school', '12AB', 'req-submit'],
      [2, 'toewijzing.requested', 'schakel', 'system', null, null],
    ]);
    expect(audit[0]!.occurredAt).toEqual(SUBMITTED_AT);
  });

  it('writes one row, one event and one audit entry when the same projection arrives twice', async () => {
    const id = randomUUID();
    const same = projection(intake(id));

    await writer.write(same);
    const retry = await writer.write(same);

    expect(retry).toEqual({ referralWritten: false, eventsWritten: 0, auditEntriesWritten: 0 });
    expect(await dataSource.getRepository(ReferralEntity).countBy({ id })).toBe(1);
    expect((await caseEvents(id)).map((e) => e.seq)).toEqual([1, 2]);
    expect((await auditEntries(id)).map((a) => a.eventSeq)).toEqual([1, 2]);
  });

  it('appends the events of a later projection to the timeline and moves the row on', async () => {
    const id = randomUUID();
    const machine = intake(id);
    await writer.write(projection(machine));

    const result = await writer.write(projection(assigned(machine), 2));

    expect(result).toEqual({ referralWritten: true, eventsWritten: 1, auditEntriesWritten: 1 });
    expect(await referralRow(id)).toMatchObject({ stage: 'arrangement', route: 'gecombineerd', providerId: 'zorg-42', regisseurId: 'regisseur-1', updatedAt: ASSIGNED_AT, version: 3 });
    expect((await caseEvents(id)).map((e) => [e.seq, e.type])).toEqual([
      [1, 'referral.submitted'],
      [2, 'toewijzing.requested'],
      [3, 'toewijzing.made'],
    ]);
    expect((await auditEntries(id)).map((a) => [a.eventSeq, a.action, a.actorSub])).toEqual([
      [1, 'referral.submitted', 'ib-1'],
      [2, 'toewijzing.requested', 'schakel'],
      [3, 'toewijzing.made', 'loket-1'],
    ]);
  });

  it('never lets an older version overwrite a newer row', async () => {
    const id = randomUUID();
    const machine = intake(id);
    const older = projection(machine);
    const newer = projection(assigned(machine));
    await writer.write(newer);

    const late = await writer.write(older);

    expect(late).toEqual({ referralWritten: false, eventsWritten: 0, auditEntriesWritten: 0 });
    expect(await referralRow(id)).toMatchObject({ stage: 'arrangement', version: 3, updatedAt: ASSIGNED_AT });
    expect((await caseEvents(id)).map((e) => e.seq)).toEqual([1, 2, 3]);
  });

  it('keeps the escalation level and since when the case is overdue, and clears both when the step is done', async () => {
    const id = randomUUID();
    const machine = intake(id);
    const dueAt = machine.summary().nextDueAt ?? 'no due date';
    const overdueAt = new Date(Date.parse(dueAt) + 60_000);
    machine.tick(overdueAt);
    await writer.write(projection(machine));

    expect(await referralRow(id)).toMatchObject({ escalationLevel: 1, overdueSince: new Date(dueAt), nextDueAt: new Date(dueAt) });

    machine.apply('toewijzing', { actor: LOKET, body: toewijzingBody(), requestId: 'req-late-toewijzing' }, new Date(overdueAt.getTime() + 60_000));
    await writer.write(projection(machine));

    expect(await referralRow(id)).toMatchObject({ stage: 'arrangement', escalationLevel: 0, overdueSince: null, policyVersion: NATIONAL_POLICY.version });
  });

  it('writes nothing at all when any part of the projection fails', async () => {
    const id = randomUUID();
    const broken = projection(intake(id));
    // A request id longer than the column allows fails the timeline insert, after the row was upserted.
    broken.events = broken.events.map((event) => ({ ...event, requestId: 'x'.repeat(101) }));

    await expect(writer.write(broken)).rejects.toThrow(/value too long/);

    expect(await dataSource.getRepository(ReferralEntity).countBy({ id })).toBe(0);
    expect(await caseEvents(id)).toEqual([]);
  });
});
