import { applyDecorators, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import {
  CHILD_REFERENCE,
  DEADLINE_ID,
  extendDeadlineRequestSchema,
  pauseDeadlineRequestSchema,
  resumeDeadlineRequestSchema,
  type Actor,
  type ChildPlanStep,
  type ExtendDeadlineRequest,
  type PauseDeadlineRequest,
  type ResumeDeadlineRequest,
} from '@schakel/domain';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Permits } from '../auth/permits.decorator';
import { IdempotencyKey } from '../http/idempotency-key.decorator';
import { RequestId } from '../http/request-id.decorator';
import { contextOf, type RequestContext } from '../http/request-context';
import { ApiDeadlineIdParam, refused, StepControllerDocs } from '../http/step-docs.decorators';
import { ValidBody, ValidParam } from '../http/schema-validation.pipe';
import { ChildPlanService } from './child-plan.service';
import { CHILD_REF_PARAM, ChildPlanStepResponses } from './child-plan-step.decorators';
import type { ChildPlanResponseDto } from './dto/child-plan.response';

/** A step on one term of an overstap: the path names it by the id the plan lists. */
function DeadlineStepResponses(summary: string): MethodDecorator {
  return applyDecorators(
    ChildPlanStepResponses(summary, {
      notFound: 'No plan for this child or no such deadline in it, or the caller is not involved (NOT_FOUND)',
      conflict: 'The deadline no longer runs, or it is (not) paused already (STAGE_CONFLICT)',
    }),
    ApiDeadlineIdParam('The deadline as the plan lists it, `<rule>-<n>`', 'zorgplicht-1'),
  );
}

/**
 * Opschorten, hervatten and verlengen of an overstap's terms, with the same bodies as a referral's
 * (issue 3 §3). The plan workflow's validator decides who may: the loket and the regisseur, and the
 * receiving school for its own zorgplicht term only (DOMAIN.md §1.1).
 */
@ApiTags('children')
@StepControllerDocs()
@Controller('children')
export class ChildPlanDeadlinesController {
  constructor(private readonly plans: ChildPlanService) {}

  @Post(':ref/deadlines/:deadlineId/pause')
  @DeadlineStepResponses('Pause (opschorten) a running term of an overstap with a reason (the loket, the regisseur, or the receiving school for its zorgplicht term)')
  @HttpCode(HttpStatus.OK)
  @Permits('plan.deadline')
  pause(
    @CurrentActor() actor: Actor,
    @ValidParam(CHILD_REF_PARAM, CHILD_REFERENCE) childRef: string,
    @ValidParam('deadlineId', DEADLINE_ID) deadlineId: string,
    @ValidBody(pauseDeadlineRequestSchema) body: PauseDeadlineRequest,
    @RequestId() requestId: string,
    @IdempotencyKey() idempotencyKey: string | undefined,
  ): Promise<ChildPlanResponseDto> {
    return this.deadlineStep('pauseDeadline', actor, childRef, deadlineId, body, contextOf(requestId, idempotencyKey));
  }

  @Post(':ref/deadlines/:deadlineId/resume')
  @DeadlineStepResponses('Resume a paused term; its due date moves by exactly the time it was paused')
  @HttpCode(HttpStatus.OK)
  @Permits('plan.deadline')
  resume(
    @CurrentActor() actor: Actor,
    @ValidParam(CHILD_REF_PARAM, CHILD_REFERENCE) childRef: string,
    @ValidParam('deadlineId', DEADLINE_ID) deadlineId: string,
    @ValidBody(resumeDeadlineRequestSchema) body: ResumeDeadlineRequest,
    @RequestId() requestId: string,
    @IdempotencyKey() idempotencyKey: string | undefined,
  ): Promise<ChildPlanResponseDto> {
    return this.deadlineStep('resumeDeadline', actor, childRef, deadlineId, body, contextOf(requestId, idempotencyKey));
  }

  @Post(':ref/deadlines/:deadlineId/extend')
  @DeadlineStepResponses('Extend (verlengen) a term as far and as often as its rule allows, e.g. the zorgplicht once by 4 weeks')
  @ApiUnprocessableEntityResponse({ description: 'The rule does not allow this extension (DEADLINE_RULE)', ...refused })
  @HttpCode(HttpStatus.OK)
  @Permits('plan.deadline')
  extend(
    @CurrentActor() actor: Actor,
    @ValidParam(CHILD_REF_PARAM, CHILD_REFERENCE) childRef: string,
    @ValidParam('deadlineId', DEADLINE_ID) deadlineId: string,
    @ValidBody(extendDeadlineRequestSchema) body: ExtendDeadlineRequest,
    @RequestId() requestId: string,
    @IdempotencyKey() idempotencyKey: string | undefined,
  ): Promise<ChildPlanResponseDto> {
    return this.deadlineStep('extendDeadline', actor, childRef, deadlineId, body, contextOf(requestId, idempotencyKey));
  }

  private deadlineStep(step: ChildPlanStep, actor: Actor, childRef: string, deadlineId: string, body: object, context: RequestContext): Promise<ChildPlanResponseDto> {
    return this.plans.step(step, actor, childRef, { deadlineId }, body, context);
  }
}
