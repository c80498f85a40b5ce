import { spawn } from 'node:child_process';
import { trackChild } from './child.registry';
import { forEachLine, prefixed } from './output-lines';
import { type ExitInfo, exitOf } from './process-exit';
import { killGroupNow, stopProcessGroup } from './process-group.stopper';
import { removePidFile, writePidFile } from './stale-process.reaper';

export interface NodeAppOptions {
  /** Shown as the `[name]` prefix on every output line. */
  name: string;
  script: string;
  /** Arguments after the script. */
  args?: readonly string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Time between SIGTERM and SIGKILL when stopping. */
  graceMs?: number;
  pidFile?: string;
}

export interface NodeApp {
  name: string;
  pid: number;
  exited: Promise<ExitInfo>;
  stop(): Promise<ExitInfo>;
  kill(): void;
}

/**
 * Runs `node <script>` in its own process group, its output prefixed with `[name]`. Own group
 * because a terminal's Ctrl-C would otherwise hit every child at once, and the launcher has to
 * stop the api before the worker before the databases.
 */
export function startNodeApp(options: NodeAppOptions): NodeApp {
  const child = spawn(process.execPath, [options.script, ...(options.args ?? [])], {
    cwd: options.cwd,
    env: options.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  trackChild(child);
  const exited = exitOf(child);
  forEachLine(child.stdout, prefixed(`[${options.name}]`, (text) => process.stdout.write(text)));
  forEachLine(child.stderr, prefixed(`[${options.name}]`, (text) => process.stderr.write(text)));
  if (options.pidFile && child.pid !== undefined) {
    const pidFile = options.pidFile;
    writePidFile(pidFile, child.pid);
    void exited.then(() => removePidFile(pidFile));
  }
  return {
    name: options.name,
    pid: child.pid ?? -1,
    exited,
    stop: () => stopProcessGroup(child, exited, { signal: 'SIGTERM', graceMs: options.graceMs ?? 15_000 }),
    kill: () => killGroupNow(child),
  };
}
