import { Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import {
  CHILD_REFERENCE,
  scheduleVoorschoolTransitionRequestSchema,
  TRANSITION_ID,
  voorschoolConsentRequestSchema,
  voorschoolOverdrachtRequestSchema,
  type Actor,
  type ScheduleVoorschoolTransitionRequest,
  type VoorschoolConsentRequest,
  type VoorschoolOverdrachtRequest,
} from '@schakel/domain';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Permits } from '../auth/permits.decorator';
import { IdempotencyKey } from '../http/idempotency-key.decorator';
import { RequestId } from '../http/request-id.decorator';
import { contextOf } from '../http/request-context';
import { refused, StepControllerDocs } from '../http/step-docs.decorators';
import { ValidBody, ValidParam } from '../http/schema-validation.pipe';
import { ChildPlanService } from './child-plan.service';
import { CHILD_REF_PARAM, ChildPlanStepResponses, TransitionStepResponses } from './child-plan-step.decorators';
import type { ChildPlanResponseDto } from './dto/child-plan.response';

/**
 * The voorschool → PO overstap (issue 11 §5): the loket schedules it (starting the child's plan when no
 * referral has), the basisschool records the aanmelding (from the third birthday) and decides under its
 * zorgplicht through the common overstap endpoints, and the voorschool — a provider organisation — records
 * the parents' written consent and sends its overdracht. Without consent only the VE programme and its
 * duration pass. The warme overdracht and confirmation are the common steps.
 */
@ApiTags('children')
@StepControllerDocs()
@Controller('children')
export class ChildVoorschoolController {
  constructor(private readonly plans: ChildPlanService) {}

  @Post(':ref/transitions/voorschool')
  @ChildPlanStepResponses(
    'Schedule the overstap from a voorschool to the basisschool (the loket, which starts the child’s plan if none exists, or the child’s regisseur); the overdracht term is due at the age the region sets',
    { status: HttpStatus.CREATED, conflict: 'The child already attends a school, another overstap is open, or no date of birth is recorded in the personal details (STAGE_CONFLICT)' },
  )
  @ApiUnprocessableEntityResponse({ description: 'The start date lies beyond the calendar data the terms are counted with (CALENDAR_OUT_OF_RANGE)', ...refused })
  @HttpCode(HttpStatus.CREATED)
  @Permits('plan.schedule')
  schedule(
    @CurrentActor() actor: Actor,
    @ValidParam(CHILD_REF_PARAM, CHILD_REFERENCE) childRef: string,
    @ValidBody(scheduleVoorschoolTransitionRequestSchema) body: ScheduleVoorschoolTransitionRequest,
    @RequestId() requestId: string,
    @IdempotencyKey() idempotencyKey: string | undefined,
  ): Promise<ChildPlanResponseDto> {
    return this.plans.step('scheduleVoorschoolTransition', actor, childRef, {}, body, contextOf(requestId, idempotencyKey));
  }

  @Post(':ref/transitions/:transitionId/voorschool-consent')
  @TransitionStepResponses('Record the parents’ written consent to sending the overdracht to the school (the voorschool, or the loket from a paper form)', 'Not a voorschool overstap, or the overdracht is already sent (STAGE_CONFLICT)')
  @HttpCode(HttpStatus.OK)
  @Permits('plan.voorschoolConsent')
  consent(
    @CurrentActor() actor: Actor,
    @ValidParam(CHILD_REF_PARAM, CHILD_REFERENCE) childRef: string,
    @ValidParam('transitionId', TRANSITION_ID) transitionId: string,
    @ValidBody(voorschoolConsentRequestSchema) body: VoorschoolConsentRequest,
    @RequestId() requestId: string,
    @IdempotencyKey() idempotencyKey: string | undefined,
  ): Promise<ChildPlanResponseDto> {
    return this.plans.step('recordVoorschoolConsent', actor, childRef, { transitionId }, body, contextOf(requestId, idempotencyKey));
  }

  @Post(':ref/transitions/:transitionId/voorschool-overdracht')
  @TransitionStepResponses(
    'Record the overdracht the voorschool sent to the basisschool after the aanmelding: the VE programme and its duration always, the form and kindvolgsysteem data only with the parents’ consent (the voorschool)',
    'Before the aanmelding, already sent, or documents without the parents’ written consent (STAGE_CONFLICT)',
  )
  @HttpCode(HttpStatus.OK)
  @Permits('plan.voorschoolOverdracht')
  overdracht(
    @CurrentActor() actor: Actor,
    @ValidParam(CHILD_REF_PARAM, CHILD_REFERENCE) childRef: string,
    @ValidParam('transitionId', TRANSITION_ID) transitionId: string,
    @ValidBody(voorschoolOverdrachtRequestSchema) body: VoorschoolOverdrachtRequest,
    @RequestId() requestId: string,
    @IdempotencyKey() idempotencyKey: string | undefined,
  ): Promise<ChildPlanResponseDto> {
    return this.plans.step('recordVoorschoolOverdracht', actor, childRef, { transitionId }, body, contextOf(requestId, idempotencyKey));
  }
}
