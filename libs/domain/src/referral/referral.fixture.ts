import type { Actor } from '../actor/actor';
import type { ArrangementRequest, StartReferralRequest, ToewijzingRequest } from './referral-request.schema';
import type { ReferralEventType } from './referral-state';
import { resolveDeadlinePolicy, type DeadlineRule, type DeadlineTerm, type EscalationRecipient, type ResolvedDeadlinePolicy } from '../deadline/deadline-policy.schema';
import { NATIONAL_DEADLINE_POLICY } from '../deadline/national-deadline-policy.data';

/**
 * Sample actors and request bodies shared by the domain, workflow and end-to-end specs, so every
 * layer exercises the same referral. Pseudonymous: no names, BSN or birth dates.
 */
export const SCHOOL: Actor = { sub: 'ib-1', role: 'school', org: '12AB', region: 'swv-2801' };
export const OTHER_SCHOOL: Actor = { sub: 'ib-9', role: 'school', org: '99ZZ', region: 'swv-2801' };
export const LOKET: Actor = { sub: 'loket-1', role: 'loket', org: 'swv-2801', region: 'swv-2801' };
export const OTHER_LOKET: Actor = { sub: 'loket-7', role: 'loket', org: 'swv-3000', region: 'swv-3000' };
export const REGISSEUR: Actor = { sub: 'regisseur-1', role: 'regisseur', org: 'swv-2801', region: 'swv-2801' };
export const OTHER_REGISSEUR: Actor = { sub: 'regisseur-2', role: 'regisseur', org: 'swv-2801', region: 'swv-2801' };
export const PROVIDER: Actor = { sub: 'aanbieder-1', role: 'provider', org: 'zorg-42', region: 'swv-2801' };
export const GEMEENTE: Actor = { sub: 'gem-1', role: 'gemeente', org: 'gem-0014', region: 'swv-2801' };
export const ADMIN: Actor = { sub: 'admin-1', role: 'admin', region: 'swv-2801' };

export function startReferralBody(overrides: Partial<StartReferralRequest> = {}): StartReferralRequest {
  return {
    childRef: 'lln-7f3a9c',
    school: { brin: '12AB', sector: 'PO' },
    concerns: [{ area: 'sociaal-emotioneel', description: 'Trekt zich terug in de klas, komt moeilijk tot werken.' }],
    thuiszitter: { isThuiszitter: false },
    parents: { informed: true, consent: true },
    summary: 'Basisondersteuning is uitgeput; school vraagt om een arrangement.',
    ...overrides,
  };
}

export function toewijzingBody(overrides: Partial<ToewijzingRequest> = {}): ToewijzingRequest {
  return { route: 'gecombineerd', providerId: 'zorg-42', regisseurId: REGISSEUR.sub, ...overrides };
}

export function arrangementBody(evaluationDate: string, overrides: Partial<ArrangementRequest> = {}): ArrangementRequest {
  return {
    goals: ['Werkt zelfstandig 20 minuten aan een taak', 'Neemt deel aan groepsactiviteiten'],
    kind: 'onderwijszorgarrangement',
    intensity: { level: 'middel', hoursPerWeek: 4 },
    location: { kind: 'school' },
    startDate: '2026-11-30',
    endDate: '2027-06-30',
    evaluationDate,
    ...overrides,
  };
}

/** The timeline of a referral that went the whole way: signalled, allocated, approved, evaluated, closed. */
export const HAPPY_PATH_EVENT_TYPES: readonly ReferralEventType[] = [
  'referral.submitted',
  'toewijzing.requested',
  'toewijzing.made',
  'arrangement.submitted',
  'arrangement.approved',
  'evaluation.due',
  'evaluation.recorded',
  'referral.closed',
];

const seconds = (amount: number): DeadlineTerm => ({ amount, unit: 'seconden' });

/**
 * A policy whose terms run in seconds, for specs on the real Temporal dev server (no time skipping
 * there). Each rule: due after `term`, a reminder `reminder` before, levels at due and `step` apart.
 */
export function secondsPolicy(term = 4, step = 2, reminder = 2): ResolvedDeadlinePolicy {
  const ladder = (...roles: Array<EscalationRecipient['role']>) =>
    roles.map((role, index) => ({ after: seconds(index * step), to: [{ role, via: role === 'regisseur' ? ('regisseur' as const) : role === 'school' ? ('school' as const) : ('region' as const) }] }));
  const rule = (escalation: DeadlineRule['escalation'], extra: Partial<DeadlineRule> = {}): DeadlineRule => ({
    description: 'test',
    term: seconds(term),
    atw: false,
    reminderBefore: seconds(reminder),
    escalation,
    source: 'test policy',
    ...extra,
  });
  return {
    version: '2026.1-test',
    region: SCHOOL.region ?? 'swv-2801',
    holidayRegion: 'midden',
    rules: {
      toewijzing: rule(ladder('loket', 'gemeente', 'leerplicht'), { extension: { max: seconds(30), times: 1 } }),
      arrangementApproval: rule(ladder('regisseur', 'loket')),
      evaluation: rule(ladder('regisseur', 'loket')),
      zorgplicht: rule(ladder('school', 'loket'), { extension: { max: seconds(30), times: 1 } }),
      opp: rule(ladder('school')),
      oppEvaluation: rule(ladder('school')),
      thuiszitter: rule(ladder('leerplicht', 'gemeente', 'gemeente'), { reminderBefore: undefined }),
      // Anchored rules (issue 4): `term` is the lead before the anchor (start date, geldigTot, 1 April).
      overstapBevestiging: rule(ladder('school', 'leerplicht', 'gemeente'), { term: seconds(0) }),
      tlvBesluit: rule(ladder('loket', 'regisseur')),
      tlvHerbeoordeling: rule(ladder('school', 'loket'), { term: seconds(0) }),
      mboAanmelding: rule(ladder('school', 'leerplicht'), { term: seconds(0) }),
      // Anchored to the child's age (issue 11 §5): the voorschool (a provider) and the loket, then the receiving school.
      voorschoolOverdracht: rule(
        [
          { after: seconds(0), to: [{ role: 'provider', via: 'provider' }, { role: 'loket', via: 'region' }] },
          { after: seconds(step), to: [{ role: 'school', via: 'receivingSchool' }] },
        ],
        { term: seconds(0), atAge: { years: 3, months: 10 } },
      ),
      // A consent gate (issue 11 §6): the loket hears first, then the regisseur.
      toestemming: rule(ladder('loket', 'regisseur')),
    },
  };
}

/** The built-in national policy as a case in the fixtures' region gets it. */
export const NATIONAL_POLICY = resolveDeadlinePolicy(NATIONAL_DEADLINE_POLICY, SCHOOL.region ?? 'swv-2801');

/** The parents and the young person of the fixtures' child (lln-7f3a9c), and a parent of another child (issue 11 §6). */
export const OUDER: Actor = { sub: 'digid-ouder-1', role: 'ouder', children: ['lln-7f3a9c'] };
export const OTHER_PARENT: Actor = { sub: 'digid-ouder-2', role: 'ouder', children: ['lln-7f3a9c'] };
export const JONGERE: Actor = { sub: 'digid-jongere-1', role: 'jongere', children: ['lln-7f3a9c'] };
export const OUDER_OF_OTHER_CHILD: Actor = { sub: 'digid-ouder-9', role: 'ouder', children: ['lln-8a2b11'] };
