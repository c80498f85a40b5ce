import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fakeExecutable, scratchDir } from './fake-executable.test-helper';
import { isAlive } from './process-group.stopper';
import { commandLineOf, reapStaleProcess, writePidFile } from './stale-process.reaper';

describe('reapStaleProcess', () => {
  let scratch: ReturnType<typeof scratchDir>;
  beforeEach(() => (scratch = scratchDir('reaper')));
  afterEach(() => scratch.cleanup());

  /** A `sleep` whose parent has exited, like a server left behind by a SIGKILLed launcher. */
  const orphan = async (marker: string): Promise<number> => {
    const script = fakeExecutable(join(scratch.dir, marker), 'exec sleep 30');
    const pid = Number(execFileSync('sh', ['-c', `setsid "${script}" >/dev/null 2>&1 & echo $!`], { encoding: 'utf8' }).trim());
    // Until setsid and the script have exec'd, the command line is theirs, not sleep's.
    while (!commandLineOf(pid)?.startsWith('sleep')) await new Promise((resolve) => setTimeout(resolve, 10));
    return pid;
  };

  it('stops an orphan whose command line matches and removes the pid file', async () => {
    const pid = await orphan('leftover-server');
    const pidFile = join(scratch.dir, 'server.pid');
    writePidFile(pidFile, pid);
    await expect(reapStaleProcess(pidFile, ['sleep'])).resolves.toBe(true);
    expect(isAlive(pid)).toBe(false);
    expect(existsSync(pidFile)).toBe(false);
  });

  it('leaves a process alone when its command line does not match (the pid was reused)', async () => {
    const pid = await orphan('stranger');
    const pidFile = join(scratch.dir, 'server.pid');
    writePidFile(pidFile, pid);
    try {
      await expect(reapStaleProcess(pidFile, ['temporal', 'start-dev'])).resolves.toBe(false);
      expect(isAlive(pid)).toBe(true);
      expect(existsSync(pidFile)).toBe(false);
    } finally {
      process.kill(pid, 'SIGKILL');
    }
  });

  it('refuses to stop a process that a live node process still owns (another run)', async () => {
    const child = spawn('sleep', ['30'], { stdio: 'ignore' });
    const pidFile = join(scratch.dir, 'server.pid');
    writePidFile(pidFile, child.pid ?? 0);
    try {
      await expect(reapStaleProcess(pidFile, ['sleep'])).rejects.toThrow(/in use by a running process/);
      expect(isAlive(child.pid ?? 0)).toBe(true);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('ignores a pid file whose process is gone', async () => {
    const pidFile = join(scratch.dir, 'server.pid');
    writePidFile(pidFile, 2 ** 22 + 11);
    await expect(reapStaleProcess(pidFile, ['sleep'])).resolves.toBe(false);
  });
});
