import { Module } from '@nestjs/common';
import { TemporalModule } from '../temporal/temporal.module';
import { RetentionScheduler } from './retention.scheduler';

/** Bewaartermijnen (issue 5 §5): the API puts the sweep's Schedule in Temporal; the worker runs it. */
@Module({
  imports: [TemporalModule],
  providers: [RetentionScheduler],
})
export class RetentionModule {}
