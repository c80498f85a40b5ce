import { Module } from '@nestjs/common';
import { TemporalModule } from '../temporal/temporal.module';
import { HealthController } from './health.controller';
import { HealthService } from './health.service';

@Module({
  imports: [TemporalModule],
  controllers: [HealthController],
  providers: [HealthService],
})
export class HealthModule {}
