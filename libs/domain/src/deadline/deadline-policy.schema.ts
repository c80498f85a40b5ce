import { z } from 'zod';
import { ROLES } from '../actor/actor';
import { NATIONAL_RETENTION_POLICY, retentionPolicySchema } from '../retention/retention-policy.schema';
import { TOESTEMMING_RULE } from './toestemming.rule';
import { VOORSCHOOL_OVERDRACHT_RULE } from './voorschool-overdracht.rule';

/**
 * A term as a rule states it. `seconden` exists for test policies only: the workflow specs run on the
 * real dev server, where a deadline must pass within seconds (CONVENTIONS.md, "Tests by cost").
 */
export const DEADLINE_TERM_UNITS = ['seconden', 'kalenderdagen', 'werkdagen', 'weken', 'schoolweken'] as const;
export type DeadlineTermUnit = (typeof DEADLINE_TERM_UNITS)[number];

export const deadlineTermSchema = z.object({
  amount: z.number().int('must be a whole number').min(0, 'must not be negative'),
  unit: z.enum(DEADLINE_TERM_UNITS),
}).strict();
export type DeadlineTerm = z.infer<typeof deadlineTermSchema>;

/**
 * Who is told when a deadline escalates, relative to the case: the school that referred, the loket,
 * leerplicht or gemeente of the case's region, the assigned regisseur or provider; in an overstap also the
 * receiving school (`school` is then the sending school).
 */
export const ESCALATION_TARGETS = ['school', 'region', 'regisseur', 'provider', 'receivingSchool'] as const;
export const escalationRecipientSchema = z.object({ role: z.enum(ROLES), via: z.enum(ESCALATION_TARGETS) }).strict();
export type EscalationRecipient = z.infer<typeof escalationRecipientSchema>;

export const deadlineRuleSchema = z
  .object({
    description: z.string().min(1),
    /** The term from the moment the step opens to its due date. */
    term: deadlineTermSchema,
    /** Statutory terms end on the next working day when they end on a weekend or Atw holiday (CALENDAR.md §4). */
    atw: z.boolean().default(false),
    /** A reminder to whoever must act, this long before the due date. */
    reminderBefore: deadlineTermSchema.optional(),
    /**
     * The escalation ladder: level n fires `after` the due date and tells `to`. Levels climb one at a
     * time (assignee → loket → regisseur/leerplicht → gemeente/thuiszittertafel — DESIGN.md "Escalation").
     */
    escalation: z
      .array(z.object({ after: deadlineTermSchema, to: z.array(escalationRecipientSchema).min(1) }).strict())
      .min(1, 'needs at least one escalation level')
      // A step escalates the moment it passes (issue 3 §3), so "overdue" and "escalated" coincide.
      .refine((ladder) => ladder[0]?.after.amount === 0, { message: 'the first level must fire at the due date (after.amount 0)', path: [0, 'after', 'amount'] }),
    /** Whether and how far the term may be extended; absent: it may not. */
    extension: z.object({ max: deadlineTermSchema, times: z.number().int().min(1) }).strict().optional(),
    source: z.string().min(1, 'every rule names its source'),
    /**
     * For a term anchored to the child's age rather than to a step: due at the end of the day the child
     * reaches this age (the voorschool overdracht at 3 years 10 months, a region setting — DOMAIN-PROVIDERS.md §3.3).
     */
    atAge: z.object({ years: z.number().int().min(0).max(18), months: z.number().int().min(0).max(11) }).strict().optional(),
  })
  .strict();
export type DeadlineRule = z.infer<typeof deadlineRuleSchema>;

export const DEADLINE_RULE_IDS = [
  'toewijzing',
  'arrangementApproval',
  'evaluation',
  'zorgplicht',
  'opp',
  'oppEvaluation',
  'thuiszitter',
  // The overstap between schools (issue 4): confirmed before the start date, the TLV decision and its
  // re-assessment, and the MBO aanmelding by 1 April.
  'overstapBevestiging',
  'tlvBesluit',
  'tlvHerbeoordeling',
  'mboAanmelding',
  // The voorschool → PO overstap (issue 11 §5): the overdracht of the voorschool, due at the age the region sets.
  'voorschoolOverdracht',
  // A consent gate of the referral (issue 11 §6, ADR 0019): the parents' or young person's toestemming awaited.
  'toestemming',
] as const;
export type DeadlineRuleId = (typeof DEADLINE_RULE_IDS)[number];

