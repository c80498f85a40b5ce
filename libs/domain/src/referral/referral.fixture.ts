import type { Actor } from '../actor/actor';
import type { ArrangementRequest, StartReferralRequest, ToewijzingRequest } from './referral-request.schema';
import type { ReferralEventType } from './referral-state';

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
