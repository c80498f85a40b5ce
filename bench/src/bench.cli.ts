import { DEFAULT_SCENARIOS, OPT_IN_SCENARIOS, SCENARIO_NAMES, type BenchSettings, type ScenarioName } from './scenario.types';

export interface BenchCommand {
  scenarios: ScenarioName[];
  settings: BenchSettings;
  /** Where results go; default bench/results (quick: bench/results/quick, large: bench/results/large). */
  outDir: string | undefined;
  /** Copy the servers' logs into <out>/logs at the end. */
  keepLogs: boolean;
  /** V8 CPU profiles of the worker and the API in <out>/profiles. */
  profile: boolean;
  /** Run the api, worker, bundler and migrations of another build (before/after comparisons). */
  appsFrom: string | undefined;
  /** Wait (up to 15 minutes) until the 1-minute load average is below this before measuring. */
  waitForLoadBelow: number | undefined;
  help: boolean;
}

const ALIASES: Record<string, ScenarioName> = {
  start: 'start',
  approve: 'approve',
  open: 'open-cases',
  'open-cases': 'open-cases',
  cases: 'open-cases',
  burst: 'escalation-burst',
  escalation: 'escalation-burst',
  'escalation-burst': 'escalation-burst',
  read: 'read-model',
  'read-model': 'read-model',
  wachtlijst: 'wachtlijst',
  waitlist: 'wachtlijst',
};

export const USAGE = `npm run bench -- [scenario ...] [options]

Scenarios (default: all but ${OPT_IN_SCENARIOS.join(', ')}, in this order): ${SCENARIO_NAMES.join(', ')}
  (also: open, burst, read, waitlist; ${OPT_IN_SCENARIOS.join(', ')} runs only when named)

Options:
  --quick            small sizes, for a smoke run (results in bench/results/quick, git-ignored)
  --large            open-cases with 100,000 cases (results in bench/results/large)
  --concurrency N    requests in flight for start, approve and loading cases (default 8)
  --n N              override a scenario's size (cases or requests per side; wachtlijst: cases waiting, default 1000)
  --cache N          WORKER_MAX_CACHED_WORKFLOWS for open-cases (default 1000, the worker's own default) and escalation-burst
  --out DIR          write results to DIR
  --logs             keep the api's, worker's and migrations' logs in <out>/logs
  --apps-from DIR    run the api, worker and migrations of another build of Schakel (its dist folders and a
                     node_modules whose @schakel/* point into it), e.g. a copy taken before a change
  --profile          V8 CPU profiles of the api and the worker (node --cpu-prof) in <out>/profiles
  --wait-idle [L]    before starting, wait up to 15 min until the 1-minute load average is below L (default 3)
  --help             this text

Environment: DATABASE_URL (a Postgres server to create a scratch database on, instead of embedded Postgres),
TEMPORAL_ADDRESS (a running Temporal instead of our own dev server), TEMPORAL_CLI_PATH.`;

export function parseBenchArgs(argv: readonly string[]): BenchCommand {
  const scenarios: ScenarioName[] = [];
  const settings: BenchSettings = { quick: false, large: false, concurrency: 8, n: undefined, cacheSize: undefined };
  let outDir: string | undefined;
  let waitForLoadBelow: number | undefined;
  let help = false;
  let keepLogs = false;
  let profile = false;
  let appsFrom: string | undefined;
  const number = (flag: string, value: string | undefined): number => {
    const parsed = Number(value);
    if (value === undefined || !Number.isInteger(parsed) || parsed <= 0) throw new Error(`${flag} needs a whole number above 0`);
    return parsed;
  };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    switch (arg) {
      case '--quick':
        settings.quick = true;
        break;
      case '--large':
        settings.large = true;
        break;
      case '--concurrency':
        settings.concurrency = number(arg, argv[++i]);
        break;
      case '--n':
        settings.n = number(arg, argv[++i]);
        break;
      case '--cache':
        settings.cacheSize = number(arg, argv[++i]);
        break;
      case '--out':
        outDir = argv[++i];
        if (outDir === undefined) throw new Error('--out needs a folder');
        break;
      case '--logs':
        keepLogs = true;
        break;
      case '--profile':
        profile = true;
        break;
      case '--apps-from':
        appsFrom = argv[++i];
        if (appsFrom === undefined) throw new Error('--apps-from needs a folder');
        break;
      case '--wait-idle': {
        const value = argv[i + 1];
        if (value !== undefined && /^\d+(\.\d+)?$/.test(value)) {
          waitForLoadBelow = Number(value);
          i += 1;
        } else {
          waitForLoadBelow = 3;
        }
        break;
      }
      case '--help':
      case '-h':
        help = true;
        break;
      default: {
        const scenario = ALIASES[arg];
        if (scenario === undefined) throw new Error(`unknown scenario or option: ${arg}`);
        if (!scenarios.includes(scenario)) scenarios.push(scenario);
      }
    }
  }
  if (settings.quick && settings.large) throw new Error('--quick and --large contradict each other');
  // Always in the canonical order: read-model last, because its 100,000 rows would slow the others' projections.
  const chosen = scenarios.length === 0 ? [...DEFAULT_SCENARIOS] : SCENARIO_NAMES.filter((name) => scenarios.includes(name));
  return { scenarios: chosen, settings, outDir, waitForLoadBelow, keepLogs, profile, appsFrom, help };
}
