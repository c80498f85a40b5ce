import 'reflect-metadata';
import type { INestApplication, LoggerService, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import type { ApiConfig } from './config/api.config';
import { requestIdMiddleware } from './http/request-id.middleware';
import { setupOpenApi } from './openapi/openapi.setup';

export interface CreateApiAppOptions {
  /** Nest's logger; tests pass false or ['error'] to keep their output readable. */
  logger?: LoggerService | LogLevel[] | false;
}

/**
 * Builds the configured, initialised API without listening, so main.ts listens on PORT and end-to-end
 * tests drive `app.getHttpServer()` in-process. Close it with `app.close()` (shutdown hooks included).
 */
export async function createApiApp(config: ApiConfig, options: CreateApiAppOptions = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger: options.logger ?? ['log', 'warn', 'error'],
  });
  // No framework advertisement in responses (OWASP secure headers).
  app.disable('x-powered-by');
  app.use(requestIdMiddleware);
  app.setGlobalPrefix('api');
  app.enableShutdownHooks();
  setupOpenApi(app);
  await app.init();
  return app;
}
