// Nest 12, jose and a few of their dependencies ship ESM only; Jest runs CommonJS, so those
// packages are transformed by SWC like our own TypeScript (DESIGN.md, "Known stack facts").
const ESM_ONLY = ['@nestjs', 'jose', 'file-type', 'strtok3', 'token-types', 'uint8array-extras', '@tokenizer', 'load-esm', 'peek-readable'];

const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

const shared = {
  transform: { '^.+\\.(t|j|mj)s$': swc },
  transformIgnorePatterns: [`node_modules/(?!(${ESM_ONLY.join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  moduleNameMapper: {
    '^@schakel/(domain|workflows|persistence|payload-crypto|observability)$': '<rootDir>/libs/$1/src/index.ts',
    '^@schakel/domain/testing$': '<rootDir>/libs/domain/src/testing.ts',
    '^@schakel/persistence/testing$': '<rootDir>/libs/persistence/src/testing.ts',
    '^@schakel/workflows/contracts$': '<rootDir>/libs/workflows/src/contracts.ts',
    '^@schakel/workflows/interceptors$': '<rootDir>/libs/workflows/src/interceptors/index.ts',
  },
  testEnvironment: 'node',
  setupFiles: ['<rootDir>/tools/src/temporal-runtime.test-setup.ts'],
};

module.exports = {
  rootDir: __dirname,
  // A guard against a hung test, not a speed check: jest's default of 5 s fails a test that spawns a process or
  // drives a workflow when the 2 cores are busy (CI saw a Nest process take longer to refuse its configuration).
  // A global option: jest ignores it inside `projects` (CI then still failed a voorschool e2e at 5 s).
  testTimeout: 30_000,
  // One Temporal dev server and one Postgres for the whole run (tools/src/test-environment.ts);
  // each spec isolates itself with its own task queue and database.
  globalSetup: '<rootDir>/tools/src/test-environment.global-setup.ts',
  globalTeardown: '<rootDir>/tools/src/test-environment.global-teardown.ts',
  projects: [
    {
      ...shared,
      displayName: 'spec',
      testMatch: ['<rootDir>/libs/*/src/**/*.spec.ts', '<rootDir>/apps/*/src/**/*.spec.ts', '<rootDir>/tools/src/**/*.spec.ts'],
    },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/apps/*/test/**/*.e2e.ts'],
    },
    // Not part of `npm test`: `npm run record-histories` records workflow histories for the replay specs.
    ...(process.argv.includes('record') ? [{ ...shared, displayName: 'record', testMatch: ['<rootDir>/libs/workflows/test/**/*.history-record.ts'] }] : []),
  ],
};
