import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg, release } from 'node:os';
import { cpuCount } from './cpu.sampler';

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  kernel: string;
  node: string;
  temporalCli: string;
  postgres: string;
  loadAverage: [number, number, number];
}

/** The machine a run's figures belong to (issue 7 §2): read from /proc, not assumed. */
export function machineInfo(temporalCliPath: string, postgresVersion: string): MachineInfo {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? 'unknown';
  const memKb = Number(/^MemTotal:\s+(\d+) kB/m.exec(readFileSync('/proc/meminfo', 'utf8'))?.[1] ?? 0);
  let temporalCli = 'unknown';
  try {
    temporalCli = execFileSync(temporalCliPath, ['--version'], { encoding: 'utf8', timeout: 10_000 }).trim();
  } catch {
    // An old CLI without --version: the path still says which one.
  }
  const [one = 0, five = 0, fifteen = 0] = loadavg();
  return {
    cpuModel: model,
    cores: cpuCount(),
    memoryGiB: Math.round((memKb / 1024 / 1024) * 10) / 10,
    kernel: release(),
    node: process.version,
    temporalCli,
    postgres: postgresVersion,
    loadAverage: [one, five, fifteen].map((value) => Math.round(value * 100) / 100) as [number, number, number],
  };
}
