import { applyDecorators, Controller, Get, HttpCode, HttpStatus, Post, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import {
  approveArrangementRequestSchema,
  endOverbruggingRequestSchema,
  startOverbruggingRequestSchema,
  type StartOverbruggingRequest,
  arrangementRequestSchema,
  evaluationRequestSchema,
  rejectArrangementRequestSchema,
  startReferralRequestSchema,
  toewijzingRequestSchema,
  withdrawReferralRequestSchema,
  paperToestemmingRequestSchema,
  toestemmingRequestSchema,
  zienswijzeRequestSchema,
  type PaperToestemmingRequest,
  type ToestemmingRequest,
  type ZienswijzeRequest,
  type Actor,
  type ApproveArrangementRequest,
  type ArrangementRequest,
  type EvaluationRequest,
  type RejectArrangementRequest,
  type StartReferralRequest,
  type ToewijzingRequest,
  type WithdrawReferralRequest,
} from '@schakel/domain';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Permits, ReadsCase } from '../auth/permits.decorator';
import { ApiIdempotencyKey, IdempotencyKey } from '../http/idempotency-key.decorator';
import { RequestId } from '../http/request-id.decorator';
import { contextOf } from '../http/request-context';
import { refused, StepControllerDocs, StepResponses as SharedStepResponses } from '../http/step-docs.decorators';
import { ValidBody, ValidParam, ValidQuery } from '../http/schema-validation.pipe';
import { listReferralsRequestSchema, type ListReferralsRequestDto } from './dto/list-referrals.request';
import { overbruggingResponseSchema, type OverbruggingResponseDto } from './dto/overbrugging.response';
import {
  caseEventListResponseSchema,
  referralListResponseSchema,
  referralStateResponseSchema,
  startReferralResponseSchema,
  type CaseEventListResponseDto,
  type ReferralListResponseDto,
  type ReferralStateResponseDto,
} from './dto/referral.response';
import { REFERRAL_ID, StepResponses } from './referral-step.decorators';
import { ReferralsService } from './referrals.service';

@ApiTags('referrals')
@StepControllerDocs()
@Controller('referrals')
export class ReferralsController {
  constructor(private readonly referrals: ReferralsService) {}

  @Post()
  @Permits('referral.submit')
  @ApiOperation({ summary: 'Start a referral (school)', description: 'The school refers a pupil, known only by a pseudonymous reference. Region and school come from the token.' })
  @ApiIdempotencyKey('Optional. The same key from the same school returns the same referral (200) and never starts a second one.')
  @ApiCreatedResponse({ description: 'Started; Location names the referral', standardSchema: startReferralResponseSchema })
  @ApiOkResponse({ description: 'Already started earlier with this Idempotency-Key', standardSchema: startReferralResponseSchema })
  @ApiBadRequestResponse({ description: 'Invalid body or header (VALIDATION_FAILED, naming each field)', ...refused })
  @ApiUnprocessableEntityResponse({ description: 'The Idempotency-Key was used for a different request (IDEMPOTENCY_KEY_REUSED)', ...refused })
  async start(
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @ValidBody(startReferralRequestSchema) body: StartReferralRequest,
    @Res({ passthrough: false }) response: Response,
  ): Promise<void> {
    const { created, response: started } = await this.referrals.start(actor, body, contextOf(requestId, idempotencyKey));
    response.location(started.links.self).status(created ? HttpStatus.CREATED : HttpStatus.OK).json(started);
  }

  @Get()
  @ReadsCase('referral.view')
  @ApiOperation({
    summary: 'Work list',
    description:
      "Referrals in the caller's scope from the read model, newest first, with keyset pagination. With overdue=true: only open " +
      'referrals with an overdue deadline, most overdue first (overdueSince ascending). Each item shows its policyVersion, ' +
      'escalationLevel, overdueSince and nextDueAt.',
  })
  @ApiOkResponse({ standardSchema: referralListResponseSchema })
  @ApiBadRequestResponse({ description: 'Invalid filter or cursor (VALIDATION_FAILED)', ...refused })
  list(@CurrentActor() actor: Actor, @RequestId() requestId: string, @ValidQuery(listReferralsRequestSchema) query: ListReferralsRequestDto): Promise<ReferralListResponseDto> {
    return this.referrals.list(actor, query, requestId);
  }

