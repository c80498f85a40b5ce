import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EmbeddedPostgres, startEmbeddedPostgres } from './embedded-postgres.process';
import { killChildrenOnExit, onAbruptExit } from './exit-cleanup';
import { locateTemporalCli } from './temporal-cli.locator';
import { type TemporalDevServer, startTemporalDevServer } from './temporal-dev-server.process';

/**
 * One Temporal dev server and one Postgres for a whole jest run, shared by every test file
 * (each test isolates itself with its own task queue / data). What it starts is kept on
 * globalThis, because jest's global setup and teardown are separate module loads in one process.
 */
export interface TestEnvironment {
  temporalAddress: string;
  databaseUrl: string;
  temporal?: TemporalDevServer;
  postgres?: EmbeddedPostgres;
  tempDir?: string;
  removeTempDir(): void;
}

const STATE = Symbol.for('schakel.test-environment');
type GlobalWithState = typeof globalThis & { [STATE]?: TestEnvironment };

/**
 * Unless TEMPORAL_ADDRESS is set, starts a headless in-memory dev server on free ports; unless
 * TEST_DATABASE_URL is set, starts embedded Postgres in a fresh temp dir. Then sets
 * TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE and DATABASE_URL in process.env, which jest hands to its
 * workers. DATABASE_URL is always overwritten: a developer's own database must never meet a test.
 */
export async function startTestEnvironment(log: (line: string) => void = (line) => void process.stderr.write(`${line}\n`)): Promise<TestEnvironment> {
  const holder = globalThis as GlobalWithState;
  const existing = holder[STATE];
  if (existing) return existing;
  killChildrenOnExit();

  const env = process.env;
  const tempDir = env.TEST_DATABASE_URL ? undefined : mkdtempSync(join(tmpdir(), 'schakel-test-'));
  // mkdtemp gives 0700; postgres, running as its own user when we are root, must get through.
  if (tempDir) chmodSync(tempDir, 0o755);
  const removeTempDir = (): void => {
    if (tempDir) rmSync(tempDir, { recursive: true, force: true, maxRetries: 3 });
  };
  const forgetTempDir = onAbruptExit(removeTempDir);

  const [temporal, postgres] = await Promise.allSettled([
    env.TEMPORAL_ADDRESS
      ? Promise.resolve(undefined)
      : locateTemporalCli({ log }).then((cli) => startTemporalDevServer({ cliPath: cli.path, headless: true })),
    tempDir ? startEmbeddedPostgres({ dataDir: join(tempDir, 'postgres'), durable: false, password: randomBytes(12).toString('hex') }) : Promise.resolve(undefined),
  ]);
  if (temporal.status === 'rejected' || postgres.status === 'rejected') {
    await Promise.allSettled([
      temporal.status === 'fulfilled' ? temporal.value?.stop() : undefined,
      postgres.status === 'fulfilled' ? postgres.value?.stop() : undefined,
    ]);
    removeTempDir();
    forgetTempDir();
    const reasons = [temporal, postgres].filter((result) => result.status === 'rejected').map((result) => String((result as PromiseRejectedResult).reason));
    throw new Error(`The test environment did not start:\n${reasons.join('\n')}`);
  }

  const state: TestEnvironment = {
    temporalAddress: temporal.value?.address ?? env.TEMPORAL_ADDRESS ?? '',
    databaseUrl: postgres.value?.url ?? env.TEST_DATABASE_URL ?? '',
    temporal: temporal.value,
    postgres: postgres.value,
    tempDir,
    removeTempDir: () => {
      removeTempDir();
      forgetTempDir();
    },
  };
  env.TEMPORAL_ADDRESS = state.temporalAddress;
  env.TEMPORAL_NAMESPACE = env.TEMPORAL_NAMESPACE || 'default';
  env.DATABASE_URL = state.databaseUrl;
  holder[STATE] = state;
  return state;
}

export async function stopTestEnvironment(): Promise<void> {
  const holder = globalThis as GlobalWithState;
  const state = holder[STATE];
  if (!state) return;
  delete holder[STATE];
  await Promise.allSettled([state.temporal?.stop(), state.postgres?.stop()]);
  state.removeTempDir();
}
