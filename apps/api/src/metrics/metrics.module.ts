import { Global, Module } from '@nestjs/common';
import { ApiMetrics } from './api.metrics';
import { MetricsController } from './metrics.controller';
import { MetricsTokenGuard } from './metrics-token.guard';

/** Global: the HTTP middleware (api.app.ts) and the Temporal gateway record into the same ApiMetrics. */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [{ provide: ApiMetrics, useFactory: () => new ApiMetrics() }, MetricsTokenGuard],
  exports: [ApiMetrics],
})
export class MetricsModule {}
