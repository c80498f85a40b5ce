// The tools that start Schakel's infrastructure; shared by `npm start` (start.main.ts), the jest
// global setup (test-environment.*), CI (temporal-cli.main.ts) and `npm run bench` (bench/).
export { findRepoRoot } from './repo-root';
export { freePort, isPortFree, type FreePortOptions } from './free-port';
export type { TemporalCli, TemporalCliSource, TemporalCliAcquirer, TemporalCliAcquireContext } from './temporal-cli.types';
export {
  locateTemporalCli,
  findExistingTemporalCli,
  temporalCliCachePaths,
  TemporalCliUnavailableError,
  type LocateTemporalCliOptions,
  type TemporalCliCachePaths,
  type TemporalCliFailure,
} from './temporal-cli.locator';
export { buildTemporalCliWithGo, findGo, TEMPORAL_CLI_MODULE, TEMPORAL_CLI_VERSION, type GoBuildOptions } from './temporal-cli.go-builder';
export { downloadTemporalCliWithSdk } from './temporal-cli.sdk-downloader';
export {
  startTemporalDevServer,
  temporalDevServerArgs,
  WAL_PRAGMAS,
  type TemporalDevServer,
  type TemporalDevServerOptions,
} from './temporal-dev-server.process';
export { probeTemporal, waitForTemporal, type WaitForTemporalOptions } from './temporal.probe';
export {
  startEmbeddedPostgres,
  postgresBinaries,
  postgresUrl,
  type EmbeddedPostgres,
  type EmbeddedPostgresOptions,
} from './embedded-postgres.process';
export { startNodeApp, type NodeApp, type NodeAppOptions } from './node-app.process';
export { waitForHttpOk, httpStatus } from './http-health.probe';
export { stopProcessGroup, isAlive } from './process-group.stopper';
export { describeExit, type ExitInfo } from './process-exit';
export { killTrackedChildrenNow } from './child.registry';
export { superviseChild, type SupervisedChild } from './supervised-child';
export { startTestEnvironment, stopTestEnvironment, type TestEnvironment } from './test-environment';
export * from './temporal-search-attributes';
