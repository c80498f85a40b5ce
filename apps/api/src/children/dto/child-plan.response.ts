import { z } from 'zod';
import {
  aanmeldingRequestSchema,
  admissionDecisionRequestSchema,
  arrangementContinuationRequestSchema,
  ARRANGEMENT_STATUSES,
  CHILD_PLAN_EVENT_TYPES,
  ChildPlanMachine,
  DEADLINE_RULE_IDS,
  EVALUATION_OUTCOMES,
  overdrachtRequestSchema,
  REFERRAL_STAGES,
  SCHOOL_SECTORS,
  SUPPORT_KINDS,
  TLV_BEKOSTIGINGSCATEGORIEEN,
  TRANSITION_DESTINATIONS,
  TRANSITION_STATUSES,
  VOORSCHOOL_KINDS,
  voorschoolConsentRequestSchema,
  voorschoolOverdrachtRequestSchema,
  warmeOverdrachtRequestSchema,
  type ChildPlanEvent,
  type ChildPlanState,
  type Transition,
} from '@schakel/domain';
import { actorRefSchema, INSTANT, runningDeadlineResponseSchema } from '../../openapi/common.response';

/**
 * The child's whole path as one view (issue 4 §3), documented from the same zod schemas OpenAPI shows.
 * `toChildPlanResponse` is typed against these schemas, so a change to the plan's state that the view
 * does not describe fails to compile rather than reaching clients undocumented.
 */

const DAY_OR_INSTANT = z.string().describe('YYYY-MM-DD, or an ISO 8601 instant');
const recorded = { recordedBy: actorRefSchema, recordedAt: INSTANT };

const schoolRefSchema = z.object({ brin: z.string(), sector: z.enum(SCHOOL_SECTORS) });

const planSchoolSchema = z
  .object({
    sector: z.enum(TRANSITION_DESTINATIONS).describe('A school sector, or arbeid/dagbesteding after uitstroom'),
    brin: z.string().optional().describe('Absent after uitstroom out of school'),
    from: INSTANT,
    until: INSTANT.optional().describe('Absent for the school the pupil attends now'),
    transitionId: z.string().optional().describe('The overstap that brought the pupil here'),
  })
  .meta({ id: 'ChildPlanSchool' });

const regisseurPeriodSchema = z
  .object({
    regisseurId: z.string(),
    from: INSTANT,
    until: INSTANT.optional().describe('Absent for the current regisseur'),
    assignedBy: actorRefSchema,
    referralId: z.uuid().optional().describe("The referral whose toewijzing named the child's first regisseur"),
    reason: z.string().optional().describe('Why the plan was handed over to this regisseur'),
  })
  .meta({ id: 'RegisseurPeriod' });

const planReferralSchema = z
  .object({
    referralId: z.uuid(),
    region: z.string(),
    school: schoolRefSchema,
    stage: z.enum(REFERRAL_STAGES),
    thuiszitter: z.boolean(),
    regisseurId: z.string().nullable(),
    providerId: z.string().nullable(),
    arrangement: z
      .object({
        version: z.number().int(),
        kind: z.enum(SUPPORT_KINDS),
        status: z.enum(ARRANGEMENT_STATUSES),
        startDate: DAY_OR_INSTANT,
        endDate: DAY_OR_INSTANT,
        evaluationDate: DAY_OR_INSTANT,
      })
      .nullable()
      .describe("The referral's current arrangement and its period; null before one is drafted"),
    evaluations: z.array(z.object({ outcome: z.enum(EVALUATION_OUTCOMES), arrangementVersion: z.number().int(), at: INSTANT })),
    createdAt: INSTANT,
    closedAt: INSTANT.nullable(),
    version: z.number().int().describe("The referral's own version as last reported to the plan"),
    links: z.object({ self: z.string() }),
  })
  .meta({ id: 'ChildPlanReferral' });

const planDeadlineSchema = runningDeadlineResponseSchema;

const tlvDecisionSchema = z
  .discriminatedUnion('decision', [
    z.object({
      decision: z.literal('afgegeven'),
      decidedOn: z.string(),
      validFrom: DAY_OR_INSTANT,
      validUntil: DAY_OR_INSTANT,
      category: z.enum(TLV_BEKOSTIGINGSCATEGORIEEN).optional(),
    }),
    z.object({ decision: z.literal('geweigerd'), decidedOn: z.string(), reason: z.string() }),
  ])
  .meta({ id: 'TlvDecision' });

