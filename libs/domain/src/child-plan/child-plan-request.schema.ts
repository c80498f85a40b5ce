import { z } from 'zod';
import { BRIN, SCHOOL_SECTORS } from '../school/school-sector';
import { CALENDAR_DATE, DATE_OR_INSTANT, toInstant } from '../time/amsterdam-time';
import { NON_SCHOOL_DESTINATIONS, isAllowedRoute, isSchoolDestination, TRANSITION_DESTINATIONS } from './transition-route';

/**
 * Request bodies of the child's plan and its overstappen (issue 4). As with the referral, these schemas
 * are the single source of validation for the API and the plan workflow's Update validators.
 */

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

/** A transition id as the plan hands it out: `overstap-<n>`. */
export const TRANSITION_ID = z.string().regex(/^overstap-\d{1,6}$/, 'must be a transition id such as overstap-1');

const destinationSchema = z
  .object({
    sector: z.enum(TRANSITION_DESTINATIONS, { message: `must be one of ${TRANSITION_DESTINATIONS.join(', ')}` }),
    /** The receiving school; absent when the pupil leaves school for arbeid or dagbesteding. */
    brin: BRIN.optional(),
  })
  .strict()
  .superRefine((to, ctx) => {
    if (isSchoolDestination(to.sector) && to.brin === undefined) ctx.addIssue({ code: 'custom', path: ['brin'], message: 'is required when the destination is a school' });
    if (!isSchoolDestination(to.sector) && to.brin !== undefined) ctx.addIssue({ code: 'custom', path: ['brin'], message: `must be omitted for ${NON_SCHOOL_DESTINATIONS.join(' or ')}` });
  });

/**
 * Schedules an overstap. The start date may be an exact instant, like the evaluation date, so that
 * operators (and tests on the real server) can set a near start.
 */
export const scheduleTransitionRequestSchema = z
  .object({
    from: z.object({ brin: BRIN, sector: z.enum(SCHOOL_SECTORS) }).strict(),
    to: destinationSchema,
    startDate: DATE_OR_INSTANT,
    reason: text(1000).optional(),
  })
  .strict()
  .superRefine((t, ctx) => {
    if (!isAllowedRoute(t.from.sector, t.to.sector)) {
      ctx.addIssue({ code: 'custom', path: ['to', 'sector'], message: `an overstap from ${t.from.sector} to ${t.to.sector} is not a known route` });
    }
    if (t.to.brin !== undefined && t.to.brin === t.from.brin) ctx.addIssue({ code: 'custom', path: ['to', 'brin'], message: 'must differ from the current school' });
  });
export type ScheduleTransitionRequest = z.infer<typeof scheduleTransitionRequestSchema>;

/** The receiving school received the written aanmelding; its zorgplicht clock starts that day (DOMAIN.md §1.1). */
export const aanmeldingRequestSchema = z
  .object({
    receivedOn: CALENDAR_DATE,
    /** The parents said they expect extra support to be needed (they must, at aanmelding). */
    supportNeedExpected: z.boolean(),
  })
  .strict();
export type AanmeldingRequest = z.infer<typeof aanmeldingRequestSchema>;

export const OVERDRACHT_DOCUMENT_KINDS = ['onderwijskundig_rapport', 'opp', 'overstapdossier', 'groeidocument'] as const;
export const OVERDRACHT_CHANNELS = ['oso', 'beveiligde_mail', 'anders'] as const;

/**
 * The overdracht: Schakel keeps the reference and metadata of the onderwijskundig rapport, never the
 * document itself (it travels through OSO — DOMAIN.md §1.10), with the parents' zienswijze.
 */
export const overdrachtRequestSchema = z
  .object({
    documents: z
      .array(
        z
          .object({
            kind: z.enum(OVERDRACHT_DOCUMENT_KINDS),
            reference: z.string().regex(/^[A-Za-z0-9._:/-]{3,120}$/, 'must be a document reference of 3-120 letters, digits or . _ : / -'),
            sentOn: CALENDAR_DATE,
            channel: z.enum(OVERDRACHT_CHANNELS),
          })
          .strict(),
      )
      .min(1, 'name at least the onderwijskundig rapport')
      .max(10, 'at most 10 documents')
      .refine((docs) => docs.some((d) => d.kind === 'onderwijskundig_rapport'), 'must include the onderwijskundig_rapport (legally required at every overstap)'),
    parentsZienswijze: z
      .object({ given: z.boolean(), summary: text(2000).optional() })
      .strict()
      .refine((z1) => z1.given || z1.summary === undefined, { message: 'must be omitted when no zienswijze was given', path: ['summary'] }),
  })
  .strict();
