import type { DeadlineRule, DeadlinePolicy, HolidayRegionId, WachtlijstOrdering, WachtlijstRuleId } from '../deadline/deadline-policy.schema';
import { WACHTLIJST_RULE_IDS } from '../deadline/deadline-policy.schema';
import { NATIONAL_WACHTLIJST_POLICY } from '../deadline/national-deadline-policy.data';

/**
 * The wachtlijst rules that apply to one aanbod's list: resolved once from the policy for the aanbod's region
 * and handed to the list's workflow, which never reads configuration (CONVENTIONS.md 5). The shape fits
 * DeadlineClock, so waiting terms are counted exactly as every other term.
 */
export interface ResolvedWachtlijstPolicy {
  version: string;
  region: string;
  holidayRegion: HolidayRegionId;
  ordering: WachtlijstOrdering;
  rules: Record<WachtlijstRuleId, DeadlineRule>;
}

/**
 * Region overrides work as for the deadline rules: a region may replace the order and any field of a rule.
 * A policy file without a wachtlijst section (written before issue 11) gets the national one.
 */
export function resolveWachtlijstPolicy(policy: DeadlinePolicy, region: string): ResolvedWachtlijstPolicy {
  const base = policy.wachtlijst ?? NATIONAL_WACHTLIJST_POLICY;
  const regional = policy.regions[region];
  const override = regional?.wachtlijst;
  const overridden = (override?.rules ?? {}) as Partial<Record<WachtlijstRuleId, Partial<DeadlineRule>>>;
  const rules = Object.fromEntries(WACHTLIJST_RULE_IDS.map((id) => [id, { ...base.rules[id], ...(overridden[id] ?? {}) }])) as Record<WachtlijstRuleId, DeadlineRule>;
  return {
    version: policy.version,
    region,
    holidayRegion: regional?.holidayRegion ?? policy.defaultHolidayRegion,
    ordering: override?.ordering ?? base.ordering,
    rules,
  };
}