const voorschoolOriginSchema = z
  .object({ sector: z.literal('voorschool'), org: z.string().describe("The voorschool organisation's code (a provider in Schakel)"), kind: z.enum(VOORSCHOOL_KINDS) })
  .meta({ id: 'VoorschoolOrigin' });

const voorschoolPathSchema = z
  .object({
    veIndicatie: z.boolean(),
    supportNeeded: z.boolean().describe('With a VE indicatie or concerns a warme overdracht is needed before confirmation'),
    thirdBirthday: z.string().describe('An aanmelding has legal effect from this day (DOMAIN-PROVIDERS.md §3.2)'),
    overdrachtDueOn: z.string().describe("The overdracht is due on this day: the age the region's policy sets (voorschoolOverdracht.atAge)"),
    consent: voorschoolConsentRequestSchema.safeExtend({ ...recorded, complete: z.boolean().describe('Every parent with gezag consented in writing') }).optional(),
    overdracht: voorschoolOverdrachtRequestSchema
      .safeExtend({ ...recorded, shared: z.enum(['volledig', 'alleen_ve', 'niets']).describe('alleen_ve: without consent only the VE programme and its duration passed') })
      .optional(),
  })
  .meta({ id: 'VoorschoolPath' });

const transitionSchema = z
  .object({
    transitionId: z.string().describe('overstap-<n>; its path segment in /transitions/:transitionId'),
    kind: z.enum(['overstap', 'tussentijds', 'uitstroom', 'voorschool']).describe('voorschool: from voorschoolse educatie or peuteropvang to the basisschool (issue 11 §5)'),
    status: z.enum(TRANSITION_STATUSES),
    from: z.union([schoolRefSchema, voorschoolOriginSchema]),
    to: z.object({ sector: z.enum(TRANSITION_DESTINATIONS), brin: z.string().optional() }),
    startDate: DAY_OR_INSTANT.describe('As requested'),
    startsAt: INSTANT,
    needsTlv: z.boolean().describe('SBO, SO, VSO and PRO admit only with a TLV (DOMAIN.md §1.3)'),
    zorgplicht: z.boolean().describe('The receiving board has zorgplicht after the aanmelding (DOMAIN.md §1.1)'),
    mboEntry: z.boolean().describe('Entry into MBO: aanmelding by 1 April gives toelatingsrecht (DOMAIN.md §1.11)'),
    reason: z.string().optional(),
    policyVersion: z.string().describe('The deadline policy version the overstap was scheduled under; it keeps it'),
    scheduledBy: actorRefSchema,
    scheduledAt: INSTANT,
    aanmelding: aanmeldingRequestSchema.safeExtend({ ...recorded, toelatingsrecht: z.boolean().optional() }).optional(),
    overdracht: overdrachtRequestSchema.safeExtend(recorded).optional().describe('Reference and metadata of the documents, never the documents (they travel through OSO)'),
    tlv: z
      .object({ appliedOn: z.string().optional(), decision: tlvDecisionSchema.optional(), recordedBy: actorRefSchema.optional(), recordedAt: INSTANT.optional() })
      .optional(),
    admission: z.intersection(admissionDecisionRequestSchema, z.object(recorded)).optional().describe("The receiving board's decision"),
    warmeOverdracht: warmeOverdrachtRequestSchema.safeExtend(recorded).optional(),
    arrangementContinuations: arrangementContinuationRequestSchema.safeExtend(recorded).optional().describe('What happens to each running arrangement'),
    confirmed: z.object({ by: actorRefSchema, at: INSTANT, note: z.string().optional() }).optional(),
    completedAt: INSTANT.optional().describe('The start date passed with the overstap confirmed'),
    cancelled: z.object({ by: actorRefSchema, at: INSTANT, reason: z.string() }).optional(),
    deadlines: z.array(planDeadlineSchema).describe("Every term of this overstap, open and closed, in the order they opened"),
    voorschool: voorschoolPathSchema.optional().describe('Only on a voorschool → PO overstap'),
  })
  .meta({ id: 'Transition' });

