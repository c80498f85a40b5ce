import { applyDecorators } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { z } from 'zod';
import { StepResponses as SharedStepResponses } from '../http/step-docs.decorators';
import { referralStateResponseSchema } from './dto/referral.response';

export const REFERRAL_ID = z.uuid({ message: 'must be a UUID' });

/** The answers every human step on a referral shares (issue 2 §3, "Errors"); placed above @Roles so its 403 text wins. */
export function StepResponses(summary: string, notFound = 'Unknown, or outside the caller’s scope (NOT_FOUND)', conflict = 'Not allowed in the current stage, or the referral is closed (STAGE_CONFLICT)'): MethodDecorator {
  return applyDecorators(
    ApiParam({ name: 'id', format: 'uuid' }),
    SharedStepResponses({
      summary,
      response: referralStateResponseSchema,
      forbidden: 'Wrong role (FORBIDDEN) or not the assigned regisseur (NOT_ASSIGNED_REGISSEUR)',
      notFound,
      conflict,
    }),
  );
}
