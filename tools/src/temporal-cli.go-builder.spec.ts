import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fakeExecutable, fakeRepo, scratchDir } from './fake-executable.test-helper';
import { buildTemporalCliWithGo, findGo, isGoRecentEnough, parseGoVersion } from './temporal-cli.go-builder';

describe('temporal-cli.go-builder', () => {
  let scratch: ReturnType<typeof scratchDir>;
  let repoRoot: string;
  let lines: string[];
  const goScript = (version: string, install: string): string =>
    [`if [ "$1" = env ]; then echo ${version}; exit 0; fi`, install].join('\n');

  beforeEach(() => {
    scratch = scratchDir('go-builder');
    repoRoot = fakeRepo(scratch.dir);
    lines = [];
  });
  afterEach(() => scratch.cleanup());

  const context = (goDir: string) => ({
    repoRoot,
    target: join(repoRoot, '.tools', 'bin', 'temporal'),
    env: { PATH: `${goDir}:/usr/bin:/bin` },
    log: (line: string) => void lines.push(line),
  });

  it('reads go versions and knows v1.5.1 needs Go 1.25', () => {
    expect(parseGoVersion('go1.26.8\n')).toEqual([1, 26, 8]);
    expect(parseGoVersion('go1.25')).toEqual([1, 25, 0]);
    expect(parseGoVersion('devel +abc')).toBeUndefined();
    expect(isGoRecentEnough([1, 25, 0])).toBe(true);
    expect(isGoRecentEnough([1, 24, 9])).toBe(false);
    expect(isGoRecentEnough([2, 0, 0])).toBe(true);
  });

  it('finds go on PATH first', () => {
    const go = fakeExecutable(join(scratch.dir, 'go-bin', 'go'));
    expect(findGo({ PATH: join(scratch.dir, 'go-bin') })).toBe(go);
    expect(findGo({ PATH: '' }, [])).toBeUndefined();
  });

  it('skips a go that is too old for one that is recent enough', async () => {
    const oldDir = join(scratch.dir, 'old-go');
    fakeExecutable(join(oldDir, 'go'), goScript('go1.22.5', 'exit 1'));
    const newGo = fakeExecutable(join(scratch.dir, 'new-go', 'go'), goScript('go1.25.0', 'printf "#!/bin/sh\\n" > "$GOBIN/temporal"; /bin/chmod +x "$GOBIN/temporal"'));
    await expect(buildTemporalCliWithGo(context(oldDir), { fallbackGo: [newGo] })).resolves.toBe(join(repoRoot, '.tools', 'bin', 'temporal'));
    expect(lines[0]).toContain(newGo);
  });

  it('says Go is missing when there is none', async () => {
    await expect(buildTemporalCliWithGo({ ...context(join(scratch.dir, 'none')), env: { PATH: '' } }, { fallbackGo: [] })).rejects.toThrow(/Go was not found/);
  });

  it('installs into a staging GOBIN and moves the result to the target, saying the first build is slow', async () => {
    const goDir = join(scratch.dir, 'go-bin');
    fakeExecutable(join(goDir, 'go'), goScript('go1.26.1', 'echo "go: downloading something" >&2\nprintf "#!/bin/sh\\necho built\\n" > "$GOBIN/temporal"\nchmod +x "$GOBIN/temporal"'));
    const built = await buildTemporalCliWithGo(context(goDir), { fallbackGo: [] });
    expect(built).toBe(join(repoRoot, '.tools', 'bin', 'temporal'));
    expect(existsSync(built)).toBe(true);
    expect(readdirSync(join(repoRoot, '.tools'))).toEqual(['bin']);
    expect(lines.join('\n')).toMatch(/several minutes/);
    expect(lines).toContain('  [go] go: downloading something');
  });

  it('refuses a Go older than 1.25 with a reason that says so', async () => {
    const goDir = join(scratch.dir, 'go-bin');
    fakeExecutable(join(goDir, 'go'), goScript('go1.22.5', 'exit 0'));
    await expect(buildTemporalCliWithGo(context(goDir), { fallbackGo: [] })).rejects.toThrow(/go1\.22\.5.*needs Go ≥ 1\.25/);
  });

  it("reports go's own error output when the build fails, leaving no partial binary", async () => {
    const goDir = join(scratch.dir, 'go-bin');
    fakeExecutable(join(goDir, 'go'), goScript('go1.26.1', 'echo "dial tcp: lookup proxy.golang.org: no such host" >&2\nexit 1'));
    await expect(buildTemporalCliWithGo(context(goDir), { fallbackGo: [] })).rejects.toThrow(/exit code 1[\s\S]*no such host/);
    expect(existsSync(join(repoRoot, '.tools', 'bin', 'temporal'))).toBe(false);
  });
});