const openDeadlineSchema = z
  .object({
    id: z.string().describe('Its path segment in /deadlines/:deadlineId'),
    rule: z.enum(DEADLINE_RULE_IDS),
    transitionId: z.string(),
    openedAt: INSTANT,
    dueAt: INSTANT,
    level: z.number().int().describe('Escalation levels that have fired (0: none)'),
    pausedAt: INSTANT.optional(),
  })
  .meta({ id: 'ChildPlanOpenDeadline' });

const planEventSchema = z
  .object({
    seq: z.number().int(),
    type: z.enum(CHILD_PLAN_EVENT_TYPES),
    at: INSTANT,
    actor: actorRefSchema.describe('Who did it; the system actor for what happened by itself (a deadline, a start date)'),
    requestId: z.string().optional().describe('The X-Request-Id of the request that did it'),
    transitionId: z.string().optional(),
    referralId: z.uuid().optional(),
    data: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'ChildPlanEvent' });

export const childPlanResponseSchema = z
  .object({
    childRef: z.string(),
    region: z.string(),
    createdAt: INSTANT,
    updatedAt: INSTANT,
    school: schoolRefSchema.safeExtend({ since: INSTANT }).nullable().describe('The school the pupil attends now; null before one is known or after uitstroom'),
    schools: z.array(planSchoolSchema).describe('Schools and sectors in time order'),
    regisseur: regisseurPeriodSchema.nullable().describe('Één kind, één regisseur: null until the first toewijzing names one'),
    regisseurHistory: z.array(regisseurPeriodSchema).describe('Every regisseur of the plan in time order, the current one last'),
    referrals: z.array(planReferralSchema).describe('Referrals in the plan, oldest first'),
    transitions: z.array(transitionSchema).describe('Overstappen by start date'),
    openDeadlines: z.array(openDeadlineSchema).describe('Terms still running, the first due first'),
    timeline: z.array(planEventSchema).describe('What happened in the plan, in time order'),
    version: z.number().int().describe('Number of timeline events; a refused step leaves it unchanged'),
    links: z.object({ self: z.string() }),
  })
  .meta({ id: 'ChildPlan' });
export type ChildPlanResponseDto = z.output<typeof childPlanResponseSchema>;
type TransitionDto = ChildPlanResponseDto['transitions'][number];

export function childPlanPath(childRef: string): string {
  return `/api/children/${childRef}/plan`;
}

/** By a time key, keeping the plan's own order for ties (Array.prototype.sort is stable). */
function byTime<T>(items: readonly T[], key: (item: T) => string): T[] {
  return [...items].sort((a, b) => Date.parse(key(a)) - Date.parse(key(b)));
}

/** The overstap as clients see it: the resolved policy stays in the workflow, only its version is shown. */
function toTransition(transition: Transition): TransitionDto {
  const { policy, ...rest } = transition;
  return { ...rest, policyVersion: policy.version };
}

export function toChildPlanResponse(state: ChildPlanState, events: readonly ChildPlanEvent[]): ChildPlanResponseDto {
  const open = ChildPlanMachine.restore(state, []).openDeadlines();
  return {
    childRef: state.childRef,
    region: state.region,
    createdAt: state.createdAt,
    updatedAt: state.updatedAt,
    school: state.school,
    schools: byTime(state.schools, (s) => s.from),
    regisseur: state.regisseur,
    regisseurHistory: byTime(state.regisseurHistory, (r) => r.from),
    referrals: byTime(state.referrals, (r) => r.createdAt).map((r) => ({ ...r, links: { self: `/api/referrals/${r.referralId}` } })),
    transitions: byTime(state.transitions, (t) => t.startsAt).map(toTransition),
    openDeadlines: byTime(open, (d) => d.dueAt).map((d) => ({
      id: d.id,
      rule: d.rule,
      transitionId: d.transitionId,
      openedAt: d.openedAt,
      dueAt: d.dueAt,
      level: d.level,
      ...(d.pausedAt === undefined ? {} : { pausedAt: d.pausedAt }),
    })),
    timeline: [...events].sort((a, b) => a.seq - b.seq),
    version: state.version,
    links: { self: childPlanPath(state.childRef) },
  };
}
