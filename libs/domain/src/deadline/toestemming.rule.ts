import type { DeadlineRule } from './deadline-policy.schema';

/**
 * How long a consent gate (issue 11 §6, ADR 0019) may wait for the parents' or the young person's toestemming
 * before it escalates. No statute sets a term for giving consent: the law only says the step may not happen
 * without it (Jeugdwet art. 7.3.4; WPO art. 40a / WVO art. 26 for the OPP handelingsdeel; DOMAIN.md §3.1 for the
 * TLV form). A case that waits silently for a signature is a road to thuiszitten (DOMAIN-PROVIDERS.md §2.3), so
 * Schakel gives it the same shape as the toewijzing and approval terms: 10 werkdagen, a reminder 3 werkdagen
 * before to the loket (who asks the family again, on paper if need be), then the loket and the regisseur, then
 * the gemeente. A region sets its own term through an override, as for every rule.
 */
export const TOESTEMMING_RULE: DeadlineRule = {
  description: 'De ouders of de jongere hebben toestemming gegeven of geweigerd voor de stap die daarop wacht',
  term: { amount: 10, unit: 'werkdagen' },
  atw: false,
  reminderBefore: { amount: 3, unit: 'werkdagen' },
  escalation: [
    { after: { amount: 0, unit: 'werkdagen' }, to: [{ role: 'loket', via: 'region' }, { role: 'regisseur', via: 'regisseur' }] },
    { after: { amount: 10, unit: 'werkdagen' }, to: [{ role: 'gemeente', via: 'region' }] },
  ],
  source:
    'Schakel default (ADR 0019): no statutory term for giving consent; the steps that need it — DOMAIN-PROVIDERS.md §4.1 (jeugdhulp and data sharing per age rules, OPP handelingsdeel instemming, TLV signed by a parent with gezag), DOMAIN.md §1.2, §3.1, §3.2; set per SWV through a region override',
};
