import { z } from 'zod';
import {
  arrangementRequestSchema,
  ARRANGEMENT_STATUSES,
  EVALUATION_OUTCOMES,
  REFERRAL_EVENT_TYPES,
  REFERRAL_STAGES,
  reportThuiszitterRequestSchema,
  SCHOOL_SECTORS,
  startReferralRequestSchema,
  TOEWIJZING_ROUTES,
  toewijzingRequestSchema,
  CONSENT_DECISIONS,
  AGE_BANDS,
  TOESTEMMING_GATE_STATUSES,
  TOESTEMMING_BESLUITEN,
  type ReferralState,
  type ReferralSummary,
} from '@schakel/domain';
import { actorRefSchema, INSTANT, runningDeadlineResponseSchema } from '../../openapi/common.response';

/**
 * Response shapes, as zod schemas so OpenAPI documents them from the same source the TypeScript types
 * come from. `ReferralStateResponseDto` must stay assignable from the domain's ReferralState: the
 * service returns states through `toReferralStateResponse`, which does not compile otherwise.
 */

export const referralLinksSchema = z.object({ self: z.string(), events: z.string() }).meta({ id: 'ReferralLinks' });
export type ReferralLinksDto = z.infer<typeof referralLinksSchema>;

/** The deadline figures the read model keeps for lists; the case detail computes them from the live state. */
const deadlineFigures = {
  policyVersion: z.string().describe('The deadline policy version the case started under; it keeps it'),
  escalationLevel: z.number().int().describe('Highest escalation level among the running deadlines; 0 when none has escalated'),
  overdueSince: INSTANT.nullable().describe('Since when the longest-overdue running deadline is overdue; null when none is'),
  nextDueAt: INSTANT.nullable().describe('The earliest due date among the running deadlines (paused ones excluded)'),
};

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
    toewijzingen: z.array(
      toewijzingRequestSchema.safeExtend({
        decidedBy: actorRefSchema,
        decidedAt: INSTANT,
        place: z
          .object({
            aanbodId: z.uuid(),
            status: z.enum(['wachtend', 'toegelaten']).describe('wachtend: on the aanbod\'s wachtlijst (stage wacht_op_plaats); toegelaten: holds a place'),
            admissionId: z.string().optional().describe("The wachtlijst's admission that gave the place"),
            since: INSTANT,
          })
          .optional()
          .describe('Only for a toewijzing to an aanbod of the catalogue (issue 11 §2); gone once the case left the list or freed its place'),
      }),
    ),
    arrangements: z.array(
      arrangementRequestSchema.safeExtend({
        version: z.number().int(),
        status: z.enum(ARRANGEMENT_STATUSES),
        submittedBy: actorRefSchema,
        submittedAt: INSTANT,
        decidedBy: actorRefSchema.optional(),
        decidedAt: INSTANT.optional(),
        decisionNote: z.string().optional(),
        zienswijzen: z
          .array(z.object({ party: z.enum(['ouders', 'jongere']), text: z.string(), by: actorRefSchema, at: INSTANT }))
          .optional()
          .describe('The parents’ or young person’s views on this version before the decision (ADR 0019)'),
      }),
    ),
    evaluations: z.array(
      z.object({ outcome: z.enum(EVALUATION_OUTCOMES), summary: z.string(), arrangementVersion: z.number().int(), evaluatedBy: actorRefSchema, evaluatedAt: INSTANT }),
    ),
    evaluationDueAt: INSTANT.optional().describe('When the running arrangement is evaluated; only in stage uitvoering'),
    withdrawal: z.object({ reason: z.string(), by: actorRefSchema, at: INSTANT }).optional(),
    ...deadlineFigures,
    deadlines: z.array(runningDeadlineResponseSchema).describe('Every term that has run on the case, open and closed, in the order they opened'),
    thuiszitterReport: reportThuiszitterRequestSchema
      .safeExtend({ reportedBy: actorRefSchema, reportedAt: INSTANT })
      .optional()
      .describe('The pupil became a thuiszitter after the referral was made'),
    toestemmingen: z
      .array(
        z.object({
          id: z.string().describe('toestemming-<n>: the gateId of POST /toestemming and /toestemming/paper'),
          decision: z.enum(CONSENT_DECISIONS),
          subject: z.union([
            z.object({ step: z.literal('toewijzing'), toewijzing: z.number().int() }),
            z.object({ step: z.literal('arrangement'), arrangementVersion: z.number().int() }),
          ]),
          requirement: z.object({
            decision: z.enum(CONSENT_DECISIONS),
            band: z.enum(AGE_BANDS),
            required: z.array(z.enum(['ouders', 'jongere'])).readonly(),
            parents: z.enum(['one', 'all']).nullable(),
            heard: z.array(z.enum(['ouders', 'jongere'])).readonly(),
            mayObject: z.array(z.enum(['ouders', 'jongere'])).readonly(),
          }),
          ageKnown: z.boolean().describe('false: no date of birth on record, the parents with gezag decide (ADR 0019)'),
          parentsWithGezag: z.number().int().nullable(),
          answers: z.array(
            z.object({
              party: z.enum(['ouders', 'jongere']),
              besluit: z.enum(TOESTEMMING_BESLUITEN),
              via: z.enum(['digitaal', 'papier', 'aanmelding']),
              by: actorRefSchema,
              at: INSTANT,
              signedOn: z.string().optional(),
              parentsSigning: z.number().int().optional(),
            }),
          ),
          status: z.enum(TOESTEMMING_GATE_STATUSES),
          openedAt: INSTANT,
          closedAt: INSTANT.optional(),
          deadlineId: z.string().optional().describe('The running toestemming term while the gate is open'),
        }),
      )
      .optional()
      .describe('Consent gates (issue 11 §6, ADR 0019): what a gated step waits for, open and closed'),
    version: z.number().int().describe('Number of timeline events; a refused step leaves it unchanged'),
  })
  .meta({ id: 'ReferralState' });
export type ReferralStateResponseDto = z.output<typeof referralStateResponseSchema>;

/** The live state plus the figures the work list shows, computed the way the read model's are (ReferralMachine.summary). */
export function toReferralStateResponse(
  state: ReferralState,
  figures: Pick<ReferralSummary, 'escalationLevel' | 'overdueSince' | 'nextDueAt'>,
): ReferralStateResponseDto {
  return { ...state, escalationLevel: figures.escalationLevel, overdueSince: figures.overdueSince, nextDueAt: figures.nextDueAt };
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
    ...deadlineFigures,
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
