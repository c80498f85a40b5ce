// Test support, imported by specs as `@schakel/persistence/testing` (mapped by jest; not part of the build).
export * from './test-database.test-helper';
export * from './referral-summary.fixture';
