import { Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { z } from 'zod';
import {
  aanmeldingRequestSchema,
  admissionDecisionRequestSchema,
  arrangementContinuationRequestSchema,
  cancelTransitionRequestSchema,
  CHILD_REFERENCE,
  confirmTransitionRequestSchema,
  overdrachtRequestSchema,
  scheduleTransitionRequestSchema,
  tlvApplicationRequestSchema,
  tlvDecisionRequestSchema,
  TRANSITION_ID,
  warmeOverdrachtRequestSchema,
  type AanmeldingRequest,
  type Actor,
  type AdmissionDecisionRequest,
  type ArrangementContinuationRequest,
  type OverdrachtRequest,
  type ScheduleTransitionRequest,
  type TlvApplicationRequest,
  type TlvDecisionRequest,
  type WarmeOverdrachtRequest,
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

type ConfirmTransitionRequest = z.output<typeof confirmTransitionRequestSchema>;
type CancelTransitionRequest = z.output<typeof cancelTransitionRequestSchema>;

/**
 * The overstap between schools as its own durable handoff (issue 4 §2): scheduled, then aanmelding,
 * overdracht, TLV where the destination needs one, the receiving board's decision, warme overdracht,
 * what happens to each arrangement, and confirmation before the start date. The roles here are a first
 * filter; the plan workflow's Update validator decides who in the plan may take each step (the sending
 * or the receiving school, the loket of the region, the child's regisseur) and in which state.
 */
@ApiTags('children')
@StepControllerDocs()
@Controller('children')
export class ChildTransitionsController {
  constructor(private readonly plans: ChildPlanService) {}

  @Post(':ref/transitions')
  @ChildPlanStepResponses('Schedule an overstap: from the current school and sector to another, on a start date (the sending school, the loket or the regisseur)', {
    status: HttpStatus.CREATED,
    conflict: 'Another overstap of the child is still open (STAGE_CONFLICT)',
  })
  @ApiUnprocessableEntityResponse({ description: 'The start date lies beyond the calendar data the terms are counted with (CALENDAR_OUT_OF_RANGE)', ...refused })
  @HttpCode(HttpStatus.CREATED)
  @Permits('plan.schedule')
  schedule(
    @CurrentActor() actor: Actor,
    @ValidParam(CHILD_REF_PARAM, CHILD_REFERENCE) childRef: string,
    @ValidBody(scheduleTransitionRequestSchema) body: ScheduleTransitionRequest,
    @RequestId() requestId: string,
    @IdempotencyKey() idempotencyKey: string | undefined,
  ): Promise<ChildPlanResponseDto> {
    return this.plans.step('scheduleTransition', actor, childRef, {}, body, contextOf(requestId, idempotencyKey));
  }

  @Post(':ref/transitions/:transitionId/aanmelding')
  @TransitionStepResponses('Record the written aanmelding at the receiving school; its zorgplicht term starts (the receiving school or the loket)')
  @HttpCode(HttpStatus.OK)
  @Permits('plan.aanmelding')
  aanmelding(
    @CurrentActor() actor: Actor,
    @ValidParam(CHILD_REF_PARAM, CHILD_REFERENCE) childRef: string,
    @ValidParam('transitionId', TRANSITION_ID) transitionId: string,
    @ValidBody(aanmeldingRequestSchema) body: AanmeldingRequest,
    @RequestId() requestId: string,
    @IdempotencyKey() idempotencyKey: string | undefined,
  ): Promise<ChildPlanResponseDto> {
    return this.plans.step('recordAanmelding', actor, childRef, { transitionId }, body, contextOf(requestId, idempotencyKey));
  }

  @Post(':ref/transitions/:transitionId/overdracht')
  @TransitionStepResponses('Record the overdracht: references and metadata of the onderwijskundig rapport and other documents, with the parents’ zienswijze (the sending school)')
  @HttpCode(HttpStatus.OK)
  @Permits('plan.overdracht')
  overdracht(
    @CurrentActor() actor: Actor,
    @ValidParam(CHILD_REF_PARAM, CHILD_REFERENCE) childRef: string,
    @ValidParam('transitionId', TRANSITION_ID) transitionId: string,
    @ValidBody(overdrachtRequestSchema) body: OverdrachtRequest,
    @RequestId() requestId: string,
    @IdempotencyKey() idempotencyKey: string | undefined,
  ): Promise<ChildPlanResponseDto> {
    return this.plans.step('recordOverdracht', actor, childRef, { transitionId }, body, contextOf(requestId, idempotencyKey));
  }

  @Post(':ref/transitions/:transitionId/tlv-application')
  @TransitionStepResponses('Record the application for a TLV at the samenwerkingsverband; its decision term starts (the sending school or the loket)')
  @HttpCode(HttpStatus.OK)
  @Permits('plan.tlvApplication')
  tlvApplication(
    @CurrentActor() actor: Actor,
    @ValidParam(CHILD_REF_PARAM, CHILD_REFERENCE) childRef: string,
    @ValidParam('transitionId', TRANSITION_ID) transitionId: string,
    @ValidBody(tlvApplicationRequestSchema) body: TlvApplicationRequest,
    @RequestId() requestId: string,
    @IdempotencyKey() idempotencyKey: string | undefined,
  ): Promise<ChildPlanResponseDto> {
    return this.plans.step('applyForTlv', actor, childRef, { transitionId }, body, contextOf(requestId, idempotencyKey));
  }

  @Post(':ref/transitions/:transitionId/tlv-decision')
  @TransitionStepResponses('Record the samenwerkingsverband’s TLV decision: afgegeven with its validity period (a re-assessment term starts), or geweigerd (the loket)')
  @HttpCode(HttpStatus.OK)
  @Permits('plan.tlvDecision')
  tlvDecision(
    @CurrentActor() actor: Actor,
    @ValidParam(CHILD_REF_PARAM, CHILD_REFERENCE) childRef: string,
    @ValidParam('transitionId', TRANSITION_ID) transitionId: string,
    @ValidBody(tlvDecisionRequestSchema) body: TlvDecisionRequest,
    @RequestId() requestId: string,
    @IdempotencyKey() idempotencyKey: string | undefined,
  ): Promise<ChildPlanResponseDto> {
    return this.plans.step('recordTlvDecision', actor, childRef, { transitionId }, body, contextOf(requestId, idempotencyKey));
  }

  @Post(':ref/transitions/:transitionId/admission')
  @TransitionStepResponses(
    'Record the receiving board’s decision: toegelaten, or afgewezen naming the school that admits instead (the receiving school)',
    'No aanmelding yet, already decided, or admission to SBO/SO/VSO/PRO without a granted TLV (STAGE_CONFLICT)',
  )
  @HttpCode(HttpStatus.OK)
  @Permits('plan.admission')
  admission(
    @CurrentActor() actor: Actor,
    @ValidParam(CHILD_REF_PARAM, CHILD_REFERENCE) childRef: string,
    @ValidParam('transitionId', TRANSITION_ID) transitionId: string,
    @ValidBody(admissionDecisionRequestSchema) body: AdmissionDecisionRequest,
    @RequestId() requestId: string,
    @IdempotencyKey() idempotencyKey: string | undefined,
  ): Promise<ChildPlanResponseDto> {
    return this.plans.step('decideAdmission', actor, childRef, { transitionId }, body, contextOf(requestId, idempotencyKey));
  }

  @Post(':ref/transitions/:transitionId/warme-overdracht')
  @TransitionStepResponses('Record the warme overdracht: when, who took part, what was agreed (the sending or receiving school, or the regisseur)')
  @HttpCode(HttpStatus.OK)
  @Permits('plan.warmeOverdracht')
  warmeOverdracht(
    @CurrentActor() actor: Actor,
    @ValidParam(CHILD_REF_PARAM, CHILD_REFERENCE) childRef: string,
    @ValidParam('transitionId', TRANSITION_ID) transitionId: string,
    @ValidBody(warmeOverdrachtRequestSchema) body: WarmeOverdrachtRequest,
    @RequestId() requestId: string,
    @IdempotencyKey() idempotencyKey: string | undefined,
  ): Promise<ChildPlanResponseDto> {
    return this.plans.step('recordWarmeOverdracht', actor, childRef, { transitionId }, body, contextOf(requestId, idempotencyKey));
  }

  @Post(':ref/transitions/:transitionId/arrangements')
  @TransitionStepResponses('Decide what happens to each running arrangement at the new school: voortgezet, herbeoordeeld or beëindigd (the regisseur or the loket)')
  @HttpCode(HttpStatus.OK)
  @Permits('plan.arrangements')
  arrangements(
    @CurrentActor() actor: Actor,
    @ValidParam(CHILD_REF_PARAM, CHILD_REFERENCE) childRef: string,
    @ValidParam('transitionId', TRANSITION_ID) transitionId: string,
    @ValidBody(arrangementContinuationRequestSchema) body: ArrangementContinuationRequest,
    @RequestId() requestId: string,
    @IdempotencyKey() idempotencyKey: string | undefined,
  ): Promise<ChildPlanResponseDto> {
    return this.plans.step('decideArrangements', actor, childRef, { transitionId }, body, contextOf(requestId, idempotencyKey));
  }

  @Post(':ref/transitions/:transitionId/confirm')
  @TransitionStepResponses(
    'Confirm the overstap; it takes effect on its start date (the regisseur or the loket)',
    'A step is still missing; the error names each (STAGE_CONFLICT)',
  )
  @HttpCode(HttpStatus.OK)
  @Permits('plan.confirm')
  confirm(
    @CurrentActor() actor: Actor,
    @ValidParam(CHILD_REF_PARAM, CHILD_REFERENCE) childRef: string,
    @ValidParam('transitionId', TRANSITION_ID) transitionId: string,
    @ValidBody(confirmTransitionRequestSchema) body: ConfirmTransitionRequest,
    @RequestId() requestId: string,
    @IdempotencyKey() idempotencyKey: string | undefined,
  ): Promise<ChildPlanResponseDto> {
    return this.plans.step('confirmTransition', actor, childRef, { transitionId }, body, contextOf(requestId, idempotencyKey));
  }

  @Post(':ref/transitions/:transitionId/cancel')
  @TransitionStepResponses('Call off an open overstap with a reason (the sending school, the regisseur or the loket)', 'The overstap is no longer open (STAGE_CONFLICT)')
  @HttpCode(HttpStatus.OK)
  @Permits('plan.cancel')
  cancel(
    @CurrentActor() actor: Actor,
    @ValidParam(CHILD_REF_PARAM, CHILD_REFERENCE) childRef: string,
    @ValidParam('transitionId', TRANSITION_ID) transitionId: string,
    @ValidBody(cancelTransitionRequestSchema) body: CancelTransitionRequest,
    @RequestId() requestId: string,
    @IdempotencyKey() idempotencyKey: string | undefined,
  ): Promise<ChildPlanResponseDto> {
    return this.plans.step('cancelTransition', actor, childRef, { transitionId }, body, contextOf(requestId, idempotencyKey));
  }
}