  @Get(':id')
  @ReadsCase('referral.view')
  @ApiOperation({ summary: 'Live state of one referral' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ standardSchema: referralStateResponseSchema })
  @ApiBadRequestResponse({ description: 'The id is not a UUID (VALIDATION_FAILED)', ...refused })
  @ApiNotFoundResponse({ description: 'Unknown, or outside the caller’s scope (NOT_FOUND)', ...refused })
  get(@CurrentActor() actor: Actor, @RequestId() requestId: string, @ValidParam('id', REFERRAL_ID) referralId: string): Promise<ReferralStateResponseDto> {
    return this.referrals.get(actor, referralId, requestId);
  }

  @Get(':id/events')
  @ReadsCase('referral.view')
  @ApiOperation({ summary: 'Timeline of one referral: who did what, when' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ standardSchema: caseEventListResponseSchema })
  @ApiBadRequestResponse({ description: 'The id is not a UUID (VALIDATION_FAILED)', ...refused })
  @ApiNotFoundResponse({ description: 'Unknown, or outside the caller’s scope (NOT_FOUND)', ...refused })
  timeline(@CurrentActor() actor: Actor, @RequestId() requestId: string, @ValidParam('id', REFERRAL_ID) referralId: string): Promise<CaseEventListResponseDto> {
    return this.referrals.timeline(actor, referralId, requestId);
  }

  @Post(':id/toewijzing')
  @StepResponses(
    'Toewijzing: route, aanbod (or provider) and regisseur (loket)',
    'Unknown, or outside the caller’s scope (NOT_FOUND); or aanbodId names no aanbod of the catalogue (NOT_FOUND, naming aanbodId)',
    'Not allowed in the current stage (STAGE_CONFLICT), the child already has another regisseur (REGISSEUR_CONFLICT), or the aanbod does not fit the case: route, region, wijk, sector or age (AANBOD_MISFIT, naming aanbodId)',
  )
  @HttpCode(HttpStatus.OK)
  @Permits('referral.toewijzing')
  toewijzing(
    @CurrentActor() actor: Actor,
    @ValidParam('id', REFERRAL_ID) referralId: string,
    @ValidBody(toewijzingRequestSchema) body: ToewijzingRequest,
    @RequestId() requestId: string,
    @IdempotencyKey() idempotencyKey: string | undefined,
  ): Promise<ReferralStateResponseDto> {
    return this.referrals.toewijzing(actor, referralId, body, contextOf(requestId, idempotencyKey));
  }

  @Post(':id/arrangement')
  @StepResponses('Submit an arrangement for approval (school or the assigned provider)')
  @HttpCode(HttpStatus.OK)
  @Permits('referral.arrangement')
  arrangement(
    @CurrentActor() actor: Actor,
    @ValidParam('id', REFERRAL_ID) referralId: string,
    @ValidBody(arrangementRequestSchema) body: ArrangementRequest,
    @RequestId() requestId: string,
    @IdempotencyKey() idempotencyKey: string | undefined,
  ): Promise<ReferralStateResponseDto> {
    return this.referrals.step('arrangement', actor, referralId, body, contextOf(requestId, idempotencyKey));
  }

  @Post(':id/arrangement/approve')
  @StepResponses('Approve the submitted arrangement (only the assigned regisseur)')
  @HttpCode(HttpStatus.OK)
  @Permits('referral.approve')
  approve(
    @CurrentActor() actor: Actor,
    @ValidParam('id', REFERRAL_ID) referralId: string,
    @ValidBody(approveArrangementRequestSchema) body: ApproveArrangementRequest,
    @RequestId() requestId: string,
    @IdempotencyKey() idempotencyKey: string | undefined,
  ): Promise<ReferralStateResponseDto> {
    return this.referrals.step('approve', actor, referralId, body, contextOf(requestId, idempotencyKey));
  }

  @Post(':id/arrangement/reject')
  @StepResponses('Reject the submitted arrangement with a reason (only the assigned regisseur)')
  @HttpCode(HttpStatus.OK)
  @Permits('referral.reject')
  reject(
    @CurrentActor() actor: Actor,
    @ValidParam('id', REFERRAL_ID) referralId: string,
    @ValidBody(rejectArrangementRequestSchema) body: RejectArrangementRequest,
    @RequestId() requestId: string,
    @IdempotencyKey() idempotencyKey: string | undefined,
  ): Promise<ReferralStateResponseDto> {
    return this.referrals.step('reject', actor, referralId, body, contextOf(requestId, idempotencyKey));
  }

