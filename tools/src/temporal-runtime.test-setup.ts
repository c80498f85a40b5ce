import { DefaultLogger, Runtime } from '@temporalio/worker';

// The SDK logs every worker state change at INFO; in tests only errors help a reader (expected activity retries are asserted by the specs themselves).
// Jest gives each test file a fresh module registry, so a second install in the same process is expected.
try {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
} catch {
  // already installed for this process
}
