import { Module } from '@nestjs/common';
import { TemporalModule } from '../temporal/temporal.module';
import { ChildPlanController } from './child-plan.controller';
import { ChildPlanDeadlinesController } from './child-plan-deadlines.controller';
import { ChildPlanService } from './child-plan.service';
import { ChildTransitionsController } from './child-transitions.controller';

/** The child's plan and its overstappen (issue 4): read and changed only through the plan's workflow. */
@Module({
  imports: [TemporalModule],
  controllers: [ChildPlanController, ChildTransitionsController, ChildPlanDeadlinesController],
  providers: [ChildPlanService],
})
export class ChildrenModule {}
