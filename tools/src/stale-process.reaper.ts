import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { isAlive, signalGroup, signalProcess } from './process-group.stopper';

/**
 * Our servers run in their own process groups so Ctrl-C reaches them in order, which also means a
 * launcher killed with SIGKILL leaves them running. The pid files let the next start stop those
 * orphans instead of, say, opening the same SQLite file from a second Temporal server.
 */
export function writePidFile(pidFile: string, pid: number): void {
  mkdirSync(dirname(pidFile), { recursive: true });
  writeFileSync(pidFile, `${pid}\n`);
}

export function removePidFile(pidFile: string): void {
  rmSync(pidFile, { force: true });
}

export function readPid(pidFile: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(pidFile, 'utf8').split('\n')[0] ?? '', 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** The command line of a running process, or undefined if it is gone or cannot be read. */
export function commandLineOf(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    try {
      return execFileSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8' }).trim() || undefined;
    } catch {
      return undefined;
    }
  }
}

function parentOf(pid: number): { pid: number; commandLine: string } | undefined {
  let parentPid: number | undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    parentPid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    try {
      parentPid = Number(execFileSync('ps', ['-o', 'ppid=', '-p', String(pid)], { encoding: 'utf8' }).trim());
    } catch {
      return undefined;
    }
  }
  if (!Number.isInteger(parentPid) || parentPid === undefined || parentPid <= 1) return undefined;
  const commandLine = commandLineOf(parentPid);
  return commandLine === undefined ? undefined : { pid: parentPid, commandLine };
}

/**
 * Stops the process named in pidFile if it still runs and its command line contains every
 * fragment (pids get reused; we must not kill a stranger) and no live node process is its parent
 * (then it is not an orphan but another run's, and we refuse). Returns true if it stopped one.
 */
export async function reapStaleProcess(
  pidFile: string,
  mustContain: readonly string[],
  options: { signal?: NodeJS.Signals; graceMs?: number; log?: (line: string) => void } = {},
): Promise<boolean> {
  const pid = readPid(pidFile);
  if (pid === undefined) return false;
  const commandLine = isAlive(pid) ? commandLineOf(pid) : undefined;
  if (commandLine === undefined || !mustContain.every((fragment) => commandLine.includes(fragment))) {
    removePidFile(pidFile);
    return false;
  }
  const parent = parentOf(pid);
  if (parent !== undefined && parent.commandLine.includes('node')) {
    // Not an orphan: a launcher or test run that is still alive owns it.
    throw new Error(`${commandLine.slice(0, 120)} (pid ${pid}) is in use by a running process (pid ${parent.pid}: ${parent.commandLine.slice(0, 120)}). Stop that first.`);
  }
  options.log?.(`Stopping a leftover process from an earlier run (pid ${pid}: ${commandLine.slice(0, 120)})`);
  signalProcess(pid, options.signal ?? 'SIGTERM');
  const deadline = Date.now() + (options.graceMs ?? 10_000);
  while (isAlive(pid) && Date.now() < deadline) await sleep(100);
  signalGroup(pid, 'SIGKILL');
  signalProcess(pid, 'SIGKILL');
  const killDeadline = Date.now() + 5_000;
  while (isAlive(pid) && Date.now() < killDeadline) await sleep(50);
  removePidFile(pidFile);
  return true;
}
