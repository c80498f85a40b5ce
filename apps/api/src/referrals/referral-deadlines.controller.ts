import { applyDecorators, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import {
  DEADLINE_ID,
  extendDeadlineRequestSchema,
  pauseDeadlineRequestSchema,
  reportThuiszitterRequestSchema,
  resumeDeadlineRequestSchema,
  type Actor,
  type ExtendDeadlineRequest,
  type PauseDeadlineRequest,
  type ReportThuiszitterRequest,
  type ResumeDeadlineRequest,
} from '@schakel/domain';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Permits } from '../auth/permits.decorator';
import { IdempotencyKey } from '../http/idempotency-key.decorator';
import { RequestId } from '../http/request-id.decorator';
import { contextOf } from '../http/request-context';
import { ApiDeadlineIdParam, refused, StepControllerDocs } from '../http/step-docs.decorators';
import { ValidBody, ValidParam } from '../http/schema-validation.pipe';
import type { ReferralStateResponseDto } from './dto/referral.response';
import { REFERRAL_ID, StepResponses } from './referral-step.decorators';
import { ReferralsService } from './referrals.service';

/** A step on one running deadline of the case: the path names it by the id the case state shows. */
function DeadlineStepResponses(summary: string): MethodDecorator {
  return applyDecorators(
    StepResponses(
      summary,
      'Unknown referral or deadline, or outside the caller’s scope (NOT_FOUND)',
      'The referral is closed, the deadline no longer runs, or it is (not) paused already (STAGE_CONFLICT)',
    ),
    ApiDeadlineIdParam('The deadline as the case state lists it, `<rule>-<n>`, e.g. toewijzing-1', 'toewijzing-1'),
  );
}

/**
 * Opschorten, hervatten and verlengen of a case's terms, and a pupil who becomes a thuiszitter (issue 3
 * §3, §4). The roles here are a first filter; the workflow's Update validator decides scope (loket of the
 * region or the assigned regisseur), stage and what the rule allows, and answers with the domain's codes.
 */
@ApiTags('referrals')
@StepControllerDocs()
@Controller('referrals')
export class ReferralDeadlinesController {
  constructor(private readonly referrals: ReferralsService) {}

  @Post(':id/deadlines/:deadlineId/pause')
  @DeadlineStepResponses('Pause (opschorten) a running deadline with a reason, e.g. while documents are awaited (loket or the assigned regisseur)')
  @HttpCode(HttpStatus.OK)
  @Permits('referral.deadline')
  pause(
    @CurrentActor() actor: Actor,
    @ValidParam('id', REFERRAL_ID) referralId: string,
    @ValidParam('deadlineId', DEADLINE_ID) deadlineId: string,
    @ValidBody(pauseDeadlineRequestSchema) body: PauseDeadlineRequest,
    @RequestId() requestId: string,
    @IdempotencyKey() idempotencyKey: string | undefined,
  ): Promise<ReferralStateResponseDto> {
    return this.referrals.deadlineStep('pauseDeadline', actor, referralId, deadlineId, body, contextOf(requestId, idempotencyKey));
  }

  @Post(':id/deadlines/:deadlineId/resume')
  @DeadlineStepResponses('Resume a paused deadline; its due date moves by exactly the time it was paused (loket or the assigned regisseur)')
  @HttpCode(HttpStatus.OK)
  @Permits('referral.deadline')
  resume(
    @CurrentActor() actor: Actor,
    @ValidParam('id', REFERRAL_ID) referralId: string,
    @ValidParam('deadlineId', DEADLINE_ID) deadlineId: string,
    @ValidBody(resumeDeadlineRequestSchema) body: ResumeDeadlineRequest,
    @RequestId() requestId: string,
    @IdempotencyKey() idempotencyKey: string | undefined,
  ): Promise<ReferralStateResponseDto> {
    return this.referrals.deadlineStep('resumeDeadline', actor, referralId, deadlineId, body, contextOf(requestId, idempotencyKey));
  }

  @Post(':id/deadlines/:deadlineId/extend')
  @DeadlineStepResponses('Extend (verlengen) a deadline as far and as often as its rule allows (loket or the assigned regisseur)')
  @ApiUnprocessableEntityResponse({ description: 'The rule does not allow this extension, e.g. a second zorgplicht extension or more than 4 weeks (DEADLINE_RULE)', ...refused })
  @HttpCode(HttpStatus.OK)
  @Permits('referral.deadline')
  extend(
    @CurrentActor() actor: Actor,
    @ValidParam('id', REFERRAL_ID) referralId: string,
    @ValidParam('deadlineId', DEADLINE_ID) deadlineId: string,
    @ValidBody(extendDeadlineRequestSchema) body: ExtendDeadlineRequest,
    @RequestId() requestId: string,
    @IdempotencyKey() idempotencyKey: string | undefined,
  ): Promise<ReferralStateResponseDto> {
    return this.referrals.deadlineStep('extendDeadline', actor, referralId, deadlineId, body, contextOf(requestId, idempotencyKey));
  }

  @Post(':id/thuiszitter')
  @StepResponses(
    'Report that the pupil has become a thuiszitter: langdurig relatief verzuim or absoluut verzuim since a date (the school, leerplicht or loket of the region); leerplicht is notified at once',
    'Unknown, or outside the caller’s scope (NOT_FOUND)',
    'The referral is closed, or the pupil is already on the thuiszitter ladder (STAGE_CONFLICT)',
  )
  @HttpCode(HttpStatus.OK)
  @Permits('referral.reportThuiszitter')
  thuiszitter(
    @CurrentActor() actor: Actor,
    @ValidParam('id', REFERRAL_ID) referralId: string,
    @ValidBody(reportThuiszitterRequestSchema) body: ReportThuiszitterRequest,
    @RequestId() requestId: string,
    @IdempotencyKey() idempotencyKey: string | undefined,
  ): Promise<ReferralStateResponseDto> {
    return this.referrals.step('reportThuiszitter', actor, referralId, body, contextOf(requestId, idempotencyKey));
  }
}