const HOLIDAY_REGION = z.enum(['noord', 'midden', 'zuid']);

/**
 * Wachtlijsten (issue 11 §3-4) live in the same versioned policy as the deadlines, so a list's order and its
 * waiting norms change only with a new policy version, as every other term does. Their rules are ordinary
 * deadline rules (term, reminder, ladder, source), counted by the same DeadlineClock from the day a case
 * started waiting; their ids are kept apart from DEADLINE_RULE_IDS, so a policy file written before issue 11
 * stays valid and simply gets the national wachtlijst section (resolveWachtlijstPolicy).
 */
export const WACHTLIJST_RULE_IDS = [
  // Waiting with overbruggingszorg recorded: the norm of the whole wait (Treeknorm 14 weeks — DOMAIN-PROVIDERS.md §2.1).
  'wachttijd',
  // Waiting without overbrugging: escalates sooner (the netto > 9 weeks count — DOMAIN-PROVIDERS.md §2.1).
  'wachttijdZonderOverbrugging',
  // Anchored to the day the beschikking or TLV ends: reminder before, `verlopen` at its end (§6 "lapsed").
  'wachtlijstVerlopen',
] as const;
export type WachtlijstRuleId = (typeof WACHTLIJST_RULE_IDS)[number];

/**
 * Criteria that order a wachtlijst, most important first: thuiszitters (DOMAIN.md §1.7), urgency, cases without
 * overbrugging, then the longest wait. Ties always fall to the longest wait and then to the order of arrival,
 * so the order is total and the same on every replay.
 */
export const WACHTLIJST_ORDER_CRITERIA = ['thuiszitter', 'urgentie', 'zonderOverbrugging', 'langstWachtend'] as const;
export type WachtlijstOrderCriterion = (typeof WACHTLIJST_ORDER_CRITERIA)[number];

export const wachtlijstOrderingSchema = z
  .object({
    criteria: z
      .array(z.enum(WACHTLIJST_ORDER_CRITERIA))
      .min(1, 'needs at least one criterion')
      .refine((criteria) => new Set(criteria).size === criteria.length, 'names each criterion at most once'),
    source: z.string().min(1, 'every rule names its source'),
  })
  .strict();
export type WachtlijstOrdering = z.infer<typeof wachtlijstOrderingSchema>;

const wachtlijstRulesSchema = z.object(Object.fromEntries(WACHTLIJST_RULE_IDS.map((id) => [id, deadlineRuleSchema])) as Record<WachtlijstRuleId, typeof deadlineRuleSchema>).strict();

export const wachtlijstPolicySchema = z.object({ ordering: wachtlijstOrderingSchema, rules: wachtlijstRulesSchema }).strict();
export type WachtlijstPolicy = z.infer<typeof wachtlijstPolicySchema>;

/** A region's deviations, as for the deadline rules: another order, or other fields of a rule. */
const wachtlijstOverrideSchema = z
  .object({
    ordering: wachtlijstOrderingSchema.optional(),
    rules: z.object(Object.fromEntries(WACHTLIJST_RULE_IDS.map((id) => [id, deadlineRuleSchema.partial().optional()]))).strict().default({}),
  })
  .strict();

/**
 * Rules added after a policy file format was released may be left out of a file: it then gets the national
 * rule (resolveDeadlinePolicy), so a region's policy written before issue 11 stays valid.
 */
type LaterRuleId = 'voorschoolOverdracht' | 'toestemming';
const LATER_RULE_DEFAULTS: Record<LaterRuleId, DeadlineRule> = { voorschoolOverdracht: VOORSCHOOL_OVERDRACHT_RULE, toestemming: TOESTEMMING_RULE };
const isLaterRule = (id: DeadlineRuleId): id is LaterRuleId => id in LATER_RULE_DEFAULTS;

