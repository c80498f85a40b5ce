import { closeSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { onAbruptExit } from './exit-cleanup';
import { isAlive } from './process-group.stopper';

export interface FileLock {
  release(): void;
}

export interface FileLockOptions {
  /** Told who holds the lock, once, when we first have to wait. */
  onWait?: (holder: string) => void;
  pollMs?: number;
  timeoutMs?: number;
}

interface Holder {
  pid: number;
  host: string;
  since: string;
}

/**
 * An exclusive lock held by a file created with O_EXCL. A holder that died (same host, pid gone)
 * leaves a stale file behind; it is taken over rather than waited on forever.
 */
export async function acquireFileLock(path: string, options: FileLockOptions = {}): Promise<FileLock> {
  const pollMs = options.pollMs ?? 2_000;
  const deadline = Date.now() + (options.timeoutMs ?? 30 * 60_000);
  mkdirSync(dirname(path), { recursive: true });
  let told = false;
  for (;;) {
    const lock = tryCreate(path);
    if (lock) return lock;
    const holder = readHolder(path);
    if (isStale(path, holder)) {
      removeQuietly(path);
      continue;
    }
    if (!told) {
      told = true;
      options.onWait?.(holder ? `process ${holder.pid} on ${holder.host} since ${holder.since}` : 'another process');
    }
    if (Date.now() > deadline) throw new Error(`Timed out waiting for the lock ${path} (held by ${holder ? `pid ${holder.pid}` : 'unknown'}).`);
    await sleep(pollMs);
  }
}

function tryCreate(path: string): FileLock | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return undefined;
    throw error;
  }
  const holder: Holder = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  writeSync(fd, JSON.stringify(holder));
  closeSync(fd);
  // Exits and handled signals remove the file; a SIGKILL leaves a stale one that isStale() recognises.
  const onExit = (): void => removeQuietly(path);
  process.once('exit', onExit);
  const forgetAbruptExit = onAbruptExit(onExit);
  let released = false;
  return {
    release: () => {
      if (released) return;
      released = true;
      process.off('exit', onExit);
      forgetAbruptExit();
      removeQuietly(path);
    },
  };
}

function readHolder(path: string): Holder | undefined {
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (typeof parsed === 'object' && parsed !== null && 'pid' in parsed && 'host' in parsed && 'since' in parsed) {
      const { pid, host, since } = parsed;
      if (typeof pid === 'number' && typeof host === 'string' && typeof since === 'string') return { pid, host, since };
    }
  } catch {
    // Missing (just released) or half-written: decided below.
  }
  return undefined;
}

function isStale(path: string, holder: Holder | undefined): boolean {
  if (holder) return holder.host === hostname() && !isAlive(holder.pid);
  try {
    // A file nobody finished writing within a minute belongs to a process that died mid-write.
    return Date.now() - statSync(path).mtimeMs > 60_000;
  } catch {
    return true;
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone.
  }
}
