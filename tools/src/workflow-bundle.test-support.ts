import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { ENCRYPTED_FAILURE_CONVERTER_PATH } from '@schakel/payload-crypto';

const REPO = resolve(__dirname, '..', '..');

/**
 * Bundles libs/workflows from its TypeScript source (not dist), so tests always run the code as it
 * is in the tree. The domain is aliased to source too: the workflow imports it as a package.
 * `aliases` replace further modules (webpack `resolve.alias`), e.g. the replay spec's '@temporalio/workflow'
 * whose patched() always answers true, to show what a change without its guard would do (docs/upgrades.md).
 */
export async function bundleWorkflowsFromSource(options: { aliases?: Record<string, string> } = {}): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({
    workflowsPath: join(REPO, 'libs/workflows/src/index.ts'),
    // As production bundles it (apps/worker/src/bundle-workflows.main.ts): failure messages encoded for the codec.
    failureConverterPath: ENCRYPTED_FAILURE_CONVERTER_PATH,
    // As production bundles them: the request-id and tracing interceptors (issue 6 §5), so the replay spec runs them too.
    workflowInterceptorModules: [join(REPO, 'libs/workflows/src/interceptors/index.ts')],
    webpackConfigHook: (config) => {
      config.resolve = { ...config.resolve, alias: { ...(config.resolve?.alias as object), '@schakel/domain$': join(REPO, 'libs/domain/src/index.ts'), ...options.aliases } };
      return config;
    },
    logger: { trace: () => {}, debug: () => {}, info: () => {}, warn: (m) => console.warn(m), error: (m) => console.error(m), log: () => {} },
  });
}

/**
 * One bundle per test run: the global setup writes it to a file named by SCHAKEL_TEST_WORKFLOW_BUNDLE,
 * and every test file loads it instead of spending seconds bundling again.
 */
export async function writeWorkflowBundle(dir: string): Promise<string> {
  const bundle = await bundleWorkflowsFromSource();
  await mkdir(dir, { recursive: true });
  const path = join(dir, 'workflow-bundle.js');
  await writeFile(path, bundle.code);
  return path;
}

export async function loadTestWorkflowBundle(): Promise<{ code: string }> {
  const path = process.env['SCHAKEL_TEST_WORKFLOW_BUNDLE'];
  if (path !== undefined && existsSync(path)) return { code: readFileSync(path, 'utf8') };
  return bundleWorkflowsFromSource();
}
