import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import type { Actor, ReferralSummary } from '@schakel/domain';
import { CaseEventEntity, createReadModelDataSource, ReferralEntity, ReferralProjectionWriter } from '@schakel/persistence';
import { createTestDatabase, referralSummary, type TestDatabase } from '@schakel/persistence/testing';
import { ReferralsRepository, type ReferralListFilter } from './referrals.repository';

const DAY = 86_400_000;
const NOW = Date.parse('2026-06-15T10:00:00Z');
const daysAgo = (days: number): string => new Date(NOW - days * DAY).toISOString();

/** The overdue list against real Postgres: what it holds, its order and its keyset cursor (issue 3 §6). */
describe('ReferralsRepository, overdue list (real Postgres)', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let writer: ReferralProjectionWriter;
  let repository: ReferralsRepository;
  let regions = 0;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await createReadModelDataSource({ url: database.url, poolSize: 3 }).initialize();
    writer = new ReferralProjectionWriter(dataSource);
    repository = new ReferralsRepository(dataSource.getRepository(ReferralEntity), dataSource.getRepository(CaseEventEntity));
  }, 30_000);

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  /** Each test works in a region of its own, so rows of one test never show up in another's list. */
  function freshLoket(): Actor {
    regions += 1;
    const region = `swv-overdue-${regions}`;
    return { sub: `loket-${regions}`, role: 'loket', org: region, region };
  }

  async function project(rows: ReadonlyArray<Partial<ReferralSummary>>): Promise<string[]> {
    const summaries = rows.map((row) => referralSummary(row));
    for (const summary of summaries) await writer.write({ summary, events: [] });
    return summaries.map((s) => s.referralId);
  }

  async function overdueIds(actor: Actor, filter: Partial<ReferralListFilter> = {}): Promise<string[]> {
    const page = await repository.list(actor, { limit: 25, overdue: true, ...filter });
    return page.rows.map((row) => row.id);
  }

  it('lists only open overdue cases of the caller, the longest overdue first', async () => {
    const loket = freshLoket();
    const region = loket.region;
    const [tenDays, twoDays, fiveDays] = await project([
      { region, overdueSince: daysAgo(10), escalationLevel: 2 },
      { region, overdueSince: daysAgo(2), escalationLevel: 1 },
      { region, overdueSince: daysAgo(5), escalationLevel: 1 },
    ]);
    await project([
      { region, nextDueAt: daysAgo(-3) },
      // Closed while overdue: the workflow closes its deadlines, but a row must not depend on that.
      { region, overdueSince: daysAgo(20), stage: 'ingetrokken', closedAt: daysAgo(1) },
      { region: 'swv-elsewhere', overdueSince: daysAgo(30) },
    ]);

    expect(await overdueIds(loket)).toEqual([tenDays, fiveDays, twoDays]);
  });

  it('pages with a keyset cursor on (overdue_since, id), also across rows overdue since the same moment', async () => {
    const loket = freshLoket();
    const region = loket.region;
    const same = daysAgo(4);
    const ids = await project([
      { region, overdueSince: daysAgo(9) },
      { region, overdueSince: same },
      { region, overdueSince: same },
      { region, overdueSince: same },
      { region, overdueSince: daysAgo(1) },
    ]);
    const tied = ids.slice(1, 4).sort();
    const expected = [ids[0], ...tied, ids[4]];

    const seen: string[] = [];
    let filter: Partial<ReferralListFilter> = { limit: 2 };
    for (let pages = 0; pages < 5; pages += 1) {
      const page = await repository.list(loket, { limit: 2, overdue: true, ...filter });
      seen.push(...page.rows.map((row) => row.id));
      if (page.next === undefined) break;
      expect(page.next.order).toBe('most_overdue');
      filter = { after: page.next };
    }

    expect(seen).toEqual(expected);
  });

  it('keeps the other filters and the scope rules', async () => {
    const loket = freshLoket();
    const region = loket.region;
    const [ownArrangement, , otherSchool] = await project([
      { region, stage: 'arrangement', overdueSince: daysAgo(3), schoolBrin: '12AB' },
      { region, stage: 'toewijzing', overdueSince: daysAgo(6), schoolBrin: '12AB' },
      { region, stage: 'arrangement', overdueSince: daysAgo(8), schoolBrin: '99ZZ' },
    ]);
    const school: Actor = { sub: 'ib-1', role: 'school', org: '12AB', region };
    const gemeente: Actor = { sub: 'gemeente-1', role: 'gemeente', org: 'gm-0344', region };

    expect(await overdueIds(loket, { stage: 'arrangement' })).toEqual([otherSchool, ownArrangement]);
    expect(await overdueIds(school, { stage: 'arrangement' })).toEqual([ownArrangement]);
    expect(await overdueIds(gemeente)).toEqual([]);
  });

  it('reads the deadline columns the projection wrote', async () => {
    const loket = freshLoket();
    const [id] = await project([{ region: loket.region, policyVersion: '2026.2-test', escalationLevel: 3, overdueSince: daysAgo(7), nextDueAt: daysAgo(7) }]);

    const row = await repository.findById(id ?? '');

    expect(row).toMatchObject({ policyVersion: '2026.2-test', escalationLevel: 3, overdueSince: new Date(daysAgo(7)), nextDueAt: new Date(daysAgo(7)) });
  });
});

/** What POST /api/referrals waits for before it answers (issue 7 §3): the intake in the read model, not a Query. */
describe('ReferralsRepository, intake of a new referral (real Postgres)', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let repository: ReferralsRepository;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await createReadModelDataSource({ url: database.url, poolSize: 2 }).initialize();
    repository = new ReferralsRepository(dataSource.getRepository(ReferralEntity), dataSource.getRepository(CaseEventEntity));
  }, 30_000);

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('is null until projected, then gives the stage and the request that started the referral', async () => {
    const summary = referralSummary({ stage: 'toewijzing' });
    expect(await repository.intakeOf(summary.referralId)).toBeNull();

    const at = summary.createdAt;
    await new ReferralProjectionWriter(dataSource).write({
      summary,
      events: [
        { seq: 1, type: 'referral.submitted', at, actor: { sub: 'ib-1', role: 'school', org: '12AB' }, stage: 'gesignaleerd', data: {}, requestId: 'request-that-started-it' },
        { seq: 2, type: 'toewijzing.requested', at, actor: { sub: 'schakel', role: 'system' }, stage: 'toewijzing', data: {} },
      ],
    });

    expect(await repository.intakeOf(summary.referralId)).toEqual({ stage: 'toewijzing', submittedRequestId: 'request-that-started-it' });
  });
});
