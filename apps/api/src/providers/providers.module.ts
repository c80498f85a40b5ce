import { Module } from '@nestjs/common';
import { TemporalModule } from '../temporal/temporal.module';
import { ProvidersController } from './providers.controller';
import { ProvidersService } from './providers.service';

/**
 * The provider catalogue (issue 11 §1): aanbieders and their aanbod, kept in Postgres only, never in a workflow. A
 * capacity change is passed on to the aanbod's running wachtlijst (through the one TemporalGateway).
 */
@Module({
  imports: [TemporalModule],
  controllers: [ProvidersController],
  providers: [ProvidersService],
})
export class ProvidersModule {}
