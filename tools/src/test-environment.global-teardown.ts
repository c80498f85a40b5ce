import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { stopTestEnvironment } from './test-environment';

/** jest `globalTeardown`: stops what the global setup started and removes its temp dirs. */
export default async function globalTeardown(): Promise<void> {
  await stopTestEnvironment();
  const bundle = process.env['SCHAKEL_TEST_WORKFLOW_BUNDLE'];
  if (bundle !== undefined) rmSync(dirname(bundle), { recursive: true, force: true });
}
