import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CaseEventEntity, ReferralEntity } from '@schakel/persistence';
import { TemporalModule } from '../temporal/temporal.module';
import { ReferralDeadlinesController } from './referral-deadlines.controller';
import { ReferralsController } from './referrals.controller';
import { ReferralsRepository } from './referrals.repository';
import { ReferralsService } from './referrals.service';

@Module({
  imports: [TypeOrmModule.forFeature([ReferralEntity, CaseEventEntity]), TemporalModule],
  controllers: [ReferralsController, ReferralDeadlinesController],
  providers: [ReferralsService, ReferralsRepository],
})
export class ReferralsModule {}
