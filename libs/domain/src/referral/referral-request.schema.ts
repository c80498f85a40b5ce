import { z } from 'zod';
import { ORGANISATION_ID } from '../actor/actor';
import { CHILD_REFERENCE } from '../child/child-reference.schema';
import { schoolSchema } from '../school/school-sector';
import { CALENDAR_DATE, DATE_OR_INSTANT, toInstant } from '../time/amsterdam-time';
import { OVERBRUGGING_FORMS, URGENCIES } from '../wachtlijst/wait-terms';

/**
 * Request bodies of the referral process. These schemas are the single source of validation: the API
 * parses bodies with them and the workflow's Update validators parse the same commands again.
 */

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

// Defined beside the actor's claims, which name children too; re-exported where it always was.
export { CHILD_REFERENCE };

export const CONCERN_AREAS = [
  'leren',
  'gedrag',
  'sociaal-emotioneel',
  'communicatie',
  'fysiek-medisch',
  'werkhouding',
  'thuissituatie',
  'verzuim',
  'overig',
] as const;

export const startReferralRequestSchema = z
  .object({
    childRef: CHILD_REFERENCE,
    school: schoolSchema,
    concerns: z
      .array(z.object({ area: z.enum(CONCERN_AREAS), description: text(1000) }).strict())
      .min(1, 'name at least one concern')
      .max(10, 'at most 10 concerns'),
    thuiszitter: z
      .object({ isThuiszitter: z.boolean(), since: CALENDAR_DATE.optional() })
      .strict()
      .refine((t) => !t.isThuiszitter || t.since !== undefined, { message: 'is required when isThuiszitter is true', path: ['since'] })
      .refine((t) => t.isThuiszitter || t.since === undefined, { message: 'must be omitted when isThuiszitter is false', path: ['since'] }),
    parents: z
      .object({
        // Parents must know before the school involves the SWV or jeugdhulp (DOMAIN.md §3.2, consent).
        informed: z.literal(true, { message: 'the parents must be informed before a referral is made' }),
        consent: z.boolean(),
      })
      .strict(),
    summary: text(2000),
  })
  .strict();
export type StartReferralRequest = z.infer<typeof startReferralRequestSchema>;

/** onderwijs: SWV support; jeugdhulp: gemeente care; gecombineerd: an onderwijszorgarrangement (DOMAIN.md §3). */
export const TOEWIJZING_ROUTES = ['onderwijs', 'jeugdhulp', 'gecombineerd'] as const;

export const toewijzingRequestSchema = z
  .object({
    route: z.enum(TOEWIJZING_ROUTES),
    providerId: ORGANISATION_ID.optional().describe('Free-text provider code (cases from before the catalogue); with aanbodId, the aanbieder\'s code is used when omitted'),
    /**
     * The aanbod of the provider catalogue the child is assigned to (issue 11 §2). The API looks it up and the
     * aanbieder's code becomes providerId; without it, providerId alone still works (cases from before the catalogue).
     */
    aanbodId: z
      .uuid('must be the id of an aanbod in the catalogue')
      .optional()
      .describe(
        'The aanbod of the provider catalogue (GET /api/providers). It must fit the case (route, region, sector, age; 409 AANBOD_MISFIT naming aanbodId); ' +
          'unknown: 404, retired: 400. A free place is taken at once (stage arrangement); a full aanbod puts the case on its wachtlijst (stage wacht_op_plaats).',
      ),
    /**
     * The child's regisseur. Omitted: the regisseur of the child's plan (één kind, één regisseur —
     * issue 4); the first toewijzing for a child must name one.
     */
    regisseurId: z.string().trim().min(1, 'must name the regisseur').max(200).optional(),
    note: text(1000).optional(),
    /** How the case waits should the aanbod be full (issue 11 §3): the list's order puts `spoed` first. */
    urgency: z.enum(URGENCIES).optional().describe('With aanbodId: how urgent the case is on the wachtlijst (spoed first, then thuiszitters, then longest waiting)'),
    /**
     * The last day of the beschikking or TLV the aanbod needs: a case still waiting after it leaves the list as
     * `verlopen`, and the loket and the parents are told (DOMAIN-PROVIDERS.md §2.1).
     */
    validUntil: CALENDAR_DATE.optional().describe('With aanbodId: last day of the beschikking or TLV (YYYY-MM-DD); a case still waiting after it lapses from the wachtlijst'),
    /** Overbruggingszorg already in place when the case starts to wait; later changes go through /overbrugging. */
    overbrugging: z.enum(OVERBRUGGING_FORMS).optional().describe('With aanbodId: overbruggingszorg already in place while the case waits'),
  })
  .strict()
  // How a case waits means something only on an aanbod's list.
  .superRefine((t, ctx) => {
    if (t.aanbodId !== undefined) return;
    for (const field of ['urgency', 'validUntil', 'overbrugging'] as const) {
      if (t[field] !== undefined) ctx.addIssue({ code: 'custom', path: [field], message: 'is only for a toewijzing to an aanbod (aanbodId)' });
    }
  })
  // Jeugdhulp is delivered by a provider that the toewijzing names (iJw JW301 — DOMAIN.md §1.5).
  .refine((t) => t.route === 'onderwijs' || t.providerId !== undefined || t.aanbodId !== undefined, {
    message: 'is required for the jeugdhulp and gecombineerd routes (or name an aanbodId)',
    path: ['providerId'],
  });
