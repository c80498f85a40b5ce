import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { createRootLogger } from '@schakel/observability';
import { ENCRYPTED_FAILURE_CONVERTER_PATH } from '@schakel/payload-crypto';
import { TemporalRuntimeLogger } from './temporal/temporal-runtime.logger';

// Writes the referral workflows as one prebuilt bundle, which production workers load through
// WORKFLOW_BUNDLE_PATH instead of bundling at every start (CONVENTIONS.md 6). Any failure exits 1:
// a half-written or stale bundle must never be deployed.

async function main(): Promise<void> {
  const target = process.argv[2];
  if (target === undefined || target.trim() === '') {
    throw new Error('usage: node apps/worker/dist/bundle-workflows.main.js <output-file.js>');
  }
  const path = resolve(target);
  const { code } = await bundleWorkflowCode({
    workflowsPath: require.resolve('@schakel/workflows'),
    // The sandbox's failures must be encoded like the activities' (issue 5 §3).
    failureConverterPath: ENCRYPTED_FAILURE_CONVERTER_PATH,
    // The request id and trace context through every workflow (issue 6 §5); a bundle is their only way in.
    workflowInterceptorModules: [require.resolve('@schakel/workflows/interceptors')],
    // Structured lines; webpack's statistics only at LOG_LEVEL=debug (TemporalRuntimeLogger).
    logger: new TemporalRuntimeLogger(createRootLogger({ level: 'info', format: 'text' }, { service: 'schakel-bundle-workflows' })),
  });
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, code);
  console.log(`[bundle-workflows] wrote ${path} (${Math.round(code.length / 1024)} KiB)`);
}

main().catch((error: unknown) => {
  console.error(`[bundle-workflows] failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
