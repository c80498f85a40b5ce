import { killTrackedChildrenNow } from './child.registry';

let installed = false;
const cleanups = new Set<() => void>();

/**
 * Our servers sit in their own process groups, so when a host process without its own signal
 * handling (jest) dies of Ctrl-C they would live on. This kills them first, runs the registered
 * synchronous cleanups (temp dirs), and then lets the signal do what it would have done.
 */
export function killChildrenOnExit(): void {
  if (installed) return;
  installed = true;
  process.once('exit', cleanUpNow);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const handler = (): void => {
      cleanUpNow();
      // Only act for signals nobody else handles; otherwise their handler decides.
      if (process.listenerCount(signal) === 1) {
        process.off(signal, handler);
        process.kill(process.pid, signal);
      }
    };
    process.on(signal, handler);
  }
}

/** Registers a synchronous cleanup for an abrupt exit; call the returned function once it is no longer needed. */
export function onAbruptExit(cleanup: () => void): () => void {
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}

function cleanUpNow(): void {
  killTrackedChildrenNow();
  for (const cleanup of cleanups) {
    try {
      cleanup();
    } catch {
      // Best effort: we are on our way out.
    }
  }
  cleanups.clear();
}
