import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestEnvironment } from './test-environment';
import { writeWorkflowBundle } from './workflow-bundle.test-support';

/** jest `globalSetup`: loaded from source through SWC, hence the relative imports. */
export default async function globalSetup(): Promise<void> {
  // Bundling takes seconds; done once here, every test file's workers load the same file.
  const [, bundlePath] = await Promise.all([startTestEnvironment(), writeWorkflowBundle(mkdtempSync(join(tmpdir(), 'schakel-bundle-')))]);
  process.env['SCHAKEL_TEST_WORKFLOW_BUNDLE'] = bundlePath;
}
