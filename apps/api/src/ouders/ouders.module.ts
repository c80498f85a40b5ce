import { Module } from '@nestjs/common';
import { TemporalModule } from '../temporal/temporal.module';
import { ChildAgeReader } from './child-age.reader';
import { ChildPathReader } from './child-path.reader';
import { InzageController } from './inzage.controller';
import { InzageRequestsController } from './inzage-requests.controller';
import { InzageRequestsService } from './inzage-requests.service';
import { InzageService } from './inzage.service';
import { OuderOverzichtController } from './ouder-overzicht.controller';
import { OuderOverzichtService } from './ouder-overzicht.service';

/**
 * The parents' part (issue 11 §6, ADR 0016): their child's path in plain Dutch and inzage. Exports the child's
 * age, which the plan's and the referrals' reads apply to ouders and jongeren too.
 */
@Module({
  imports: [TemporalModule],
  controllers: [OuderOverzichtController, InzageController, InzageRequestsController],
  providers: [ChildAgeReader, ChildPathReader, OuderOverzichtService, InzageService, InzageRequestsService],
  exports: [ChildAgeReader],
})
export class OudersModule {}
