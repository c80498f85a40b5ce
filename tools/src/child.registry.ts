import type { ChildProcess } from 'node:child_process';
import { killGroupNow } from './process-group.stopper';

const tracked = new Set<ChildProcess>();

/**
 * Every server we spawn in its own process group is listed here from the moment it exists, not
 * just once it is ready, so an exit in the middle of a start still leaves nothing running.
 */
export function trackChild(child: ChildProcess): void {
  if (child.pid === undefined) return;
  tracked.add(child);
  child.once('exit', () => tracked.delete(child));
}

/** Synchronous, for process 'exit' handlers and a second Ctrl-C: no grace, no waiting. */
export function killTrackedChildrenNow(): void {
  for (const child of tracked) killGroupNow(child);
  tracked.clear();
}
