import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { createReadModelDataSource } from '../data-source.factory';
import { runReadModelMigrations } from '../migration.runner';
import { READ_MODEL_MIGRATIONS } from './read-model.migrations';
import { createTestDatabase, type TestDatabase } from '../test-database.test-helper';

// Every migration by name, oldest first: what a run on an empty database applies.
const ALL_MIGRATIONS = READ_MODEL_MIGRATIONS.map((migration) => new migration().name);

describe('read-model migrations (real Postgres)', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase({ migrate: false });
    dataSource = await createReadModelDataSource({ url: database.url, poolSize: 3 }).initialize();
  }, 30_000);

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  async function pendingSchemaChanges(): Promise<string[]> {
    const sql = await dataSource.driver.createSchemaBuilder().log();
    return sql.upQueries.map((query) => query.query);
  }

  it('applies every migration to an empty database, oldest first', async () => {
    expect(await pendingSchemaChanges()).not.toEqual([]);
    expect(await runReadModelMigrations(dataSource)).toEqual(ALL_MIGRATIONS);
  });

  it('leaves no difference between the migrated schema and the entities', async () => {
    expect(await pendingSchemaChanges()).toEqual([]);
  });

  it('applies nothing when the schema is current, also with two migrators at once', async () => {
    const results = await Promise.all([runReadModelMigrations(dataSource), runReadModelMigrations(dataSource)]);
    expect(results).toEqual([[], []]);
  });

  it('can be reverted and applied again', async () => {
    for (let left = ALL_MIGRATIONS.length; left > 0; left -= 1) await dataSource.undoLastMigration({ transaction: 'each' });
    const tables = await dataSource.query<{ name: string }[]>(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_name IN ('referral', 'case_event', 'audit_log')`,
    );
    expect(tables).toEqual([]);
    expect(await runReadModelMigrations(dataSource)).toEqual(ALL_MIGRATIONS);
    expect(await pendingSchemaChanges()).toEqual([]);
  });

  describe('audit_log', () => {
    let id: string;

    beforeAll(async () => {
      const rows = await dataSource.query<{ id: string }[]>(
        `INSERT INTO audit_log (occurred_at, actor_sub, actor_role, action) VALUES (now(), 'ib-1', 'school', 'referral.read') RETURNING id`,
      );
      id = rows[0]!.id;
    });

    it('refuses an UPDATE', async () => {
      await expect(dataSource.query(`UPDATE audit_log SET actor_sub = 'someone-else' WHERE id = $1`, [id])).rejects.toThrow(
        'audit_log is append-only: UPDATE refused',
      );
    });

    it('refuses a DELETE', async () => {
      await expect(dataSource.query(`DELETE FROM audit_log WHERE id = $1`, [id])).rejects.toThrow('audit_log is append-only: DELETE refused');
    });

    it('refuses a TRUNCATE', async () => {
      await expect(dataSource.query(`TRUNCATE audit_log`)).rejects.toThrow('audit_log is append-only: TRUNCATE refused');
    });

    it('keeps the entry unchanged after the refusals', async () => {
      const rows = await dataSource.query<{ actor_sub: string }[]>(`SELECT actor_sub FROM audit_log WHERE id = $1`, [id]);
      expect(rows).toEqual([{ actor_sub: 'ib-1' }]);
    });
  });
});
