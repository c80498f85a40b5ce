import { z } from 'zod';
import {
  arrangementRequestSchema,
  ARRANGEMENT_STATUSES,
  EVALUATION_OUTCOMES,
  REFERRAL_EVENT_TYPES,
  REFERRAL_STAGES,
  ACTOR_REF_ROLES,
  SCHOOL_SECTORS,
  startReferralRequestSchema,
  TOEWIJZING_ROUTES,
  toewijzingRequestSchema,
  type ReferralState,
} from '@schakel/domain';

/**
 * Response shapes, as zod schemas so OpenAPI documents them from the same source the TypeScript types
 * come from. `ReferralStateResponseDto` must stay assignable from the domain's ReferralState: the
 * service returns states through `toReferralStateResponse`, which does not compile otherwise.
 */

const INSTANT = z.string().describe('ISO 8601 instant');

const actorRefSchema = z.object({ sub: z.string(), role: z.enum(ACTOR_REF_ROLES), org: z.string().optional() }).meta({ id: 'ActorRef' });

export const referralLinksSchema = z.object({ self: z.string(), events: z.string() }).meta({ id: 'ReferralLinks' });
export type ReferralLinksDto = z.infer<typeof referralLinksSchema>;

export const startReferralResponseSchema = z
  .object({ referralId: z.uuid(), stage: z.enum(REFERRAL_STAGES), links: referralLinksSchema })
  .meta({ id: 'StartReferralResponse' });
export type StartReferralResponseDto = z.infer<typeof startReferralResponseSchema>;

export const referralStateResponseSchema = z
  .object({
    referralId: z.uuid(),
    stage: z.enum(REFERRAL_STAGES),
    request: startReferralRequestSchema,
    region: z.string(),
    submittedBy: actorRefSchema,
    createdAt: INSTANT,
    updatedAt: INSTANT,
    closedAt: INSTANT.optional(),
    toewijzingen: z.array(toewijzingRequestSchema.safeExtend({ decidedBy: actorRefSchema, decidedAt: INSTANT })),
    arrangements: z.array(
      arrangementRequestSchema.safeExtend({
        version: z.number().int(),
        status: z.enum(ARRANGEMENT_STATUSES),
        submittedBy: actorRefSchema,
        submittedAt: INSTANT,
        decidedBy: actorRefSchema.optional(),
        decidedAt: INSTANT.optional(),
        decisionNote: z.string().optional(),
      }),
    ),
    evaluations: z.array(
      z.object({ outcome: z.enum(EVALUATION_OUTCOMES), summary: z.string(), arrangementVersion: z.number().int(), evaluatedBy: actorRefSchema, evaluatedAt: INSTANT }),
    ),
    evaluationDueAt: INSTANT.optional().describe('When the running arrangement is evaluated; only in stage uitvoering'),
    withdrawal: z.object({ reason: z.string(), by: actorRefSchema, at: INSTANT }).optional(),
    version: z.number().int().describe('Number of timeline events; a refused step leaves it unchanged'),
  })
  .meta({ id: 'ReferralState' });
export type ReferralStateResponseDto = z.output<typeof referralStateResponseSchema>;

export function toReferralStateResponse(state: ReferralState): ReferralStateResponseDto {
  return state;
}

export const referralListItemSchema = z
  .object({
    referralId: z.uuid(),
    stage: z.enum(REFERRAL_STAGES),
    arrangementStatus: z.enum(ARRANGEMENT_STATUSES).nullable(),
    childRef: z.string(),
    school: z.object({ brin: z.string(), sector: z.enum(SCHOOL_SECTORS) }),
    region: z.string(),
    thuiszitter: z.boolean(),
    thuiszitterSince: z.string().nullable(),
    route: z.enum(TOEWIJZING_ROUTES).nullable(),
    providerId: z.string().nullable(),
    regisseurId: z.string().nullable(),
    evaluationDueAt: INSTANT.nullable(),
    createdAt: INSTANT,
    updatedAt: INSTANT,
    closedAt: INSTANT.nullable(),
    version: z.number().int(),
    links: referralLinksSchema,
  })
  .meta({ id: 'ReferralListItem' });
export type ReferralListItemDto = z.infer<typeof referralListItemSchema>;

export const referralListResponseSchema = z
  .object({
    items: z.array(referralListItemSchema),
    nextCursor: z.string().nullable().describe('Pass as ?cursor= for the next page; null on the last page'),
  })
  .meta({ id: 'ReferralList' });
export type ReferralListResponseDto = z.infer<typeof referralListResponseSchema>;

export const caseEventResponseSchema = z
  .object({
    seq: z.number().int(),
    type: z.enum(REFERRAL_EVENT_TYPES),
    at: INSTANT,
    actor: actorRefSchema,
    requestId: z.string().nullable(),
    stage: z.enum(REFERRAL_STAGES).describe('The stage the event brought the case into'),
    data: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'CaseEvent' });
export type CaseEventResponseDto = z.infer<typeof caseEventResponseSchema>;

export const caseEventListResponseSchema = z
  .object({ referralId: z.uuid(), items: z.array(caseEventResponseSchema) })
  .meta({ id: 'CaseEventList' });
export type CaseEventListResponseDto = z.infer<typeof caseEventListResponseSchema>;

export function referralLinks(referralId: string): ReferralLinksDto {
  return { self: `/api/referrals/${referralId}`, events: `/api/referrals/${referralId}/events` };
}
