import { loadavg } from 'node:os';
import { readdirSync, readFileSync } from 'node:fs';

/** Linux counts CPU time in clock ticks of 1/100 s (USER_HZ; `getconf CLK_TCK`). */
const TICKS_PER_SECOND = 100;

interface MachineTicks {
  busy: number;
  iowait: number;
  total: number;
}

export interface CpuShare {
  /** CPU time used in the interval, in seconds (user + system). */
  cpuSeconds: number;
  /** Share of one core used (1.0 = one core fully busy), averaged over the interval. */
  cores: number;
  /** Share of the whole machine (all cores), in percent. */
  percentOfMachine: number;
}

export interface CpuReport {
  seconds: number;
  cores: number;
  /** The machine's busy share (all processes, ours and other people's), in percent of all cores. */
  machineBusyPercent: number;
  machineIowaitPercent: number;
  /** Each of our processes with its children (postgres and its backends count together). */
  processes: Record<string, CpuShare>;
  /** What the machine did besides our processes: other users' test suites, the kernel. */
  others: CpuShare;
  loadAverage: { atStart: number; atEnd: number };
}

/**
 * Who used the CPU while a scenario ran, from /proc: per process tree (the dev server; postgres with its
 * backends; the worker; the API; this load generator) and for the machine as a whole. That is how the
 * report can say what bounded a figure (a saturated dev server, our own worker, or other users of the
 * machine) instead of guessing.
 */
export class CpuSampler {
  private startTicks = new Map<string, number>();
  private startMachine: MachineTicks = readMachineTicks();
  private startedAt = Date.now();
  private startLoad = loadavg()[0] ?? 0;

  constructor(private readonly roots: () => Record<string, number>) {}

  start(): void {
    this.startTicks = this.treeTicks();
    this.startMachine = readMachineTicks();
    this.startedAt = Date.now();
    this.startLoad = loadavg()[0] ?? 0;
  }

  stop(): CpuReport {
    const seconds = (Date.now() - this.startedAt) / 1000;
    const machine = readMachineTicks();
    const cores = cpuCount();
    const endTicks = this.treeTicks();
    const processes: Record<string, CpuShare> = {};
    let ours = 0;
    for (const [name, ticks] of endTicks) {
      const used = Math.max(0, ticks - (this.startTicks.get(name) ?? ticks));
      ours += used;
      processes[name] = share(used, seconds, cores);
    }
    const totalTicks = machine.total - this.startMachine.total;
    const busyTicks = machine.busy - this.startMachine.busy;
    return {
      seconds: Math.round(seconds * 10) / 10,
      cores,
      machineBusyPercent: totalTicks > 0 ? Math.round((busyTicks / totalTicks) * 1000) / 10 : 0,
      machineIowaitPercent: totalTicks > 0 ? Math.round(((machine.iowait - this.startMachine.iowait) / totalTicks) * 1000) / 10 : 0,
      processes,
      others: share(Math.max(0, busyTicks - ours), seconds, cores),
      loadAverage: { atStart: this.startLoad, atEnd: loadavg()[0] ?? 0 },
    };
  }

  private treeTicks(): Map<string, number> {
    const wanted = this.roots();
    const stats = new Map<number, ProcStat>();
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const stat = readStat(Number(entry));
      if (stat !== undefined) stats.set(Number(entry), stat);
    }
    // By process tree, not process group: every Postgres backend makes itself a group leader (setsid), so a
    // group would miss them; a tree holds the postmaster and all its backends, the dev server and its helpers.
    const rootOf = (pid: number, roots: ReadonlySet<number>): number | undefined => {
      for (let current: number | undefined = pid, hops = 0; current !== undefined && current > 1 && hops < 64; hops += 1) {
        if (roots.has(current)) return current;
        current = stats.get(current)?.ppid;
      }
      return undefined;
    };
    const roots = new Set(Object.values(wanted));
    const byRoot = new Map<number, number>();
    for (const [pid, stat] of stats) {
      const root = rootOf(pid, roots);
      if (root !== undefined) byRoot.set(root, (byRoot.get(root) ?? 0) + stat.utime + stat.stime);
    }
    const result = new Map<string, number>([['bench (load generator)', ticksOf(stats.get(process.pid))]]);
    for (const [name, pid] of Object.entries(wanted)) result.set(name, byRoot.get(pid) ?? 0);
    return result;
  }
}

interface ProcStat {
  ppid: number;
  utime: number;
  stime: number;
}

function readStat(pid: number): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses: fields start after the last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(fields[1]), utime: Number(fields[11]), stime: Number(fields[12]) };
  } catch {
    return undefined;
  }
}

function ticksOf(stat: ProcStat | undefined): number {
  return stat === undefined ? 0 : stat.utime + stat.stime;
}

function readMachineTicks(): MachineTicks {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = line.trim().split(/\s+/).slice(1).map(Number);
  const busy = user + nice + system + irq + softirq + steal;
  return { busy, iowait, total: busy + idle + iowait };
}

function share(ticks: number, seconds: number, cores: number): CpuShare {
  const coreSeconds = ticks / TICKS_PER_SECOND;
  const coresUsed = seconds > 0 ? coreSeconds / seconds : 0;
  return { cpuSeconds: coreSeconds, cores: Math.round(coresUsed * 100) / 100, percentOfMachine: Math.round((coresUsed / cores) * 1000) / 10 };
}

export function cpuCount(): number {
  const text = readFileSync('/proc/cpuinfo', 'utf8');
  return text.split('\n').filter((line) => line.startsWith('processor')).length || 1;
}

/** Resident set size of one process in bytes (VmRSS), undefined once it is gone. */
export function rssOf(pid: number): number | undefined {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match?.[1] === undefined ? undefined : Number(match[1]) * 1024;
  } catch {
    return undefined;
  }
}

/**
 * CPU milliseconds per operation for each process: the figure that does not depend on how busy the rest of
 * the machine was, and from which the capacity of a dedicated machine can be derived.
 */
export class CpuPerOperation {
  private readonly seconds = new Map<string, number>();
  private operations = 0;

  add(report: CpuReport, operations: number): void {
    for (const [name, share] of Object.entries(report.processes)) this.seconds.set(name, (this.seconds.get(name) ?? 0) + share.cpuSeconds);
    this.operations += operations;
  }

  /** Milliseconds of CPU per operation, by process, plus their total. */
  result(): Record<string, number> {
    const perOperation: Record<string, number> = {};
    let total = 0;
    for (const [name, seconds] of this.seconds) {
      const ms = this.operations === 0 ? 0 : (seconds * 1000) / this.operations;
      perOperation[name] = Math.round(ms * 100) / 100;
      total += ms;
    }
    perOperation['total'] = Math.round(total * 100) / 100;
    return perOperation;
  }
}
