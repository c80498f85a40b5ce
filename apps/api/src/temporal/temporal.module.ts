import { Module } from '@nestjs/common';
import { TemporalGateway } from './temporal.gateway';

@Module({
  providers: [TemporalGateway],
  exports: [TemporalGateway],
})
export class TemporalModule {}
