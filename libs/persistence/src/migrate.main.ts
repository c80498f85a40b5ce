import 'reflect-metadata';
import { createReadModelDataSource, databaseTargetFromEnv } from './data-source.factory';
import { MigrationProgressLogger } from './migration.logger';
import { runReadModelMigrations } from './migration.runner';

// `npm run migrate` and the `npm start` launcher: brings the read model to the committed schema.

const info = (line: string): void => console.log(`[migrate] ${line}`);
const warn = (line: string): void => console.error(`[migrate] ${line}`);

async function main(): Promise<number> {
  const target = databaseTargetFromEnv(process.env);
  if (!target.ok) {
    warn(target.problem);
    return 1;
  }

  const dataSource = createReadModelDataSource({ url: target.url, applicationName: 'schakel-migrate', poolSize: 2, logger: new MigrationProgressLogger(info, warn) });
  const started = Date.now();
  try {
    info(`migrating ${target.description}`);
    await dataSource.initialize();
    const applied = await runReadModelMigrations(dataSource);
    info(`done in ${Date.now() - started} ms: ${applied.length === 0 ? 'schema already current' : `applied ${applied.join(', ')}`}`);
    return 0;
  } catch (error) {
    warn(`failed after ${Date.now() - started} ms: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
  }
}

void main().then((code) => {
  process.exitCode = code;
});