  @Post(':id/evaluation')
  @StepResponses('Record the evaluation: afsluiten, verlengen, bijstellen or opschalen (only the assigned regisseur)')
  @HttpCode(HttpStatus.OK)
  @Permits('referral.evaluate')
  evaluation(
    @CurrentActor() actor: Actor,
    @ValidParam('id', REFERRAL_ID) referralId: string,
    @ValidBody(evaluationRequestSchema) body: EvaluationRequest,
    @RequestId() requestId: string,
    @IdempotencyKey() idempotencyKey: string | undefined,
  ): Promise<ReferralStateResponseDto> {
    return this.referrals.step('evaluate', actor, referralId, body, contextOf(requestId, idempotencyKey));
  }

  @Post(':id/withdraw')
  @StepResponses('Withdraw the referral with a reason (the school, the loket of the region or the assigned regisseur)')
  @HttpCode(HttpStatus.OK)
  @Permits('referral.withdraw')
  withdraw(
    @CurrentActor() actor: Actor,
    @ValidParam('id', REFERRAL_ID) referralId: string,
    @ValidBody(withdrawReferralRequestSchema) body: WithdrawReferralRequest,
    @RequestId() requestId: string,
    @IdempotencyKey() idempotencyKey: string | undefined,
  ): Promise<ReferralStateResponseDto> {
    return this.referrals.step('withdraw', actor, referralId, body, contextOf(requestId, idempotencyKey));
  }

  @Post(':id/toestemming')
  @StepResponses(
    'Give or refuse toestemming on a consent gate (the parent or the young person, for their own child)',
    'Unknown, or not a case of a child your token names (NOT_FOUND); or gateId names no consent gate of this case (NOT_FOUND, naming gateId)',
    'The gate is no longer open, or you already answered it (STAGE_CONFLICT, naming gateId)',
  )
  @ApiOperation({
    summary: 'Give or refuse toestemming on a consent gate (ouder or jongere)',
    description:
      'A gated step (a toewijzing to jeugdhulp, an arrangement that is an OPP handelingsdeel or applied for with a TLV) waits in stage ' +
      'wacht_op_toestemming until everyone whose consent the decision needs at the child’s age today has given it: under 12 the parents ' +
      'with gezag, 12-15 the parents and the child, 16+ the young person (the OPP and TLV stay with the parents until 18). The party comes ' +
      'from the token (ouder: the parents, jongere: the young person); a party the decision does not need at this age gets 403 naming party. ' +
      'A weigering stops the step: the toewijzing goes back to the loket, the arrangement is rejected. Recorded on the timeline and in the audit log.',
  })
  @HttpCode(HttpStatus.OK)
  @Permits('referral.toestemming')
  toestemming(
    @CurrentActor() actor: Actor,
    @ValidParam('id', REFERRAL_ID) referralId: string,
    @ValidBody(toestemmingRequestSchema) body: ToestemmingRequest,
    @RequestId() requestId: string,
    @IdempotencyKey() idempotencyKey: string | undefined,
  ): Promise<ReferralStateResponseDto> {
    return this.referrals.step('toestemming', actor, referralId, body, contextOf(requestId, idempotencyKey));
  }

  @Post(':id/toestemming/paper')
  @StepResponses(
    'Record a signed paper consent form (the loket of the region or the assigned regisseur)',
    'Unknown, or outside the caller’s scope (NOT_FOUND); or gateId names no consent gate of this case (NOT_FOUND, naming gateId)',
    'The gate is no longer open (STAGE_CONFLICT, naming gateId)',
  )
  @ApiOperation({
    summary: 'Record a signed paper consent form (loket or regisseur)',
    description:
      'Which party signed (ouders or jongere), toestemming or weigering, the day it was signed and that the signed form is on file ' +
      '(formOnFile: true). No scan and no names: the form stays with the organisation. For the parents, how many with gezag signed ' +
      '(joint gezag needs both for data sharing and jeugdhulp). Recorded on the timeline and in the audit log.',
  })
  @HttpCode(HttpStatus.OK)
  @Permits('referral.paperToestemming')
  paperToestemming(
    @CurrentActor() actor: Actor,
    @ValidParam('id', REFERRAL_ID) referralId: string,
    @ValidBody(paperToestemmingRequestSchema) body: PaperToestemmingRequest,
    @RequestId() requestId: string,
    @IdempotencyKey() idempotencyKey: string | undefined,
  ): Promise<ReferralStateResponseDto> {
    return this.referrals.step('paperToestemming', actor, referralId, body, contextOf(requestId, idempotencyKey));
  }