export type OverdrachtRequest = z.infer<typeof overdrachtRequestSchema>;

export const tlvApplicationRequestSchema = z.object({ appliedOn: CALENDAR_DATE }).strict();
export type TlvApplicationRequest = z.infer<typeof tlvApplicationRequestSchema>;

export const TLV_BEKOSTIGINGSCATEGORIEEN = ['laag', 'midden', 'hoog'] as const;

/** The SWV's TLV decision: when granted, its validity period (geldigVan-geldigTot — DOMAIN.md §1.3). */
export const tlvDecisionRequestSchema = z.discriminatedUnion(
  'decision',
  [
    z
      .object({
        decision: z.literal('afgegeven'),
        decidedOn: CALENDAR_DATE,
        validFrom: DATE_OR_INSTANT,
        validUntil: DATE_OR_INSTANT,
        category: z.enum(TLV_BEKOSTIGINGSCATEGORIEEN).optional(),
      })
      .strict()
      .refine((t) => toInstant(t.validUntil) > toInstant(t.validFrom), { message: 'must be after validFrom', path: ['validUntil'] }),
    z.object({ decision: z.literal('geweigerd'), decidedOn: CALENDAR_DATE, reason: text(1000) }).strict(),
  ],
  { message: 'decision must be afgegeven or geweigerd' },
);
export type TlvDecisionRequest = z.infer<typeof tlvDecisionRequestSchema>;

/** The receiving school board's decision on admission; a refusal under zorgplicht names the school that admits instead. */
export const admissionDecisionRequestSchema = z.discriminatedUnion(
  'outcome',
  [
    z.object({ outcome: z.literal('toegelaten'), decidedOn: CALENDAR_DATE, note: text(1000).optional() }).strict(),
    z.object({ outcome: z.literal('afgewezen'), decidedOn: CALENDAR_DATE, reason: text(1000), alternativeBrin: BRIN.optional() }).strict(),
  ],
  { message: 'outcome must be toegelaten or afgewezen' },
);
export type AdmissionDecisionRequest = z.infer<typeof admissionDecisionRequestSchema>;

export const WARME_OVERDRACHT_PARTICIPANTS = ['mentor', 'intern_begeleider', 'zorgcoordinator', 'intaker', 'regisseur', 'ouders', 'leerling', 'jeugdhulp'] as const;

export const warmeOverdrachtRequestSchema = z
  .object({
    heldOn: CALENDAR_DATE,
    participants: z.array(z.enum(WARME_OVERDRACHT_PARTICIPANTS)).min(2, 'a warme overdracht has at least two participants').max(8),
    summary: text(2000),
  })
  .strict();
export type WarmeOverdrachtRequest = z.infer<typeof warmeOverdrachtRequestSchema>;

export const ARRANGEMENT_CONTINUATIONS = ['voortgezet', 'herbeoordeeld', 'beeindigd'] as const;
export type ArrangementContinuation = (typeof ARRANGEMENT_CONTINUATIONS)[number];

/** What happens to each running arrangement of the plan at the overstap. */
export const arrangementContinuationRequestSchema = z
  .object({
    arrangements: z
      .array(z.object({ referralId: z.uuid('must be a referral id'), outcome: z.enum(ARRANGEMENT_CONTINUATIONS), note: text(1000).optional() }).strict())
      .max(50)
      .refine((list) => new Set(list.map((a) => a.referralId)).size === list.length, 'names a referral twice'),
  })
  .strict();
export type ArrangementContinuationRequest = z.infer<typeof arrangementContinuationRequestSchema>;

export const confirmTransitionRequestSchema = z.object({ note: text(1000).optional() }).strict();
export const cancelTransitionRequestSchema = z.object({ reason: text(1000) }).strict();

/** A change of regisseur is an explicit handover: to whom and why (één kind, één regisseur). */
export const regisseurHandoverRequestSchema = z
  .object({ toRegisseurId: z.string().trim().min(1, 'must name the new regisseur').max(200), reason: text(1000) })
  .strict();
export type RegisseurHandoverRequest = z.infer<typeof regisseurHandoverRequestSchema>;
