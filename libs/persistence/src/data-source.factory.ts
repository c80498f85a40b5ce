import { DataSource, type DataSourceOptions, type Logger } from 'typeorm';
import { READ_MODEL_MIGRATIONS } from './migrations/read-model.migrations';
import { READ_MODEL_ENTITIES } from './read-model.entities';

export type PostgresDataSourceOptions = Extract<DataSourceOptions, { type: 'postgres' }>;

export interface ReadModelDataSourceSettings {
  /** `postgres://user:password@host:port/database`; never logged, it may carry a password. */
  url: string;
  /** Shown in pg_stat_activity, so an operator can tell the api's connections from the worker's. */
  applicationName?: string;
  poolSize?: number;
  /** Receives TypeORM's messages; without one TypeORM logs nothing (queries carry case data). */
  logger?: Logger;
}

/**
 * Options for every process that talks to the read model: the api (TypeOrmModule.forRoot), the
 * worker and the migrator. The schema comes only from the committed migrations, never from
 * `synchronize` (DESIGN.md, "Read model").
 */
export function readModelDataSourceOptions(settings: ReadModelDataSourceSettings): PostgresDataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    entities: READ_MODEL_ENTITIES,
    migrations: READ_MODEL_MIGRATIONS,
    // One transaction per migration: a failure leaves the database at the last good migration.
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    // gen_random_uuid() is core PostgreSQL (13+): no extension to install, so no superuser needed.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    applicationName: settings.applicationName,
    poolSize: settings.poolSize,
    ...(settings.logger === undefined ? { logging: false } : { logger: settings.logger, logging: true }),
  };
}

/** A DataSource for the read model, not yet initialised (call `initialize()`). */
export function createReadModelDataSource(settings: ReadModelDataSourceSettings): DataSource {
  return new DataSource(readModelDataSourceOptions(settings));
}

/** Host, port and database of a Postgres URL, without user or password, for log lines. */
export function describeDatabaseUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
}

const EXPECTED_URL = 'expected postgres://user@host:port/database';

/** Where a command-line tool's DATABASE_URL points: the URL and its log description, or what is wrong with it. */
export type DatabaseTarget = { ok: true; url: string; description: string; fromFallback: boolean } | { ok: false; problem: string };

/**
 * DATABASE_URL of a command-line tool (migrate, seed:demo), checked before anything connects. Without it the tool
 * uses `fallbackUrl` when it has one (seed:demo: the database of `npm start`), else it is a problem to report.
 */
export function databaseTargetFromEnv(env: Readonly<Record<string, string | undefined>>, fallbackUrl?: string): DatabaseTarget {
  const configured = env['DATABASE_URL']?.trim() ?? '';
  const url = configured === '' ? fallbackUrl : configured;
  if (url === undefined) return { ok: false, problem: `DATABASE_URL is not set (${EXPECTED_URL})` };
  try {
    return { ok: true, url, description: describeDatabaseUrl(url), fromFallback: configured === '' };
  } catch {
    return { ok: false, problem: `DATABASE_URL is not a valid URL (${EXPECTED_URL})` };
  }
}
