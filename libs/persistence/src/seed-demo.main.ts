import 'reflect-metadata';
import { createReadModelDataSource, databaseTargetFromEnv } from './data-source.factory';
import { AANBOD_DEMO_SET, DEMO_REGIONS } from './demo/aanbod-demo.data';
import { loadAanbodDemoSet } from './demo/aanbod-demo.seeder';
import { runReadModelMigrations } from './migration.runner';

// `npm run seed:demo`: the fictitious provider catalogue of a Groningen-like and a Rotterdam-like region (issue 11 §1).
// `--if-empty` (what `npm start` runs): only into a catalogue without any aanbod. Running it twice changes nothing.

/** The database `npm start` runs when DATABASE_URL is unset (tools/src/start.main.ts, embedded Postgres). */
const NPM_START_DATABASE_URL = 'postgres://postgres:postgres@127.0.0.1:54329/schakel';

const info = (line: string): void => console.log(`[seed] ${line}`);
const warn = (line: string): void => console.error(`[seed] ${line}`);

async function main(): Promise<number> {
  const onlyIfEmpty = process.argv.includes('--if-empty');
  const unknown = process.argv.slice(2).filter((argument) => argument !== '--if-empty');
  if (unknown.length > 0) {
    warn(`unknown argument ${unknown.join(' ')} (usage: seed-demo [--if-empty])`);
    return 2;
  }
  const database = databaseTargetFromEnv(process.env, NPM_START_DATABASE_URL);
  if (!database.ok) {
    warn(database.problem);
    return 1;
  }
  const target = database.description;
  if (database.fromFallback) info(`DATABASE_URL is not set: using the embedded Postgres of npm start at ${target}`);

  const dataSource = createReadModelDataSource({ url: database.url, applicationName: 'schakel-seed-demo', poolSize: 2 });
  try {
    await dataSource.initialize();
    // The catalogue's table comes with a migration; a fresh database gets the whole schema first.
    await runReadModelMigrations(dataSource);
    const load = await loadAanbodDemoSet(dataSource, { onlyIfEmpty });
    const regions = `a Groningen-like (${DEMO_REGIONS.groningen}) and a Rotterdam-like region (${DEMO_REGIONS.rotterdam})`;
    if (load.skipped) info(`the provider catalogue at ${target} holds ${load.before} aanbod already: demo data not loaded`);
    else if (load.added === 0) info(`the demo provider catalogue (${AANBOD_DEMO_SET.length} aanbod of ${regions}) is loaded already at ${target}: nothing changed`);
    else info(`loaded the demo provider catalogue into ${target}: ${load.added} fictitious aanbod of ${regions}`);
    return 0;
  } catch (error) {
    warn(`failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
  }
}

void main().then((code) => {
  process.exitCode = code;
});
