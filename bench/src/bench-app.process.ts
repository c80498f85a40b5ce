import { spawn } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { describeExit, stopProcessGroup, superviseChild, type ExitInfo, type SupervisedChild } from '@schakel/tools';

export interface BenchApp {
  name: string;
  pid: number;
  exited: Promise<ExitInfo>;
  /** The last lines it printed, for an error message. */
  tail(): string;
  stop(): Promise<ExitInfo>;
}

/**
 * `node <script>` in its own process group, as `npm start` runs the api and the worker (tools/src/node-app.process.ts),
 * but with its output in a log file instead of on the terminal: a log line per request would bury the progress bar,
 * and writing them to a file still costs the app what production's logging costs it. Registered with the tools'
 * child registry, so an exit or a second Ctrl-C kills it with everything else.
 */
export function startBenchApp(options: { name: string; script: string; env: NodeJS.ProcessEnv; cwd: string; logFile: string; graceMs?: number; nodeArgs?: readonly string[] }): BenchApp {
  const log: WriteStream = createWriteStream(options.logFile, { flags: 'a' });
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), options.script], { cwd: options.cwd, env: options.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const supervised: SupervisedChild = superviseChild(child, { tailLines: 40, onLine: (line) => log.write(`${line}\n`) });
  void supervised.exited.then(() => log.end());
  return {
    name: options.name,
    pid: child.pid ?? -1,
    exited: supervised.exited,
    tail: () => supervised.tail.text(),
    stop: () => stopProcessGroup(child, supervised.exited, { signal: 'SIGTERM', graceMs: options.graceMs ?? 20_000 }),
  };
}

/** Runs a script to completion (migrations, the workflow bundle); throws with its output if it fails. */
export async function runBenchScript(options: { name: string; script: string; args?: string[]; env: NodeJS.ProcessEnv; cwd: string; logFile: string }): Promise<void> {
  const log = createWriteStream(options.logFile, { flags: 'a' });
  const child = spawn(process.execPath, [options.script, ...(options.args ?? [])], { cwd: options.cwd, env: options.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const supervised = superviseChild(child, { tailLines: 40, onLine: (line) => log.write(`${line}\n`) });
  const exit = await supervised.exited;
  log.end();
  if (exit.code !== 0) throw new Error(`${options.name} failed (${describeExit(exit)}):\n${supervised.tail.text()}`);
}
