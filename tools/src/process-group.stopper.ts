import { readFileSync } from 'node:fs';
import type { ChildProcess } from 'node:child_process';
import { type ExitInfo, within } from './process-exit';

export interface StopOptions {
  /** The polite signal; postgres wants SIGINT (fast shutdown), most others SIGTERM. */
  signal?: NodeJS.Signals;
  /** How long the process gets to exit before the whole group is killed. */
  graceMs: number;
}

/**
 * Stops a child that was spawned with `detached: true` (its own process group). The polite signal
 * goes to the leader only, so it can shut its helpers down in order; SIGKILL goes to the group,
 * both on timeout and after a clean exit, so no grandchild outlives it.
 */
export async function stopProcessGroup(child: ChildProcess, exited: Promise<ExitInfo>, options: StopOptions): Promise<ExitInfo> {
  const pid = child.pid;
  if (pid === undefined) return exited;
  if (child.exitCode === null && child.signalCode === null) {
    signalProcess(pid, options.signal ?? 'SIGTERM');
  }
  let exit = await within(exited, options.graceMs);
  if (exit === undefined) {
    signalGroup(pid, 'SIGKILL');
    signalProcess(pid, 'SIGKILL');
    exit = await exited;
  }
  signalGroup(pid, 'SIGKILL');
  return exit;
}

/** Last resort for a synchronous 'exit' handler: no waiting is possible there. */
export function killGroupNow(child: ChildProcess): void {
  if (child.pid !== undefined) {
    signalGroup(child.pid, 'SIGKILL');
    signalProcess(child.pid, 'SIGKILL');
  }
}

export function signalProcess(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(pid, signal);
    return true;
  } catch {
    // ESRCH: already gone, which is what we wanted.
    return false;
  }
}

export function signalGroup(pid: number, signal: NodeJS.Signals): boolean {
  return signalProcess(-pid, signal);
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM means it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  // In containers whose init does not reap, a dead orphan stays a zombie and still answers kill 0.
  return !isZombie(pid);
}

function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return false;
  }
}
