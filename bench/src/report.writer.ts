import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CpuReport } from './cpu.sampler';
import type { LatencySummary } from './latency.stats';
import type { MachineInfo } from './machine.info';
import { SCENARIO_NAMES, type ScenarioResult, type TargetCheck } from './scenario.types';

export interface RunInfo {
  command: string;
  startedAt: string;
  finishedAt?: string;
  gitCommit: string;
  gitDirtyFiles: number;
  machine: MachineInfo;
  temporal: string;
  postgres: string;
  flags: Record<string, unknown>;
}

/**
 * Writes a scenario's figures as `<scenario>.json` (everything, machine-readable), `<scenario>.md` (the
 * tables) and its charts, then rebuilds `summary.md` from every scenario whose results are in the folder, so
 * a run of one scenario updates its part and keeps the others.
 */
export class ReportWriter {
  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  writeRun(run: RunInfo): void {
    writeFileSync(join(this.dir, 'run.json'), `${JSON.stringify(run, null, 2)}\n`);
  }

  writeScenario(result: ScenarioResult, run: RunInfo): void {
    for (const chart of result.charts) writeFileSync(join(this.dir, chart.file), chart.svg);
    const { charts, ...rest } = result;
    writeFileSync(join(this.dir, `${result.scenario}.json`), `${JSON.stringify({ ...rest, charts: charts.map((c) => c.file), run: { command: run.command, gitCommit: run.gitCommit, machine: run.machine } }, null, 2)}\n`);
    writeFileSync(join(this.dir, `${result.scenario}.md`), scenarioMarkdown(result));
    this.writeSummary(run);
  }

  private writeSummary(run: RunInfo): void {
    const lines = [
      '# Schakel benchmark results',
      '',
      `Written by \`${run.command}\`. Machine: ${run.machine.cpuModel}, ${run.machine.cores} cores, ${run.machine.memoryGiB} GiB, Linux ${run.machine.kernel}, Node ${run.machine.node}.`,
      `Temporal: ${run.temporal}. Postgres: ${run.postgres}. Commit ${run.gitCommit}${run.gitDirtyFiles > 0 ? ` with ${run.gitDirtyFiles} uncommitted files` : ''}.`,
      'Each scenario below may come from a different run; its own file names the run. Analysis: docs/performance.md.',
      '',
      '| scenario | target | measured | met |',
      '|---|---|---|---|',
    ];
    const sections: string[] = [];
    for (const name of SCENARIO_NAMES) {
      const file = join(this.dir, `${name}.json`);
      if (!existsSync(file)) continue;
      const result = JSON.parse(readFileSync(file, 'utf8')) as ScenarioResult;
      for (const target of result.targets) lines.push(`| [${name}](${name}.md) | ${target.what}: ${target.target} | ${target.measured} | ${metMark(target)} |`);
      sections.push(`- [${result.title}](${name}.md), ${result.startedAt}`);
    }
    writeFileSync(join(this.dir, 'summary.md'), `${[...lines, '', ...sections].join('\n')}\n`);
  }
}

export function scenarioMarkdown(result: ScenarioResult): string {
  const lines = [`# ${result.title}`, '', `Run ${result.startedAt} → ${result.finishedAt}.`, '', '## Targets', '', ...targetTable(result.targets), '', result.markdown.trim(), ''];
  if (result.cpu) lines.push('## CPU while measuring', '', ...cpuTable(result.cpu), '');
  for (const chart of result.charts) lines.push(`![${chart.file}](${chart.file})`, '');
  lines.push('## Settings', '', '```json', JSON.stringify(result.settings, null, 2), '```', '');
  return lines.join('\n');
}

export function targetTable(targets: readonly TargetCheck[]): string[] {
  return ['| what | target | measured | met |', '|---|---|---|---|', ...targets.map((t) => `| ${t.what} | ${t.target} | ${t.measured} | ${metMark(t)} |`)];
}

function metMark(target: TargetCheck): string {
  return target.met === null ? 'n/a' : target.met ? 'yes' : '**no**';
}

export function latencyTable(rows: ReadonlyArray<{ name: string; summary: LatencySummary; extra?: string }>, extraHeader?: string): string[] {
  return [
    `| series | n | p50 ms | p90 ms | p95 ms | p99 ms | max ms | mean ms${extraHeader ? ` | ${extraHeader}` : ''} |`,
    `|---|---|---|---|---|---|---|---${extraHeader ? '|---' : ''}|`,
    ...rows.map(
      ({ name, summary: s, extra }) =>
        `| ${name} | ${s.count} | ${fmt(s.p50)} | ${fmt(s.p90)} | ${fmt(s.p95)} | ${fmt(s.p99)} | ${fmt(s.max)} | ${fmt(s.mean)}${extraHeader ? ` | ${extra ?? ''}` : ''} |`,
    ),
  ];
}

export function cpuTable(cpu: CpuReport): string[] {
  const rows = Object.entries(cpu.processes)
    .sort(([, a], [, b]) => b.cores - a.cores)
    .map(([name, share]) => `| ${name} | ${share.cores.toFixed(2)} | ${share.percentOfMachine}% |`);
  return [
    `${cpu.seconds} s measured; machine busy ${cpu.machineBusyPercent}% of ${cpu.cores} cores (iowait ${cpu.machineIowaitPercent}%); 1-minute load ${cpu.loadAverage.atStart.toFixed(2)} at the start, ${cpu.loadAverage.atEnd.toFixed(2)} at the end.`,
    '',
    '| process | cores used | share of machine |',
    '|---|---|---|',
    ...rows,
    `| everything else on the machine (other users, kernel) | ${cpu.others.cores.toFixed(2)} | ${cpu.others.percentOfMachine}% |`,
  ];
}

export function fmt(value: number, digits = 1): string {
  if (!Number.isFinite(value)) return '–';
  return value.toFixed(digits);
}

/** A table of CPU milliseconds per operation, one column per series (e.g. api and bare). */
export function cpuPerOperationTable(columns: Record<string, Record<string, number>>, unit: string): string[] {
  const names = Object.keys(columns);
  const processes = [...new Set(names.flatMap((name) => Object.keys(columns[name] ?? {})))].filter((p) => p !== 'total');
  processes.push('total');
  return [
    `| CPU ms per ${unit} | ${names.join(' | ')} |`,
    `|---|${names.map(() => '---').join('|')}|`,
    ...processes.map((process) => `| ${process === 'total' ? '**total**' : process} | ${names.map((name) => fmt(columns[name]?.[process] ?? 0, 2)).join(' | ')} |`),
  ];
}
