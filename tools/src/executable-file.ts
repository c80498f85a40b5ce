import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export const EXE_SUFFIX = process.platform === 'win32' ? '.exe' : '';

export function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Like `command -v`, but against the PATH we were given rather than our own. */
export function findOnPath(name: string, pathVariable: string | undefined): string | undefined {
  for (const dir of (pathVariable ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, name + EXE_SUFFIX);
    if (isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}
