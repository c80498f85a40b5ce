import { Logger } from '@nestjs/common';
import { createApiApp } from './api.app';
import { InvalidConfigError, loadApiConfig } from './config/api.config';

async function main(): Promise<void> {
  const config = loadApiConfig();
  const app = await createApiApp(config);
  // SIGTERM drains (ADR 0010): readiness 503 for API_SHUTDOWN_DELAY, then the listener closes and requests in
  // flight finish; useProcessExit exits 0 after a clean stop instead of re-raising the signal (exit 143).
  app.enableShutdownHooks(['SIGINT', 'SIGTERM'], { useProcessExit: true });
  await app.listen(config.http.port);
  const url = (await app.getUrl()).replace('[::1]', 'localhost').replace('127.0.0.1', 'localhost');
  const logger = new Logger('Schakel API');
  logger.log(`Listening on ${url}/api (OpenAPI: ${url}/api/docs)`);
  if (config.auth.usesDevelopmentSecret) logger.warn('Tokens are signed with the public development secret (SCHAKEL_ENV is not production)');
}

main().catch((error: unknown) => {
  // A configuration problem is the operator's to fix: say what, without a stack trace.
  console.error(error instanceof InvalidConfigError ? error.message : error);
  process.exit(1);
});
