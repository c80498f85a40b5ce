import { mkdtempSync, rmSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from './embedded-postgres.process';
import { isAlive } from './process-group.stopper';
import { locateTemporalCli } from './temporal-cli.locator';
import { startTemporalDevServer } from './temporal-dev-server.process';
import { probeTemporal } from './temporal.probe';

/**
 * `node tools/dist/services-smoke.main.js`: starts a throw-away Temporal dev server and embedded
 * Postgres through the same functions the launcher and the test setup use, talks to both, stops
 * both, and fails if either process is still alive afterwards.
 */
async function main(): Promise<void> {
  const started = Date.now();
  const cli = await locateTemporalCli();
  console.log(`Temporal CLI: ${cli.path} (${cli.source})`);
  const temporal = await startTemporalDevServer({ cliPath: cli.path, headless: true });
  console.log(`Temporal dev server at ${temporal.address}, pid ${temporal.pid} (${Date.now() - started} ms)`);

  const root = mkdtempSync(join(tmpdir(), 'schakel-smoke-'));
  chmodSync(root, 0o755);
  try {
    const postgres = await startEmbeddedPostgres({ dataDir: join(root, 'postgres'), durable: false, password: 'smoke' });
    console.log(`Postgres at ${postgres.url}, pid ${postgres.pid} (${Date.now() - started} ms)`);
    const client = new Client({ connectionString: postgres.url });
    await client.connect();
    const { rows } = await client.query<{ version: string; db: string }>('SELECT version() AS version, current_database() AS db');
    console.log(`  ${rows[0]?.db}: ${rows[0]?.version}`);
    await client.end();
    await probeTemporal(temporal.address, 'default');
    console.log('  Temporal: namespace "default" described');

    await postgres.stop();
    await temporal.stop();
    const leftovers = [postgres.pid, temporal.pid].filter(isAlive);
    if (leftovers.length > 0) throw new Error(`still running: ${leftovers.join(', ')}`);
    console.log(`Both stopped, nothing left running (${Date.now() - started} ms)`);
  } finally {
    await temporal.stop();
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
