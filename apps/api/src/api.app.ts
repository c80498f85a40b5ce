import 'reflect-metadata';
import type { INestApplication, LoggerService, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { TokenVerifier } from './auth/token.verifier';
import type { ApiConfig } from './config/api.config';
import { corsOptionsFor, foreignPreflightMiddleware } from './http/cors.policy';
import { rateLimitMiddleware } from './http/rate-limit.middleware';
import { requestIdMiddleware } from './http/request-id.middleware';
import { responsePolicyMiddleware, securityHeadersFor } from './http/security-headers.policy';
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
    // Registered below, with our limit and after the rate limit (issue 5 §6).
    bodyParser: false,
  });
  // No framework advertisement in responses (OWASP secure headers).
  app.disable('x-powered-by');
  // The client address the rate limit counts by: behind N trusted proxies, the Nth X-Forwarded-For hop.
  app.set('trust proxy', config.http.trustProxyHops);
  applyHttpHardening(app, config);
  app.setGlobalPrefix('api');
  app.enableShutdownHooks();
  setupOpenApi(app);
  await app.init();
  return app;
}

/**
 * The request pipeline before any route (issue 5 §6), in this order because each step relies on the one before:
 * security headers first, so every answer carries them, refusals included; the request id next, so every refusal
 * names one; then CORS, then the rate limit, which must refuse a flood before its bodies are read; then the
 * body parsers with their size limit (413 beyond it).
 */
function applyHttpHardening(app: NestExpressApplication, config: ApiConfig): void {
  const { http } = config;
  app.useSecurityHeaders(securityHeadersFor(config.env));
  app.use(responsePolicyMiddleware());
  app.use(requestIdMiddleware);
  app.use(foreignPreflightMiddleware(http.corsOrigins));
  if (http.corsOrigins.length > 0) app.enableCors(corsOptionsFor(http.corsOrigins));
  if (http.rateLimitPerMinute > 0) app.use(rateLimitMiddleware({ perMinute: http.rateLimitPerMinute, verifier: app.get(TokenVerifier) }));
  // Nest's defaults, with a limit: strict JSON (objects and arrays only) and urlencoded forms.
  app.useBodyParser('json', { limit: http.bodyLimitBytes, strict: true });
  app.useBodyParser('urlencoded', { limit: http.bodyLimitBytes, extended: true, parameterLimit: 100 });
}
