import { join } from 'node:path';

export interface StartConfig {
  repoRoot: string;
  apiPort: number;
  namespace: string;
  schakelEnv: string;
  /** Set: use this Temporal; unset: run a dev server. */
  temporalAddress?: string;
  /** Set: use this Postgres; unset: run embedded Postgres. */
  databaseUrl?: string;
  paths: {
    temporalDb: string;
    postgresData: string;
    runDir: string;
    migrate: string;
    /** Loads the demo provider catalogue (issue 11 §1). */
    seedDemo: string;
    worker: string;
    api: string;
  };
}

/** Everything `npm start` takes from the environment, checked once before anything starts. */
export function readStartConfig(env: NodeJS.ProcessEnv, repoRoot: string): StartConfig {
  const portText = env.PORT?.trim() || '3000';
  const apiPort = Number(portText);
  if (!Number.isInteger(apiPort) || apiPort < 1 || apiPort > 65_535) {
    throw new Error(`PORT=${portText} is not a TCP port number.`);
  }
  const data = join(repoRoot, '.data');
  return {
    repoRoot,
    apiPort,
    namespace: env.TEMPORAL_NAMESPACE?.trim() || 'default',
    schakelEnv: env.SCHAKEL_ENV?.trim() || 'development',
    temporalAddress: env.TEMPORAL_ADDRESS?.trim() || undefined,
    databaseUrl: env.DATABASE_URL?.trim() || undefined,
    paths: {
      temporalDb: join(data, 'temporal', 'schakel.db'),
      postgresData: join(data, 'postgres'),
      runDir: join(data, 'run'),
      migrate: join(repoRoot, 'libs', 'persistence', 'dist', 'migrate.main.js'),
      seedDemo: join(repoRoot, 'libs', 'persistence', 'dist', 'seed-demo.main.js'),
      worker: join(repoRoot, 'apps', 'worker', 'dist', 'main.js'),
      api: join(repoRoot, 'apps', 'api', 'dist', 'main.js'),
    },
  };
}
