import { isParticipant, type Actor, type ActorRef } from '../actor/actor';
import { consentRequiredFor, isConsentComplete, missingConsent, type ConsentDecision, type ConsentGiven, type ConsentParty, type ConsentRequirement } from '../consent/consent-age.rule';
import { DomainError } from '../errors/domain-error';
import type { ToestemmingBesluit, ConsentContext } from './toestemming-request.schema';
import type { ToewijzingRequest } from './referral-request.schema';

/**
 * Which steps of a referral wait for whose toestemming (issue 11 §6, ADR 0019). The age rules themselves are
 * libs/domain/src/consent (consentRequiredFor); this file says which decision a step is:
 * - a toewijzing on the jeugdhulp or gecombineerd route shares the case with a jeugdhulpaanbieder: consent to
 *   share data under professional secrecy (`gegevensdeling`: < 12 the parents, 12-15 parents and child, 16+ the
 *   young person — DOMAIN.md §3.2; DOMAIN-PROVIDERS.md §4.1 "cross-organisation data sharing");
 * - an arrangement that is (part of) the OPP's handelingsdeel needs the parents' instemming (WPO art. 40a,
 *   WVO art. 26, WEC art. 41a since 1 August 2017 — DOMAIN.md §1.2), the adult pupil's from 18;
 * - an arrangement that is applied for with a TLV (placement in SBO/SO/VSO) needs the application signed by at
 *   least one parent with gezag (DOMAIN.md §3.1; lbvso.nl), the adult pupil's from 18.
 * The onderwijs route stays within the samenwerkingsverband, which the referral itself involved with the parents
 * informed (startReferralRequestSchema `parents.informed`), so it opens no gate.
 */
export function toewijzingConsentDecisions(toewijzing: Pick<ToewijzingRequest, 'route'>): ConsentDecision[] {
  return toewijzing.route === 'onderwijs' ? [] : ['gegevensdeling'];
}

export function arrangementConsentDecisions(arrangement: { oppHandelingsdeel?: boolean | undefined; tlvAanvraag?: boolean | undefined }): ConsentDecision[] {
  return [...(arrangement.oppHandelingsdeel === true ? (['oppHandelingsdeel'] as const) : []), ...(arrangement.tlvAanvraag === true ? (['tlvAanvraag'] as const) : [])];
}

export type ToestemmingVia = 'digitaal' | 'papier' | 'aanmelding';
export const TOESTEMMING_GATE_STATUSES = ['open', 'gegeven', 'geweigerd', 'vervallen'] as const;
export type ToestemmingGateStatus = (typeof TOESTEMMING_GATE_STATUSES)[number];

/** One answer on a gate: by whom (a parent, the young person, or staff from a signed form), how and when. */
export interface ToestemmingAnswer {
  party: ConsentParty;
  besluit: ToestemmingBesluit;
  via: ToestemmingVia;
  by: ActorRef;
  at: string;
  /** The day the paper form was signed (via papier). */
  signedOn?: string;
  /** Parents with gezag who signed (party ouders, via papier or aanmelding). */
  parentsSigning?: number;
}

/** What a gated step waits for. Held on the referral's state; codes, counts and dates only, never a name. */
export interface ToestemmingGate {
  /** `toestemming-<n>`: the n-th gate of the case. */
  id: string;
  decision: ConsentDecision;
  subject: { step: 'toewijzing'; toewijzing: number } | { step: 'arrangement'; arrangementVersion: number };
  /** Judged at the child's age on the day of the last answer (or the opening); `ageKnown` false: no date of birth on record. */
  requirement: ConsentRequirement;
  ageKnown: boolean;
  /** Parents with gezag as Schakel knows them (personal details or a signed form); null: unknown. */
  parentsWithGezag: number | null;
  answers: ToestemmingAnswer[];
  status: ToestemmingGateStatus;
  openedAt: string;
  closedAt?: string;
  /** The running `toestemming` term while the gate is open. */
  deadlineId?: string;
}

/**
 * Whose consent a decision needs at the child's age on the day of the decision (DOMAIN.md §3.2: "age thresholds
 * computed at the moment of sharing"). No date of birth on record: the parents with gezag decide, as the gezag in
 * the token decides for inzage (ADR 0016); the gap is recorded on the gate (`ageKnown` false).
 */
export function requirementAt(decision: ConsentDecision, ageYears: number | null): ConsentRequirement {
  return consentRequiredFor(decision, ageYears ?? 0);
}