const rulesSchema = z
  .object({
    ...(Object.fromEntries(DEADLINE_RULE_IDS.filter((id) => !isLaterRule(id)).map((id) => [id, deadlineRuleSchema])) as Record<Exclude<DeadlineRuleId, LaterRuleId>, typeof deadlineRuleSchema>),
    voorschoolOverdracht: deadlineRuleSchema.optional(),
    toestemming: deadlineRuleSchema.optional(),
  })
  .strict();

/** Per-region deviations: an SWV may agree shorter terms or another ladder (DOMAIN.md §1.3: terms vary per SWV). */
const regionOverrideSchema = z
  .object({
    /** The school-holiday region (noord/midden/zuid) whose schoolweken this region's terms count. */
    holidayRegion: HOLIDAY_REGION.optional(),
    rules: z.object(Object.fromEntries(DEADLINE_RULE_IDS.map((id) => [id, deadlineRuleSchema.partial().optional()]))).strict().default({}),
    /** The region's wachtlijst order and norms (issue 11 §3-4), merged over the policy's own section. */
    wachtlijst: wachtlijstOverrideSchema.optional(),
  })
  .strict();

export const deadlinePolicySchema = z
  .object({
    /** Versioned: a case keeps the version it started under (issue 3 §2). */
    version: z.string().regex(/^\d{4}\.\d+(-[a-z0-9]+)?$/, 'must look like 2026.1'),
    name: z.string().min(1),
    source: z.string().min(1),
    defaultHolidayRegion: HOLIDAY_REGION,
    rules: rulesSchema,
    regions: z.record(z.string().regex(/^[A-Za-z0-9._-]{2,40}$/, 'region ids are organisation codes'), regionOverrideSchema).default({}),
    /** Bewaartermijnen of closed cases (issue 5 §5); the national terms when the file names none. */
    retention: retentionPolicySchema.default(NATIONAL_RETENTION_POLICY),
    /** Wachtlijst order and waiting norms (issue 11 §3-4); absent: the national section (resolveWachtlijstPolicy). */
    wachtlijst: wachtlijstPolicySchema.optional(),
  })
  .strict();
export type DeadlinePolicy = z.infer<typeof deadlinePolicySchema>;
/** A policy as a SCHAKEL_POLICY_FILE may state it: defaults (regions, retention) may be left out. */
export type DeadlinePolicyFile = z.input<typeof deadlinePolicySchema>;
export type HolidayRegionId = z.infer<typeof HOLIDAY_REGION>;

/** The rules that apply to one case: the policy for its region, resolved once when the case starts. */
export interface ResolvedDeadlinePolicy {
  version: string;
  region: string;
  holidayRegion: HolidayRegionId;
  rules: Record<DeadlineRuleId, DeadlineRule>;
}

/**
 * A case keeps the policy it started under (ADR 0004), so a case from before a later rule existed has no such
 * rule in its resolved policy: it gets the national rule when it first needs it (the consent gate, ADR 0019).
 */
export function withLaterRules(policy: ResolvedDeadlinePolicy): ResolvedDeadlinePolicy {
  const missing = (Object.keys(LATER_RULE_DEFAULTS) as LaterRuleId[]).filter((id) => policy.rules[id] === undefined);
  if (missing.length === 0) return policy;
  return { ...policy, rules: { ...policy.rules, ...Object.fromEntries(missing.map((id) => [id, LATER_RULE_DEFAULTS[id]])) } };
}

export function resolveDeadlinePolicy(policy: DeadlinePolicy, region: string): ResolvedDeadlinePolicy {
  const override = policy.regions[region];
  const rules = Object.fromEntries(
    DEADLINE_RULE_IDS.map((id) => [id, { ...(policy.rules[id] ?? (isLaterRule(id) ? LATER_RULE_DEFAULTS[id] : undefined)), ...(override?.rules[id] ?? {}) }]),
  ) as Record<DeadlineRuleId, DeadlineRule>;
  return { version: policy.version, region, holidayRegion: override?.holidayRegion ?? policy.defaultHolidayRegion, rules };
}
