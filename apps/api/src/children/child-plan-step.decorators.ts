import { applyDecorators, HttpStatus } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { StepResponses } from '../http/step-docs.decorators';
import { childPlanResponseSchema } from './dto/child-plan.response';

export const CHILD_REF_PARAM = 'ref';

/** The pseudonymous child reference in the path, as the referral's childRef. */
export function ApiChildRef(): MethodDecorator {
  return ApiParam({ name: CHILD_REF_PARAM, description: "The child's pseudonymous reference (the referrals' childRef)", example: 'lln-7f3a9c' });
}

interface ChildPlanStepDocs {
  status?: HttpStatus.OK | HttpStatus.CREATED;
  notFound?: string;
  conflict?: string;
}

/** The answers every human step on a child's plan shares; placed above @Roles so its 403 text wins. */
export function ChildPlanStepResponses(summary: string, docs: ChildPlanStepDocs = {}): MethodDecorator {
  return applyDecorators(
    ApiChildRef(),
    StepResponses({
      summary,
      response: childPlanResponseSchema,
      status: docs.status ?? HttpStatus.OK,
      forbidden: 'Wrong role, or a role in the plan that may not take this step (FORBIDDEN)',
      notFound: docs.notFound ?? 'No plan for this child, or the caller is not involved in it (NOT_FOUND)',
      conflict: docs.conflict ?? 'Not allowed in the overstap’s current state, e.g. a step already on record or missing a step before it (STAGE_CONFLICT)',
    }),
  );
}

/** A step on one overstap: the path names it by the id the plan shows. */
export function TransitionStepResponses(summary: string, conflict?: string): MethodDecorator {
  return applyDecorators(
    ChildPlanStepResponses(summary, { notFound: 'No plan for this child or no such overstap in it, or the caller is not involved (NOT_FOUND)', ...(conflict === undefined ? {} : { conflict }) }),
    ApiParam({ name: 'transitionId', description: 'The overstap as the plan lists it', example: 'overstap-1', schema: { type: 'string', pattern: '^overstap-\\d{1,6}$' } }),
  );
}
