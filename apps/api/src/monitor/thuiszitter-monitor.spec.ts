import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { DomainError, type Actor, type ReferralSummary } from '@schakel/domain';
import { createReadModelDataSource, ReferralProjectionWriter } from '@schakel/persistence';
import { createTestDatabase, referralSummary, type TestDatabase } from '@schakel/persistence/testing';
import { emptyThuiszitterCounts } from './thuiszitter-duration.bucket';
import { ThuiszitterMonitorRepository } from './thuiszitter-monitor.repository';
import { ThuiszitterMonitorService } from './thuiszitter-monitor.service';

// Measured on Monday 15 June 2026, noon in the Netherlands. Three months before is 15 March.
const TODAY = '2026-06-15';
const NOW = new Date('2026-06-15T10:00:00Z');

const thuiszitter = (region: string, since: string, extra: Partial<ReferralSummary> = {}): Partial<ReferralSummary> => ({ region, thuiszitter: true, thuiszitterSince: since, ...extra });

/** The thuiszitter figures against real Postgres, with rows projected at chosen dates (issue 3 §4). */
describe('thuiszitter monitor (real Postgres)', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let repository: ThuiszitterMonitorRepository;
  let service: ThuiszitterMonitorService;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await createReadModelDataSource({ url: database.url, poolSize: 3 }).initialize();
    repository = new ThuiszitterMonitorRepository(dataSource);
    service = new ThuiszitterMonitorService(repository);
    const writer = new ReferralProjectionWriter(dataSource);
    const rows: Array<Partial<ReferralSummary>> = [
      // swv-2801: each bucket's edges, counted in whole days to TODAY.
      thuiszitter('swv-2801', '2026-06-15'), // 0 days
      thuiszitter('swv-2801', '2026-05-19'), // 27 days: still under 4 weeks
      thuiszitter('swv-2801', '2026-05-18'), // 28 days: 4 weeks
      thuiszitter('swv-2801', '2026-04-21'), // 55 days
      thuiszitter('swv-2801', '2026-04-20'), // 56 days: 8 weeks
      thuiszitter('swv-2801', '2026-03-16'), // 91 days, yet three months only tomorrow
      thuiszitter('swv-2801', '2026-03-15'), // three calendar months today: the Thuiszitterspact horizon
      thuiszitter('swv-2801', '2025-11-27'),
      // Not counted: a closed case, a pupil who is not at home.
      thuiszitter('swv-2801', '2026-01-05', { stage: 'afgesloten', closedAt: '2026-06-01T09:00:00.000Z' }),
      { region: 'swv-2801', thuiszitter: false },
      // Another region.
      thuiszitter('swv-3000', '2026-06-01'),
      thuiszitter('swv-3000', '2026-01-10'),
    ];
    for (const row of rows) await writer.write({ summary: referralSummary(row), events: [] });
  }, 30_000);

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('counts open thuiszitters per region and duration bucket', async () => {
    expect(await repository.countOpenThuiszitters(TODAY, null)).toEqual([
      { region: 'swv-2801', counts: { minder_dan_4_weken: 2, '4_tot_8_weken': 2, '8_weken_tot_3_maanden': 2, '3_maanden_of_langer': 2, total: 8 } },
      { region: 'swv-3000', counts: { minder_dan_4_weken: 1, '4_tot_8_weken': 0, '8_weken_tot_3_maanden': 0, '3_maanden_of_langer': 1, total: 2 } },
    ]);
  });

  it('moves a pupil into the next bucket as the days pass', async () => {
    const [tomorrow] = await repository.countOpenThuiszitters('2026-06-16', 'swv-2801');

    // 27 → 28 days, 55 → 56 days, and 16 March reaches three months.
    expect(tomorrow?.counts).toEqual({ minder_dan_4_weken: 1, '4_tot_8_weken': 2, '8_weken_tot_3_maanden': 2, '3_maanden_of_langer': 3, total: 8 });
  });

  it("gives gemeente, leerplicht and loket their own region only, with no ids or pupil data", async () => {
    for (const role of ['gemeente', 'leerplicht', 'loket'] as const) {
      const actor: Actor = { sub: `${role}-1`, role, org: 'org-1', region: 'swv-3000' };
      const figures = await service.thuiszitters(actor, NOW);

      expect(figures).toEqual({
        measuredOn: TODAY,
        buckets: ['minder_dan_4_weken', '4_tot_8_weken', '8_weken_tot_3_maanden', '3_maanden_of_langer'],
        regions: [{ region: 'swv-3000', counts: { minder_dan_4_weken: 1, '4_tot_8_weken': 0, '8_weken_tot_3_maanden': 0, '3_maanden_of_langer': 1, total: 2 } }],
        total: { minder_dan_4_weken: 1, '4_tot_8_weken': 0, '8_weken_tot_3_maanden': 0, '3_maanden_of_langer': 1, total: 2 },
      });
    }
  });

  it('reports zeros for a region without thuiszitters rather than leaving it out', async () => {
    const figures = await service.thuiszitters({ sub: 'gemeente-9', role: 'gemeente', org: 'gm-9', region: 'swv-9999' }, NOW);

    expect(figures.regions).toEqual([{ region: 'swv-9999', counts: emptyThuiszitterCounts() }]);
    expect(figures.total).toEqual(emptyThuiszitterCounts());
  });

  it('gives admin every region and the sum over them', async () => {
    const figures = await service.thuiszitters({ sub: 'admin-1', role: 'admin' }, NOW);

    expect(figures.regions.map((r) => r.region)).toEqual(['swv-2801', 'swv-3000']);
    expect(figures.total).toEqual({ minder_dan_4_weken: 3, '4_tot_8_weken': 2, '8_weken_tot_3_maanden': 2, '3_maanden_of_langer': 3, total: 10 });
  });

  it('refuses a regional role whose token names no region', async () => {
    await expect(service.thuiszitters({ sub: 'gemeente-1', role: 'gemeente' }, NOW)).rejects.toEqual(expect.objectContaining({ code: 'FORBIDDEN' }));
    await expect(service.thuiszitters({ sub: 'gemeente-1', role: 'gemeente' }, NOW)).rejects.toBeInstanceOf(DomainError);
  });
});
