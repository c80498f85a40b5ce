import { chmodSync, copyFileSync, mkdirSync, readdirSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isExecutableFile } from './executable-file';
import type { TemporalCliAcquireContext } from './temporal-cli.types';

/**
 * @temporalio/testing 1.24 has no "download only" call: its Rust core downloads the CLI into
 * `downloadDir` as `temporal-sdk-typescript-<sdk version>` the first time a local environment is
 * created, then starts it. So we create one, tear it down, and keep the file it left. Even when
 * the server then fails its 5 s start-up check, the download itself is usable.
 */
export async function downloadTemporalCliWithSdk(context: TemporalCliAcquireContext): Promise<string> {
  const downloadDir = join(context.repoRoot, '.tools', 'sdk-download');
  mkdirSync(downloadDir, { recursive: true });
  context.log('Downloading the Temporal CLI through @temporalio/testing (needs internet access to temporal.download)…');

  let failure: unknown;
  try {
    // Loaded lazily: it pulls in the native core bridge, which the common paths never need.
    const { TestWorkflowEnvironment } = await import('@temporalio/testing');
    const environment = await TestWorkflowEnvironment.createLocal({
      server: { executable: { type: 'cached-download', downloadDir }, ip: '127.0.0.1' },
    });
    await environment.teardown();
  } catch (error) {
    failure = error;
  }

  const downloaded = readdirSync(downloadDir)
    .filter((name) => name.startsWith('temporal-') && !name.endsWith('.downloading'))
    .map((name) => join(downloadDir, name))
    .find(isExecutableFile);
  if (!downloaded) {
    const reason = failure instanceof Error ? failure.message : failure === undefined ? 'no executable was left behind' : String(failure);
    throw new Error(`the SDK download failed: ${reason}`);
  }

  mkdirSync(dirname(context.target), { recursive: true });
  const partial = `${context.target}.partial-${process.pid}`;
  copyFileSync(downloaded, partial);
  chmodSync(partial, 0o755);
  renameSync(partial, context.target);
  context.log(`Downloaded the Temporal CLI to ${context.target}.`);
  return context.target;
}
