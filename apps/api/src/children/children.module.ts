import { Module } from '@nestjs/common';
import { OudersModule } from '../ouders/ouders.module';
import { TemporalModule } from '../temporal/temporal.module';
import { ChildBirthDateReader } from './child-birth-date.reader';
import { ChildPlanController } from './child-plan.controller';
import { ChildPlanDeadlinesController } from './child-plan-deadlines.controller';
import { ChildPlanService } from './child-plan.service';
import { ChildTransitionsController } from './child-transitions.controller';
import { ChildVoorschoolController } from './child-voorschool.controller';
import { PersonalDetailsController } from './personal-details.controller';
import { PersonalDetailsService } from './personal-details.service';

/** The child's plan and its overstappen (issue 4), read and changed only through the plan's workflow; and who the child is (issue 5 §3), kept in Postgres only. */
@Module({
  imports: [TemporalModule, OudersModule],
  controllers: [ChildPlanController, ChildTransitionsController, ChildVoorschoolController, ChildPlanDeadlinesController, PersonalDetailsController],
  providers: [ChildPlanService, PersonalDetailsService, ChildBirthDateReader],
})
export class ChildrenModule {}
