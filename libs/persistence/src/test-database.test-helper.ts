import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createReadModelDataSource } from './data-source.factory';
import { runReadModelMigrations } from './migration.runner';

// The jest global setup points DATABASE_URL at an embedded server; without it, specs use the
// machine's Postgres (trust auth). Either way each spec file gets a database of its own.
const FALLBACK_SERVER_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  /** URL of the new database, on the same server and with the same credentials as DATABASE_URL. */
  url: string;
  /** Drops the database, closing any connection still open to it. */
  drop(): Promise<void>;
}

export interface TestDatabaseOptions {
  /** Apply the committed read-model migrations (default true). */
  migrate?: boolean;
  /** The server to create it on (default DATABASE_URL): e.g. a private cluster a fault test stops and restarts. */
  serverUrl?: string;
}

/** Creates a fresh, uniquely named database for one spec file; call `drop()` in afterAll. */
export async function createTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const serverUrl = options.serverUrl ?? process.env['DATABASE_URL'] ?? FALLBACK_SERVER_URL;
  const name = `schakel_test_${randomBytes(6).toString('hex')}`;
  await onServer(serverUrl, `CREATE DATABASE "${name}"`);
  const url = withDatabase(serverUrl, name);
  if (options.migrate ?? true) {
    const dataSource = await createReadModelDataSource({ url, poolSize: 2 }).initialize();
    try {
      await runReadModelMigrations(dataSource);
    } finally {
      await dataSource.destroy();
    }
  }
  return { url, drop: () => onServer(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function onServer(serverUrl: string, sql: string): Promise<void> {
  const admin = await new DataSource({ type: 'postgres', url: serverUrl, poolSize: 1 }).initialize();
  try {
    await admin.query(sql);
  } finally {
    await admin.destroy();
  }
}
