import 'reflect-metadata';
import { RequestMethod, type INestApplication, type LoggerService, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { API_SERVICE_NAME, createRootLogger, PinoNestLogger, pinoLevelFor, Tracing, type LogDestination } from '@schakel/observability';
import { AppModule } from './app.module';
import { TokenVerifier } from './auth/token.verifier';
import type { ApiConfig } from './config/api.config';
import { corsOptionsFor, foreignPreflightMiddleware } from './http/cors.policy';
import { rateLimitMiddleware } from './http/rate-limit.middleware';
import { requestIdMiddleware } from './http/request-id.middleware';
import { ApiMetrics } from './metrics/api.metrics';
import { httpMetricsMiddleware } from './metrics/http-metrics.middleware';
import { responsePolicyMiddleware, securityHeadersFor } from './http/security-headers.policy';
import { requestObservabilityMiddleware } from './observability/request-observability.middleware';
import { setupOpenApi } from './openapi/openapi.setup';
import { serveWebInterface } from './web/web-static';

export interface CreateApiAppOptions {
  /**
   * Nest's logger; tests pass false or ['error'] to keep their output readable. Levels (or false: none) set
   * the level of the API's pino logger instead of LOG_LEVEL; a LoggerService replaces Nest's logger only.
   */
  logger?: LoggerService | LogLevel[] | false;
  /** Where the JSON (or text) log lines go; default process.stdout. */
  logDestination?: LogDestination;
}

/**
 * Builds the configured, initialised API without listening, so main.ts listens on PORT and end-to-end
 * tests drive `app.getHttpServer()` in-process. Close it with `app.close()` (shutdown hooks included);
 * main.ts ties the process signals to it.
 */
export async function createApiApp(config: ApiConfig, options: CreateApiAppOptions = {}): Promise<INestApplication> {
  // One pino logger for the process (issue 6 §5): Nest's lines, every `new Logger(…)` and the access log.
  const { logging } = config.observability;
  const level = options.logger === false ? 'silent' : Array.isArray(options.logger) ? pinoLevelFor(options.logger) : logging.level;
  const rootLogger = createRootLogger({ ...logging, level }, { service: API_SERVICE_NAME, ...(options.logDestination === undefined ? {} : { destination: options.logDestination }) });
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger: options.logger === undefined || options.logger === false || Array.isArray(options.logger) ? new PinoNestLogger(rootLogger) : options.logger,
    // Registered below, with our limit and after the rate limit (issue 5 §6).
    bodyParser: false,
  });
  // No framework advertisement in responses (OWASP secure headers).
  app.disable('x-powered-by');
  // The client address the rate limit counts by: behind N trusted proxies, the Nth X-Forwarded-For hop.
  app.set('trust proxy', config.http.trustProxyHops);
  // First, so refusals of the pipeline below are timed too (issue 6 §5).
  app.use(httpMetricsMiddleware(app.get(ApiMetrics)));
  applyHttpHardening(app, config, requestObservabilityMiddleware(rootLogger, app.get(Tracing)));
  // The caseworker's web interface under / (issue 8), after the hardening so its files get the same headers.
  serveWebInterface(app);
  // GET /metrics sits where Prometheus looks by default, outside the REST API (ADR 0010).
  app.setGlobalPrefix('api', { exclude: [{ path: 'metrics', method: RequestMethod.GET }] });
  setupOpenApi(app);
  await app.init();
  return app;
}

/**
 * The request pipeline before any route (issue 5 §6), in this order because each step relies on the one before:
 * security headers first, so every answer carries them, refusals included; the access log line and span next, so
 * every request is logged and traced, refusals included; the request id next, so every refusal names one; then CORS, then the rate limit, which must refuse a flood before its bodies are read; then the
 * body parsers with their size limit (413 beyond it).
 */
function applyHttpHardening(app: NestExpressApplication, config: ApiConfig, observe: ReturnType<typeof requestObservabilityMiddleware>): void {
  const { http } = config;
  app.useSecurityHeaders(securityHeadersFor(config.env));
  // The web interface's page policy may fetch from the OIDC issuer: discovery and the PKCE code exchange (issue 8).
  app.use(responsePolicyMiddleware({ webConnectSources: config.auth.mode === 'oidc' ? [new URL(config.auth.oidc.issuer).origin] : [] }));
  // The access log line and the HTTP span (issue 6 §5), opened before the request id is checked, so a refusal
  // of a bad X-Request-Id is logged too; the id joins the log context as soon as it is given.
  app.use(observe);
  app.use(requestIdMiddleware);
  app.use(foreignPreflightMiddleware(http.corsOrigins));
  if (http.corsOrigins.length > 0) app.enableCors(corsOptionsFor(http.corsOrigins));
  if (http.rateLimitPerMinute > 0) app.use(rateLimitMiddleware({ perMinute: http.rateLimitPerMinute, verifier: app.get(TokenVerifier) }));
  // Nest's defaults, with a limit: strict JSON (objects and arrays only) and urlencoded forms.
  app.useBodyParser('json', { limit: http.bodyLimitBytes, strict: true });
  app.useBodyParser('urlencoded', { limit: http.bodyLimitBytes, extended: true, parameterLimit: 100 });
}