export function openGate(id: string, decision: ConsentDecision, subject: ToestemmingGate['subject'], context: ConsentContext, now: Date): ToestemmingGate {
  return {
    id,
    decision,
    subject,
    requirement: requirementAt(decision, context.ageYears),
    ageKnown: context.ageYears !== null,
    parentsWithGezag: context.parentsWithGezag === null || context.parentsWithGezag === 0 ? null : context.parentsWithGezag,
    answers: [],
    status: 'open',
    openedAt: now.toISOString(),
  };
}

/** The party an ouder or jongere answers for: their own role (ADR 0016). */
export function partyOf(actor: Actor): ConsentParty {
  if (!isParticipant(actor.role)) throw new DomainError('FORBIDDEN', `Role ${actor.role} gives no toestemming itself; staff record a signed paper form instead`);
  return actor.role === 'ouder' ? 'ouders' : 'jongere';
}

/**
 * What has been given so far. Parents are counted without double counting: the larger of the distinct parents who
 * answered digitally and the parents who signed one form (one parent may do both). Parents with gezag unknown: as
 * many as have consented, at least one (the identity provider vouches for each ouder's gezag).
 */
export function consentGiven(gate: ToestemmingGate): ConsentGiven {
  const yes = gate.answers.filter((a) => a.besluit === 'toestemming');
  const digital = new Set(yes.filter((a) => a.party === 'ouders' && a.via === 'digitaal').map((a) => a.by.sub)).size;
  const signed = Math.max(0, ...yes.filter((a) => a.party === 'ouders' && a.via !== 'digitaal').map((a) => a.parentsSigning ?? 1));
  const consenting = Math.max(digital, signed);
  const withGezag = gate.parentsWithGezag ?? Math.max(1, consenting);
  return { jongere: yes.some((a) => a.party === 'jongere'), parentsWithGezag: withGezag, parentsConsenting: Math.min(consenting, withGezag) };
}

export function isGateComplete(gate: ToestemmingGate): boolean {
  return isConsentComplete(gate.requirement, consentGiven(gate));
}

export function missingParties(gate: ToestemmingGate): ConsentParty[] {
  return missingConsent(gate.requirement, consentGiven(gate));
}

/**
 * Throws unless `party` may answer this gate now: the gate must be open, the party one whose consent the decision
 * needs at the child's age, and a parent or the young person answers once (a refusal stops the gate at once).
 */
export function assertMayAnswer(gate: ToestemmingGate | undefined, party: ConsentParty, by: ActorRef | undefined, gateId: string): asserts gate is ToestemmingGate {
  if (gate === undefined) throw new DomainError('NOT_FOUND', `Consent gate ${gateId} not found on this referral`, [{ field: 'gateId', message: 'names no consent gate of this referral' }]);
  if (gate.status !== 'open') throw new DomainError('STAGE_CONFLICT', `Consent gate ${gate.id} is no longer open (${gate.status})`, [{ field: 'gateId', message: `is ${gate.status}` }]);
  if (!gate.requirement.required.includes(party)) throw new DomainError('FORBIDDEN', notRequiredReason(gate, party), [{ field: 'party', message: `the ${party} do not decide on ${gate.decision} at this age` }]);
  if (by !== undefined && gate.answers.some((a) => a.via === 'digitaal' && a.by.sub === by.sub)) {
    throw new DomainError('STAGE_CONFLICT', `You already answered consent gate ${gate.id}`, [{ field: 'gateId', message: 'already answered by you' }]);
  }
}

function notRequiredReason(gate: ToestemmingGate, party: ConsentParty): string {
  if (party === 'ouders') return `From the age of 16 (${gate.decision}) or 18 the young person decides alone; the parents give no toestemming (DOMAIN.md §3.2)`;
  if (gate.requirement.heard.includes('jongere')) return `The parents decide on the ${gate.decision}; the pupil is heard: give a zienswijze instead (bill 36443, DOMAIN-PROVIDERS.md §4.2)`;
  return `Under the age of 12 the parents with gezag decide on ${gate.decision}, not the child (DOMAIN.md §3.2)`;
}

/** Re-judges whose consent is needed at the child's age today: a child may turn 12 or 16 while a gate waits. */
export function rejudge(gate: ToestemmingGate, context: ConsentContext | undefined): void {
  if (context === undefined) return;
  if (context.ageYears !== null) {
    gate.requirement = requirementAt(gate.decision, context.ageYears);
    gate.ageKnown = true;
  }
  if (context.parentsWithGezag !== null && context.parentsWithGezag > 0) gate.parentsWithGezag = context.parentsWithGezag;
}
