import type { Actor } from '@schakel/domain';
import type { ApiClient } from './api.client';
import type { BareTemporalClient } from './bare-temporal.client';
import type { BenchStack } from './bench-stack.process';
import type { CpuReport } from './cpu.sampler';

/** Every scenario, in the order they run (read-model last: its 100,000 rows would slow the others' projections). */
export const SCENARIO_NAMES = ['start', 'approve', 'open-cases', 'escalation-burst', 'wachtlijst', 'read-model'] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];
/** Run only when named: they would lengthen the documented full run (issue 7's five). */
export const OPT_IN_SCENARIOS: readonly ScenarioName[] = ['wachtlijst'];
/** What `npm run bench` runs without scenario names. */
export const DEFAULT_SCENARIOS: readonly ScenarioName[] = SCENARIO_NAMES.filter((name) => !OPT_IN_SCENARIOS.includes(name));

export interface BenchSettings {
  quick: boolean;
  large: boolean;
  /** Requests in flight at once, the same for the API and the bare client. */
  concurrency: number;
  /** Overrides of a scenario's size (number of cases or requests), from --n. */
  n: number | undefined;
  /** WORKER_MAX_CACHED_WORKFLOWS for the open-cases scenario. */
  cacheSize: number | undefined;
}

export interface ScenarioContext {
  stack: BenchStack;
  api: ApiClient;
  bare: BareTemporalClient;
  settings: BenchSettings;
  token(actor: Actor): Promise<string>;
  log(line: string): void;
}

export interface TargetCheck {
  what: string;
  target: string;
  measured: string;
  /** null: not applicable in this run (e.g. --quick is too small to judge it). */
  met: boolean | null;
}

export interface Chart {
  /** File name within the results folder. */
  file: string;
  svg: string;
}

export interface ScenarioResult {
  scenario: ScenarioName;
  title: string;
  startedAt: string;
  finishedAt: string;
  settings: Record<string, unknown>;
  /** Every figure, machine-readable. */
  figures: Record<string, unknown>;
  targets: TargetCheck[];
  /** Who used the CPU during the measured part. */
  cpu: CpuReport | undefined;
  /** Markdown body: the scenario's tables and observations (without the title). */
  markdown: string;
  charts: Chart[];
}

export interface Scenario {
  name: ScenarioName;
  title: string;
  run(context: ScenarioContext): Promise<Omit<ScenarioResult, 'scenario' | 'title' | 'startedAt' | 'finishedAt'>>;
}
