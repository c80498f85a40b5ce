import type { ChildProcess } from 'node:child_process';
import { trackChild } from './child.registry';
import { OutputTail, forEachLine } from './output-lines';
import { exitOf, type ExitInfo } from './process-exit';

/** A spawned server or build as the launcher watches it: its exit, and the last lines it printed for error messages. */
export interface SupervisedChild {
  exited: Promise<ExitInfo>;
  tail: OutputTail;
  /** How it exited, once it has; undefined while it runs (lets a readiness wait stop early). */
  exit(): ExitInfo | undefined;
}

export function superviseChild(child: ChildProcess, options: { tailLines?: number; onLine?: (line: string) => void } = {}): SupervisedChild {
  trackChild(child);
  const exited = exitOf(child);
  const tail = new OutputTail(options.tailLines);
  const onLine = (line: string): void => {
    tail.push(line);
    options.onLine?.(line);
  };
  forEachLine(child.stdout, onLine);
  forEachLine(child.stderr, onLine);
  let exit: ExitInfo | undefined;
  void exited.then((info) => (exit = info));
  return { exited, tail, exit: () => exit };
}