export type ToewijzingRequest = z.infer<typeof toewijzingRequestSchema>;

export const SUPPORT_KINDS = [
  'ambulante_begeleiding',
  'onderwijsarrangement',
  'onderwijszorgarrangement',
  'jeugdhulp_ambulant',
  'jeugdhulp_dagbehandeling',
  'plaatsing_gespecialiseerd_onderwijs',
  'overig',
] as const;
export const INTENSITY_LEVELS = ['licht', 'middel', 'intensief'] as const;
export const SUPPORT_LOCATIONS = ['school', 'thuis', 'aanbieder', 'elders'] as const;

/** The evaluation date must fall inside the arrangement's period, and the period must not run backwards. */
function periodIssues<T extends { startDate: string; endDate: string; evaluationDate: string }>(value: T, ctx: z.RefinementCtx): void {
  if (value.endDate < value.startDate) {
    ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'must not be before startDate' });
  }
  const evaluation = toInstant(value.evaluationDate);
  if (evaluation > toInstant(value.endDate) + 86_400_000) {
    ctx.addIssue({ code: 'custom', path: ['evaluationDate'], message: 'must not be after endDate' });
  }
}

export const arrangementRequestSchema = z
  .object({
    goals: z.array(text(500)).min(1, 'name at least one goal').max(10, 'at most 10 goals'),
    kind: z.enum(SUPPORT_KINDS),
    intensity: z
      .object({ level: z.enum(INTENSITY_LEVELS), hoursPerWeek: z.number().positive('must be more than 0').max(40, 'must be at most 40') })
      .strict(),
    location: z.object({ kind: z.enum(SUPPORT_LOCATIONS), description: text(200).optional() }).strict(),
    startDate: CALENDAR_DATE,
    endDate: CALENDAR_DATE,
    evaluationDate: DATE_OR_INSTANT,
    /**
     * The arrangement is (part of) the handelingsdeel of the pupil's OPP: the parents' instemming is awaited before
     * approval (WPO art. 40a, WVO art. 26 — DOMAIN.md §1.2; ADR 0019). Stated by the school, which writes the OPP.
     */
    oppHandelingsdeel: z.boolean().optional().describe("Part of the OPP's handelingsdeel: approval waits for the parents' instemming (ADR 0019)"),
    /** The arrangement is applied for with a TLV (SBO/SO/VSO): a parent with gezag signs the application (DOMAIN.md §3.1). */
    tlvAanvraag: z.boolean().optional().describe('Applied for with a TLV: approval waits for a parent with gezag to sign (ADR 0019)'),
  })
  .strict()
  .superRefine(periodIssues);
export type ArrangementRequest = z.infer<typeof arrangementRequestSchema>;

export const approveArrangementRequestSchema = z.object({ note: text(1000).optional() }).strict();
export type ApproveArrangementRequest = z.infer<typeof approveArrangementRequestSchema>;

export const rejectArrangementRequestSchema = z.object({ reason: text(1000) }).strict();
export type RejectArrangementRequest = z.infer<typeof rejectArrangementRequestSchema>;

export const EVALUATION_OUTCOMES = ['afsluiten', 'verlengen', 'bijstellen', 'opschalen'] as const;
export type EvaluationOutcome = (typeof EVALUATION_OUTCOMES)[number];

export const evaluationRequestSchema = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('afsluiten'), summary: text(2000) }).strict(),
  z
    .object({ outcome: z.literal('verlengen'), summary: text(2000), endDate: CALENDAR_DATE, evaluationDate: DATE_OR_INSTANT })
    .strict()
    .superRefine((v, ctx) => {
      if (toInstant(v.evaluationDate) > toInstant(v.endDate) + 86_400_000) {
        ctx.addIssue({ code: 'custom', path: ['evaluationDate'], message: 'must not be after endDate' });
      }
    }),
  z.object({ outcome: z.literal('bijstellen'), summary: text(2000) }).strict(),
  z.object({ outcome: z.literal('opschalen'), summary: text(2000) }).strict(),
], { message: 'outcome must be one of afsluiten, verlengen, bijstellen, opschalen' });
export type EvaluationRequest = z.infer<typeof evaluationRequestSchema>;

export const withdrawReferralRequestSchema = z.object({ reason: text(1000) }).strict();
export type WithdrawReferralRequest = z.infer<typeof withdrawReferralRequestSchema>;
