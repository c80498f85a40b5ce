import type { ActorRef, Role } from '../actor/actor';
import type { RunningDeadline } from '../deadline/deadline.clock';
import type { WachtlijstRuleId } from '../deadline/deadline-policy.schema';
import type { ResolvedWachtlijstPolicy } from './wachtlijst-policy.resolver';
import type { OverbruggingForm, PlaceReleaseReason, Urgency, WachtlijstRemovalReason } from './wachtlijst-request.schema';

/** One case waiting for a place on one aanbod (DOMAIN-PROVIDERS.md §6 `WaitlistEntry`). */
export interface WachtlijstEntry {
  /** Order of arrival on this list: the last tie-break. */
  sequence: number;
  referralId: string;
  childRef: string;
  region: string;
  urgency: Urgency;
  thuiszitter: boolean;
  overbrugging: OverbruggingForm | null;
  /**
   * When overbruggingszorg was on record, for the netto waiting time of the monitor (issue 11 §4). Schakel counts
   * only what it has on record: overbrugging given at enqueue starts at the enqueue, not at waitingSince.
   */
  overbruggingPeriods?: OverbruggingPeriod[];
  /** End of the beschikking or TLV, as given (date or instant). */
  validUntil?: string;
  waitingSince: string;
  enqueuedAt: string;
  regisseurId?: string;
  school?: string;
  /** The running waiting norm: `wachttijd`, or `wachttijdZonderOverbrugging` while none is recorded. */
  wait: RunningDeadline<WachtlijstRuleId>;
  /** Anchored to validUntil: reminder before it, `verlopen` at it. */
  expiry?: RunningDeadline<WachtlijstRuleId>;
}

/** A stretch of overbruggingszorg while a case waited; `until` absent while it runs. */
export interface OverbruggingPeriod {
  form: OverbruggingForm;
  from: string;
  until?: string;
}

/**
 * What the read model needs of a case that left the queue (admitted, removed, verlopen), kept on the admission
 * and the exit so the list's projection can write its row without the queue entry: pseudonymous only.
 */
export interface WachtlijstEntryFacts {
  childRef?: string;
  region?: string;
  enqueuedAt?: string;
  overbruggingPeriods?: OverbruggingPeriod[];
}

/** A place taken through this list (places taken otherwise are only counted). */
export interface WachtlijstOccupant {
  referralId: string;
  admissionId: string;
  since: string;
}

/**
 * The decision that a waiting case takes a free place. It is workflow state from the moment it is made, so a
 * worker that dies while telling the referral cannot make it twice; `admissionId` keys the telling, so a retry
 * is recognised by the referral (issue 11 §3).
 */
export interface WachtlijstAdmission extends WachtlijstEntryFacts {
  admissionId: string;
  aanbodId: string;
  referralId: string;
  decidedAt: string;
  waitingSince: string;
  overbrugging: boolean;
}

/**
 * A waiting case whose beschikking or TLV ended (`verlopen`). The referral is told, like an admission, so it goes back
 * to the loket's toewijzing with its term running instead of waiting for a place it can no longer take (issue 11 §3:
 * a child is never dropped silently). `lapseId` keys the telling (the referral's Update id).
 */
export interface WachtlijstLapse {
  lapseId: string;
  aanbodId: string;
  referralId: string;
  /** The day (or instant) the beschikking or TLV ended. */
  validUntil: string;
  at: string;
}

export type WachtlijstOutcome = 'toegelaten' | 'verwijderd' | 'verlopen' | 'vervallen';

/** A case that left the list, for the list's own record (the monitor reads the read model). */
export interface ClosedWachtlijstEntry extends WachtlijstEntryFacts {
  referralId: string;
  /** When the place was decided, for `toegelaten` and `vervallen`. */
  admittedAt?: string;
  outcome: WachtlijstOutcome;
  reason?: WachtlijstRemovalReason;
  at: string;
  waitingSince: string;
  overbrugging: boolean;
  by?: ActorRef;
}

export interface WachtlijstState {
  aanbodId: string;
  policy: ResolvedWachtlijstPolicy;
  capacity: number;
  /** Places taken by clients who did not come through this list. */
  placesTakenOutside: number;
  occupants: WachtlijstOccupant[];
  /** Admissions decided and not yet confirmed by the referral. */
  admissions: WachtlijstAdmission[];
  /** Lapsed entries whose referral is still to be told. */
  lapses: WachtlijstLapse[];
  /** Waiting cases, always in the policy's order: position n is index n - 1. */
  queue: WachtlijstEntry[];
  /** The most recent cases that left (bounded, see CLOSED_KEPT). */
  closed: ClosedWachtlijstEntry[];
  /** Release keys already applied (bounded): the same release twice frees one place. */
  releases: string[];
  nextSequence: number;
  nextAdmission: number;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** How the list answers a step: the case's place in it, or the admission it got at once. */
export interface WachtlijstPosition {
  referralId: string;
  status: 'wachtend' | 'toegelaten';
  /** 1-based, when waiting. */
  position?: number;
  admissionId?: string;
  freePlaces: number;
  waiting: number;
}

/**
 * How the list answers a step that changes its places (a freed place, a new capacity, a removal): the counts and
 * the admissions this step decided — never the whole list, because an Update's answer is written to the list's
 * history and a list of 1,000 waiting cases would put hundreds of kilobytes there per step.
 */
export interface WachtlijstReceipt {
  aanbodId: string;
  version: number;
  capacity: number;
  freePlaces: number;
  waiting: number;
  admitted: Array<{ admissionId: string; referralId: string }>;
}

/**
 * A reminder, escalation or `verlopen` notice of a list. `audience: 'ouders'` is the plain-Dutch notice for the
 * parents, addressed to the role `ouder` and stored with the child's reference, so the parents (and a young person
 * acting for themselves) find it among their notifications — a child is never dropped silently
 * (DOMAIN-PROVIDERS.md §6).
 */
export interface WachtlijstNotice {
  kind: 'reminder' | 'escalation';
  rule: WachtlijstRuleId;
  level: number;
  dueAt: string;
  referralId: string;
  childRef: string;
  audience: 'professional' | 'ouders';
  recipient: { role: Role; org?: string; region?: string; sub?: string };
  message: string;
}

export type { PlaceReleaseReason };
