import { applyDecorators, HttpStatus } from '@nestjs/common';
import {
  ApiParam,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
} from '@nestjs/swagger';
import type { z } from 'zod';
import { apiErrorResponseSchema } from '../errors/api-error.response';
import { ApiIdempotencyKey } from './idempotency-key.decorator';
import { REQUEST_ID_HEADER } from './request-id.middleware';

/** An error answer in OpenAPI: always the one ApiError shape. */
export const refused = { standardSchema: apiErrorResponseSchema };

export const STEP_IDEMPOTENCY_KEY = 'Optional. A retried step with the same key is applied once; the retry answers with the first outcome.';

/**
 * What every controller whose steps are Temporal Updates documents: the request id header (it reaches
 * the timeline) and a Temporal that did not answer.
 */
export function StepControllerDocs(): ClassDecorator {
  return applyDecorators(
    ApiHeader({ name: REQUEST_ID_HEADER, required: false, description: 'Optional request id (1-100 of A-Z a-z 0-9 . _ : -); echoed in the response and recorded on the timeline' }),
    ApiServiceUnavailableResponse({ description: 'Temporal did not answer in time (SERVICE_UNAVAILABLE)', ...refused }),
  );
}

export interface StepDocs {
  summary: string;
  /** The state the step answers with. */
  response: z.ZodType;
  /** 201 for a step that creates something (an overstap); 200 otherwise. */
  status?: HttpStatus.OK | HttpStatus.CREATED;
  forbidden: string;
  notFound: string;
  conflict: string;
}

/** The answers every human step shares (issue 2 §3, "Errors"); placed above @Roles so its 403 text wins. */
export function StepResponses(docs: StepDocs): MethodDecorator {
  const accepted = { description: 'Accepted; the state after the step', standardSchema: docs.response };
  return applyDecorators(
    ApiOperation({ summary: docs.summary }),
    ApiIdempotencyKey(STEP_IDEMPOTENCY_KEY),
    docs.status === HttpStatus.CREATED ? ApiCreatedResponse(accepted) : ApiOkResponse(accepted),
    ApiBadRequestResponse({ description: 'Invalid body or path parameter (VALIDATION_FAILED, naming each field)', ...refused }),
    ApiForbiddenResponse({ description: docs.forbidden, ...refused }),
    ApiNotFoundResponse({ description: docs.notFound, ...refused }),
    ApiConflictResponse({ description: docs.conflict, ...refused }),
  );
}

/** The `:deadlineId` path parameter of a deadline step: `<rule>-<n>` as the case or plan lists it (DEADLINE_ID). */
export function ApiDeadlineIdParam(description: string, example: string): MethodDecorator {
  return ApiParam({ name: 'deadlineId', description, example, schema: { type: 'string', pattern: '^[a-zA-Z]+-\\d+$' } });
}
