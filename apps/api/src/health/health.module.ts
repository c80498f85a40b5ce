import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { ApiConfig } from '../config/api.config';
import { TemporalModule } from '../temporal/temporal.module';
import { HealthController } from './health.controller';
import { HealthProbes } from './health.probes';
import { HealthService } from './health.service';
import { HttpDrain } from './http-drain.service';

@Module({
  imports: [
    TemporalModule,
    // On SIGTERM terminus answers readiness with 503 `shutting_down` and holds the shutdown for the delay, while
    // requests are still served, before Nest closes the listener (ADR 0010).
    TerminusModule.forRootAsync({
      useFactory: (config: ApiConfig) => ({ gracefulShutdownTimeoutMs: config.ops.shutdownDelaySeconds * 1_000 }),
      inject: [ApiConfig],
    }),
  ],
  controllers: [HealthController],
  providers: [HealthService, HealthProbes, HttpDrain],
})
export class HealthModule {}
