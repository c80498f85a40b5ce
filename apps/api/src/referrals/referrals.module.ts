import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CaseEventEntity, ReferralEntity } from '@schakel/persistence';
import { OudersModule } from '../ouders/ouders.module';
import { TemporalModule } from '../temporal/temporal.module';
import { ReferralDeadlinesController } from './referral-deadlines.controller';
import { ReferralsController } from './referrals.controller';
import { ReferralsRepository } from './referrals.repository';
import { ReferralsService } from './referrals.service';
import { ToewijzingPlacementReader } from './toewijzing-placement.reader';
import { ConsentContextReader } from './consent-context.reader';

@Module({
  imports: [TypeOrmModule.forFeature([ReferralEntity, CaseEventEntity]), TemporalModule, OudersModule],
  controllers: [ReferralsController, ReferralDeadlinesController],
  providers: [ReferralsService, ReferralsRepository, ToewijzingPlacementReader, ConsentContextReader],
})
export class ReferralsModule {}
