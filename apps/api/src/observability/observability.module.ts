import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { API_SERVICE_NAME, Tracing } from '@schakel/observability';
import { ApiConfig } from '../config/api.config';
import { RequestObservabilityInterceptor } from './request-observability.interceptor';

/**
 * The API's tracing (issue 6 §5), injected by its class (the Temporal gateway's client interceptors, the
 * request middleware); off without OTEL_EXPORTER_OTLP_ENDPOINT. Nest shuts it down with the app, sending the
 * last spans.
 */
@Global()
@Module({
  providers: [
    { provide: Tracing, useFactory: (config: ApiConfig) => Tracing.start(config.observability.tracing, API_SERVICE_NAME), inject: [ApiConfig] },
    { provide: APP_INTERCEPTOR, useClass: RequestObservabilityInterceptor },
  ],
  exports: [Tracing],
})
export class ObservabilityModule {}
