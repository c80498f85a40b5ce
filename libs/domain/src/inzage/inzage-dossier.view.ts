import type { ActorRef } from '../actor/actor';
import type { ChildPlanEvent, ChildPlanState, PlanReferral } from '../child-plan/child-plan-state';
import type { PersonalDetails } from '../personal-details/personal-details.schema';
import type { CONCERN_AREAS } from '../referral/referral-request.schema';
import type { ReferralEvent, ReferralState } from '../referral/referral-state';

/**
 * Inzage (AVG art. 15; issue 11 §6): everything Schakel holds about one child, as JSON, with what belongs to
 * others or to the doctor left out, and a list saying what was left out and why (ADR 0016). What is left out:
 *
 * - Medical content: the description of a concern in the `fysiek-medisch` area. Medical content stays with the
 *   doctor (the jeugdarts shares content only with consent; DOMAIN.md §3.2) and a school's own description of a
 *   medical matter is not the place a parent should learn it; the area itself is shown.
 * - Third parties' data (AVG art. 15(4): the copy may not adversely affect the rights of others):
 *   - the description of a concern in the `thuissituatie` area, which is about the household — other parents,
 *     brothers and sisters — rather than the child alone; the area itself is shown;
 *   - the e-mail address and phone number of each parent or carer: a separated parent's contact details are
 *     not the other parent's to receive; names, relation and gezag are shown;
 *   - staff identifiers (the `sub` of every actor, regisseur ids, the recipient of a notification) and
 *     request ids: who acted is shown by role and organisation, which is what art. 15(1)(c) asks (recipients
 *     or their categories).
 * Everything else — stages, dates, terms, decisions with their reasons, goals, evaluations, the overstappen and
 * their documents' references, notifications about the child — is given as recorded.
 */
export const MEDICAL_CONCERN_AREAS: readonly (typeof CONCERN_AREAS)[number][] = ['fysiek-medisch'];
export const THIRD_PARTY_CONCERN_AREAS: readonly (typeof CONCERN_AREAS)[number][] = ['thuissituatie'];

/** A notification Schakel sent about the child (a reminder, an escalation), without its addressee's person. */
export interface DossierNotification {
  referralId: string | null;
  transitionId: string | null;
  kind: string;
  rule: string;
  level: number;
  dueAt: string;
  occurredAt: string;
  recipientRole: string;
  recipientOrg: string | null;
  message: string;
}

export interface DossierReferralSource {
  entry: PlanReferral;
  /** Null when the referral's workflow could not be read (e.g. past Temporal's retention): the plan's summary stands in. */
  state: ReferralState | null;
  events: readonly ReferralEvent[];
}

export interface DossierSources {
  plan: ChildPlanState;
  planEvents: readonly ChildPlanEvent[];
  referrals: readonly DossierReferralSource[];
  personalDetails: PersonalDetails | null;
  notifications: readonly DossierNotification[];
}

export interface LeftOut {
  /** Where in the dossier, as a path. */
  part: string;
  reason: 'medisch' | 'derden';
  explanation: string;
}

export interface InzageDossier {
  childRef: string;
  personalDetails: unknown;
  plan: unknown;
  planTimeline: unknown[];
  cases: unknown[];
  notifications: DossierNotification[];
  leftOut: LeftOut[];
}

/** Keys whose values identify staff or requests, not the child (see the list above). */
const STAFF_KEYS = new Set(['sub', 'regisseurId', 'requestId', 'submittedRequestId', 'toRegisseurId']);

function isActorRef(value: object): value is ActorRef {
  return 'sub' in value && 'role' in value;
}

/** A deep copy without staff identifiers: actors become { role, org }. */
function withoutStaffIds(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutStaffIds);
  if (value === null || typeof value !== 'object') return value;
  if (isActorRef(value)) return value.org === undefined ? { role: value.role } : { role: value.role, org: value.org };
  return Object.fromEntries(Object.entries(value).filter(([key]) => !STAFF_KEYS.has(key)).map(([key, v]) => [key, withoutStaffIds(v)]));
}

/** A regisseur handover's data names both regisseurs by staff id: only its reason is the child's. */
function eventData(type: string, data: Record<string, unknown>): unknown {
  if (type === 'regisseur.handover') return 'reason' in data ? { reason: data['reason'] } : {};
  return withoutStaffIds(data);
}

function timeline(events: readonly (ReferralEvent | ChildPlanEvent)[]): unknown[] {
  return events.map((event) => withoutStaffIds({ ...event, data: eventData(event.type, event.data) }));
}

function redactedCase(source: DossierReferralSource, index: number, leftOut: LeftOut[]): unknown {
  const { state } = source;
  if (state === null) return { summaryOnly: true, ...(withoutStaffIds(source.entry) as object), timeline: timeline(source.events) };
  const concerns = state.request.concerns.map((concern, i) => {
    const medical = MEDICAL_CONCERN_AREAS.includes(concern.area);
    const thirdParty = THIRD_PARTY_CONCERN_AREAS.includes(concern.area);
    if (!medical && !thirdParty) return concern;
    leftOut.push({
      part: `cases[${index}].request.concerns[${i}].description`,
      reason: medical ? 'medisch' : 'derden',
      explanation: medical ? 'Medische inhoud blijft bij de (jeugd)arts; vraag die bij de arts op.' : 'De beschrijving van de thuissituatie gaat ook over andere gezinsleden.',
    });
    return { area: concern.area, description: null };
  });
  return { ...(withoutStaffIds({ ...state, request: { ...state.request, concerns } }) as object), timeline: timeline(source.events) };
}

/** The dossier, redacted as documented above; `leftOut` lists each part left out and why. */
export function buildInzageDossier(sources: DossierSources): InzageDossier {
  const leftOut: LeftOut[] = [];
  let personalDetails: unknown = null;
  if (sources.personalDetails !== null) {
    const { child, parents } = sources.personalDetails;
    personalDetails = { child, parents: parents.map(({ name, relation, gezag }) => ({ name, relation, gezag })) };
    parents.forEach((parent, i) => {
      if (parent.email !== undefined || parent.phone !== undefined) {
        leftOut.push({ part: `personalDetails.parents[${i}].email/phone`, reason: 'derden', explanation: 'Contactgegevens van een ouder of verzorger zijn van die persoon zelf.' });
      }
    });
  }
  return {
    childRef: sources.plan.childRef,
    personalDetails,
    plan: withoutStaffIds(sources.plan),
    planTimeline: timeline(sources.planEvents),
    cases: sources.referrals.map((source, index) => redactedCase(source, index, leftOut)),
    notifications: sources.notifications.map((n) => ({ ...n })),
    leftOut,
  };
}
