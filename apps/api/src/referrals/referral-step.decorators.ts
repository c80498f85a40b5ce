import { applyDecorators } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiServiceUnavailableResponse,
} from '@nestjs/swagger';
import { z } from 'zod';
import { apiErrorResponseSchema } from '../errors/api-error.response';
import { ApiIdempotencyKey } from '../http/idempotency-key.decorator';
import { REQUEST_ID_HEADER } from '../http/request-id.middleware';
import { referralStateResponseSchema } from './dto/referral.response';
import type { RequestContext } from './referrals.service';

export const REFERRAL_ID = z.uuid({ message: 'must be a UUID' });
const STEP_KEY = 'Optional. A retried step with the same key is applied once; the retry answers with the first outcome.';

export const refused = { standardSchema: apiErrorResponseSchema };

/** What every referral controller documents: the request id header and a Temporal that did not answer. */
export function ReferralControllerDocs(): ClassDecorator {
  return applyDecorators(
    ApiHeader({ name: REQUEST_ID_HEADER, required: false, description: 'Optional request id (1-100 of A-Z a-z 0-9 . _ : -); echoed in the response and recorded on the timeline' }),
    ApiServiceUnavailableResponse({ description: 'Temporal did not answer in time (SERVICE_UNAVAILABLE)', ...refused }),
  );
}

export function contextOf(requestId: string, idempotencyKey: string | undefined): RequestContext {
  return idempotencyKey === undefined ? { requestId } : { requestId, idempotencyKey };
}

/** The answers every human step shares (issue 2 §3, "Errors"); placed above @Roles so its 403 text wins. */
export function StepResponses(summary: string, notFound = 'Unknown, or outside the caller’s scope (NOT_FOUND)', conflict = 'Not allowed in the current stage, or the referral is closed (STAGE_CONFLICT)'): MethodDecorator {
  return applyDecorators(
    ApiOperation({ summary }),
    ApiParam({ name: 'id', format: 'uuid' }),
    ApiIdempotencyKey(STEP_KEY),
    ApiOkResponse({ description: 'Accepted; the state after the step', standardSchema: referralStateResponseSchema }),
    ApiBadRequestResponse({ description: 'Invalid body or id (VALIDATION_FAILED, naming each field)', ...refused }),
    ApiForbiddenResponse({ description: 'Wrong role (FORBIDDEN) or not the assigned regisseur (NOT_ASSIGNED_REGISSEUR)', ...refused }),
    ApiNotFoundResponse({ description: notFound, ...refused }),
    ApiConflictResponse({ description: conflict, ...refused }),
  );
}
