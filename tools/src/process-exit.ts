import type { ChildProcess } from 'node:child_process';

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the process could not be started at all (e.g. ENOENT). */
  error?: Error;
}

/**
 * Call right after spawn: 'exit' fires once, and callers that ask later (a stop, a crash
 * watcher) must all see it.
 */
export function exitOf(child: ChildProcess): Promise<ExitInfo> {
  return new Promise((resolvePromise) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolvePromise({ code: child.exitCode, signal: child.signalCode });
      return;
    }
    child.once('exit', (code, signal) => resolvePromise({ code, signal }));
    // A failed spawn emits 'error' without 'exit'; without this the promise would hang forever.
    child.once('error', (error) => {
      if (child.pid === undefined) resolvePromise({ code: null, signal: null, error });
    });
  });
}

export function describeExit(exit: ExitInfo): string {
  if (exit.error) return `could not start: ${exit.error.message}`;
  if (exit.signal) return `killed by ${exit.signal}`;
  return `exit code ${exit.code ?? 'unknown'}`;
}

/** Settles with undefined when the timeout passes first, so callers can escalate. */
export function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => resolvePromise(undefined), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolvePromise(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
