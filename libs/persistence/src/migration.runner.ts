import type { DataSource } from 'typeorm';

// Any fixed number, shared by every process that migrates: the api, the worker and `npm run migrate`
// may start together, and TypeORM itself does not stop two migrators from running the same migration.
const MIGRATION_LOCK_KEY = 7_264_001;

/**
 * Runs the pending read-model migrations under a Postgres advisory lock and returns the names of
 * those it applied (empty when the schema was current). The data source needs a pool of at least two
 * connections: one holds the lock while TypeORM migrates on another.
 */
export async function runReadModelMigrations(dataSource: DataSource): Promise<string[]> {
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      return applied.map((migration) => migration.name);
    } finally {
      // Session-level lock: released connections go back to the pool still holding it otherwise.
      await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await lock.release();
  }
}
