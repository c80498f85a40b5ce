import { Controller, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CHILD_REFERENCE, regisseurHandoverRequestSchema, type Actor, type RegisseurHandoverRequest } from '@schakel/domain';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Permits, ReadsCase } from '../auth/permits.decorator';
import { IdempotencyKey } from '../http/idempotency-key.decorator';
import { RequestId } from '../http/request-id.decorator';
import { contextOf } from '../http/request-context';
import { refused, StepControllerDocs } from '../http/step-docs.decorators';
import { ValidBody, ValidParam } from '../http/schema-validation.pipe';
import { ChildPlanService } from './child-plan.service';
import { ApiChildRef, CHILD_REF_PARAM, ChildPlanStepResponses } from './child-plan-step.decorators';
import { childPlanResponseSchema, type ChildPlanResponseDto } from './dto/child-plan.response';

/** Één kind, één plan, één regisseur (issue 4): the child's whole path, and its regisseur. */
@ApiTags('children')
@StepControllerDocs()
@Controller('children')
export class ChildPlanController {
  constructor(private readonly plans: ChildPlanService) {}

  @Get(':ref/plan')
  // Every role may ask: who is not involved gets 404, never 403, so a plan outside one's scope does not
  // reveal that the child exists (issue 4 §3).
  @ReadsCase('plan.view')
  @ApiOperation({
    summary: 'The child’s plan: the whole path as one view',
    description:
      'Schools and sectors, referrals with their arrangements and evaluations, the regisseur and its history, overstappen with ' +
      'their steps and terms, the open deadlines and the timeline, each in time order. Only for people involved in the plan: ' +
      'the current school, the sending school of an open overstap, a receiving school once the aanmelding is on record, the school ' +
      'of an open referral, the loket of the region, the current regisseur, and leerplicht for a thuiszitter or an overstap at risk.',
  })
  @ApiChildRef()
  @ApiOkResponse({ standardSchema: childPlanResponseSchema })
  @ApiBadRequestResponse({ description: 'The child reference is malformed, or looks like a BSN (VALIDATION_FAILED)', ...refused })
  @ApiNotFoundResponse({ description: 'No plan for this child, or the caller is not involved in it (NOT_FOUND)', ...refused })
  plan(@CurrentActor() actor: Actor, @RequestId() requestId: string, @ValidParam(CHILD_REF_PARAM, CHILD_REFERENCE) childRef: string): Promise<ChildPlanResponseDto> {
    return this.plans.plan(actor, childRef, requestId);
  }

  @Post(':ref/regisseur/handover')
  @ChildPlanStepResponses('Hand the plan over to another regisseur, with a reason; every open referral of the child follows (the regisseur or the loket)', {
    conflict: 'The child has no regisseur yet (STAGE_CONFLICT)',
  })
  @HttpCode(HttpStatus.OK)
  @Permits('plan.handover')
  handover(
    @CurrentActor() actor: Actor,
    @ValidParam(CHILD_REF_PARAM, CHILD_REFERENCE) childRef: string,
    @ValidBody(regisseurHandoverRequestSchema) body: RegisseurHandoverRequest,
    @RequestId() requestId: string,
    @IdempotencyKey() idempotencyKey: string | undefined,
  ): Promise<ChildPlanResponseDto> {
    return this.plans.step('handoverRegisseur', actor, childRef, {}, body, contextOf(requestId, idempotencyKey));
  }
}
