import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { ApplicationFailure } from '@temporalio/activity';
import { ReferralMachine } from '@schakel/domain';
import { NATIONAL_POLICY, SCHOOL, startReferralBody } from '@schakel/domain/testing';
import { createReadModelDataSource, ReferralProjectionWriter } from '@schakel/persistence';
import type { ReferralProjection } from '@schakel/workflows/contracts';
import type { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../../../../libs/persistence/src/testing';
import { ReferralActivitiesProvider } from './referral.activities';

function intakeProjection(referralId: string): ReferralProjection {
  const machine = ReferralMachine.submit(referralId, 'swv-2801', SCHOOL, startReferralBody(), new Date('2026-11-23T09:00:00Z'), NATIONAL_POLICY, 'req-1');
  return { summary: machine.summary(), events: [...machine.events] };
}

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

describe('ReferralActivitiesProvider (real Postgres)', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let activities: ReferralActivitiesProvider;

  beforeAll(async () => {
    Logger.overrideLogger(false);
    database = await createTestDatabase();
    dataSource = await createReadModelDataSource({ url: database.url }).initialize();
    activities = new ReferralActivitiesProvider(new ReferralProjectionWriter(dataSource));
  }, 30_000);

  afterAll(async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
    await database?.drop();
    Logger.overrideLogger(['log', 'warn', 'error']);
  });

  it('projects a referral into the read model', async () => {
    const id = randomUUID();
    await activities.projectReferral(intakeProjection(id));
    const rows = await dataSource.query<{ version: number }[]>('SELECT version FROM referral WHERE id = $1', [id]);
    expect(rows).toEqual([{ version: 1 }]);
  });

  it('reports a rejected write as a retryable failure without the case data it carried', async () => {
    const projection = intakeProjection(randomUUID());
    projection.summary.childRef = 'lln-'.padEnd(80, 'x');

    const failure = await failureOf(activities.projectReferral(projection));

    expect(failure).toBeInstanceOf(ApplicationFailure);
    const { type, nonRetryable, message } = failure as ApplicationFailure;
    expect({ type, nonRetryable }).toEqual({ type: 'ReadModelWriteFailed', nonRetryable: false });
    expect(message).toMatch(/^read model write failed \(SQLSTATE 22001\): value too long/);
    expect(JSON.stringify(failure)).not.toContain('lln-');
    expect(JSON.stringify(failure)).not.toContain(SCHOOL.sub);
  });

  it('lets a database that went away fail the activity, so Temporal retries it', async () => {
    const doomed = await createTestDatabase();
    const lost = await createReadModelDataSource({ url: doomed.url }).initialize();
    await doomed.drop();
    try {
      const unreachable = new ReferralActivitiesProvider(new ReferralProjectionWriter(lost));
      const failure = await failureOf(unreachable.projectReferral(intakeProjection(randomUUID())));
      expect(failure).toBeInstanceOf(Error);
      expect(failure instanceof ApplicationFailure && failure.nonRetryable).toBe(false);
    } finally {
      await lost.destroy();
    }
  }, 30_000);
});
