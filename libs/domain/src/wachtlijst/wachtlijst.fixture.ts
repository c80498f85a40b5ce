import type { DeadlineRule, EscalationRecipient, WachtlijstOrderCriterion } from '../deadline/deadline-policy.schema';
import type { ResolvedWachtlijstPolicy } from './wachtlijst-policy.resolver';
import type { EnqueueWachtlijstRequest } from './wachtlijst-request.schema';

const seconds = (amount: number) => ({ amount, unit: 'seconden' as const });

/**
 * A wachtlijst policy in seconds for specs on the real dev server (CONVENTIONS.md 7): with overbrugging a case
 * escalates after `withTerm` seconds, without after `withoutTerm`; a beschikking reminds `expiryReminder` seconds
 * before it ends. Ladders climb every `step` seconds.
 */
export function secondsWachtlijstPolicy(
  options: { withTerm?: number; withoutTerm?: number; step?: number; expiryReminder?: number; criteria?: WachtlijstOrderCriterion[] } = {},
): ResolvedWachtlijstPolicy {
  const { withTerm = 600, withoutTerm = 300, step = 600, expiryReminder = 1, criteria = ['thuiszitter', 'urgentie', 'langstWachtend'] } = options;
  const ladder = (...to: EscalationRecipient[][]) => to.map((recipients, index) => ({ after: seconds(index * step), to: recipients }));
  const rule = (term: number, escalation: DeadlineRule['escalation'], reminder?: number): DeadlineRule => ({
    description: 'test',
    term: seconds(term),
    atw: false,
    ...(reminder === undefined ? {} : { reminderBefore: seconds(reminder) }),
    escalation,
    source: 'test policy',
  });
  const loket: EscalationRecipient = { role: 'loket', via: 'region' };
  const gemeente: EscalationRecipient = { role: 'gemeente', via: 'region' };
  return {
    version: '2026.1-test',
    region: 'swv-2801',
    holidayRegion: 'midden',
    ordering: { criteria, source: 'test policy' },
    rules: {
      wachttijd: rule(withTerm, ladder([loket], [gemeente])),
      wachttijdZonderOverbrugging: rule(withoutTerm, ladder([loket, { role: 'regisseur', via: 'regisseur' }], [gemeente])),
      wachtlijstVerlopen: rule(0, ladder([loket]), expiryReminder),
    },
  };
}

/** A case to put on a list: a fresh referral and pseudonym, no personal data. */
const randomUUID = (): string => globalThis.crypto.randomUUID();

export function enqueueBody(overrides: Partial<EnqueueWachtlijstRequest> = {}): Partial<EnqueueWachtlijstRequest> & { referralId: string } {
  return { referralId: randomUUID(), childRef: `lln-${randomUUID().slice(0, 8)}`, region: 'swv-2801', ...overrides };
}