  @Post(':id/zienswijze')
  @StepResponses(
    'Give a zienswijze on the arrangement awaiting approval (the parent or the young person, for their own child)',
    'Unknown, or not a case of a child your token names (NOT_FOUND)',
    'No arrangement awaits approval (STAGE_CONFLICT)',
  )
  @ApiOperation({
    summary: 'Give a zienswijze on the arrangement awaiting approval (ouder or jongere)',
    description:
      'A written view (at most 2000 characters) on the arrangement before the regisseur decides. It is kept on the case for the regisseur ' +
      'to read; the timeline and the audit log record only that it was given, never its text. The approval records how many views it was ' +
      'decided with. Parents until the child is 16, the young person from 12 (403 otherwise).',
  })
  @HttpCode(HttpStatus.OK)
  @Permits('referral.zienswijze')
  zienswijze(
    @CurrentActor() actor: Actor,
    @ValidParam('id', REFERRAL_ID) referralId: string,
    @ValidBody(zienswijzeRequestSchema) body: ZienswijzeRequest,
    @RequestId() requestId: string,
    @IdempotencyKey() idempotencyKey: string | undefined,
  ): Promise<ReferralStateResponseDto> {
    return this.referrals.zienswijze(actor, referralId, body, contextOf(requestId, idempotencyKey));
  }

  @Post(':id/overbrugging')
  @OverbruggingResponses(
    'Record overbruggingszorg for a case waiting for a place (the loket of the region or the assigned regisseur)',
    'The form of interim support (no free text, so no personal data) goes to the wachtlijst the case waits on: a case with ' +
      'overbrugging waits under the longer norm `wachttijd` instead of `wachttijdZonderOverbrugging`, so its next escalation moves ' +
      'later, and the monitor counts the time from now as bridged (netto). Changing the form records a new period. Audited (referral.overbrugging).',
  )
  @HttpCode(HttpStatus.OK)
  @Permits('referral.overbrugging')
  startOverbrugging(
    @CurrentActor() actor: Actor,
    @ValidParam('id', REFERRAL_ID) referralId: string,
    @ValidBody(startOverbruggingRequestSchema) body: StartOverbruggingRequest,
    @RequestId() requestId: string,
    @IdempotencyKey() idempotencyKey: string | undefined,
  ): Promise<OverbruggingResponseDto> {
    return this.referrals.overbrugging(actor, referralId, body.form, contextOf(requestId, idempotencyKey));
  }

  @Post(':id/overbrugging/end')
  @OverbruggingResponses(
    'End the overbruggingszorg of a waiting case (the loket of the region or the assigned regisseur)',
    'The case waits under the sooner norm `wachttijdZonderOverbrugging` again, from the day it started waiting: past that norm it ' +
      'escalates at once. Audited (referral.overbrugging.end).',
  )
  @HttpCode(HttpStatus.OK)
  @Permits('referral.overbrugging')
  endOverbrugging(
    @CurrentActor() actor: Actor,
    @ValidParam('id', REFERRAL_ID) referralId: string,
    @ValidBody(endOverbruggingRequestSchema) _body: object,
    @RequestId() requestId: string,
    @IdempotencyKey() idempotencyKey: string | undefined,
  ): Promise<OverbruggingResponseDto> {
    return this.referrals.overbrugging(actor, referralId, null, contextOf(requestId, idempotencyKey));
  }
}

/** The answers of the two overbrugging steps: the case's place on the list, not the referral's state. */
function OverbruggingResponses(summary: string, description: string): MethodDecorator {
  return applyDecorators(
    ApiParam({ name: 'id', format: 'uuid' }),
    SharedStepResponses({
      summary,
      response: overbruggingResponseSchema,
      forbidden: 'Wrong role (FORBIDDEN) or not the assigned regisseur (NOT_ASSIGNED_REGISSEUR)',
      notFound: 'Unknown, or outside the caller’s scope (NOT_FOUND)',
      conflict: 'The case does not wait for a place (stage other than wacht_op_plaats), or already has this overbrugging, or none to end (STAGE_CONFLICT)',
    }),
    ApiOperation({ summary, description }),
  );
}
