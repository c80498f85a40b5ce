import type { ActorRef } from '../actor/actor';
import type { RunningDeadline } from '../deadline/deadline.clock';
import type { ResolvedDeadlinePolicy } from '../deadline/deadline-policy.schema';
import type { ArrangementStatus, ReferralStage } from '../referral/referral-stage';
import type { EvaluationOutcome, SUPPORT_KINDS } from '../referral/referral-request.schema';
import type { School } from '../school/school-sector';
import type {
  AanmeldingRequest,
  AdmissionDecisionRequest,
  ArrangementContinuationRequest,
  OverdrachtRequest,
  TlvDecisionRequest,
  WarmeOverdrachtRequest,
} from './child-plan-request.schema';
import type { TransitionDestination } from './transition-route';
import type { VOORSCHOOL_KINDS, VoorschoolConsentRequest, VoorschoolOverdrachtRequest } from './voorschool-request.schema';

/** Timeline entry types of a child's plan; stored and shown, so never renamed once released. */
export const CHILD_PLAN_EVENT_TYPES = [
  'plan.opened',
  'referral.registered',
  'referral.closed',
  'regisseur.assigned',
  'regisseur.handover',
  'transition.scheduled',
  'transition.aanmelding',
  'transition.overdracht',
  'transition.tlv_applied',
  'transition.tlv_decided',
  'transition.admission',
  'transition.warme_overdracht',
  'transition.arrangements',
  'transition.confirmed',
  'transition.completed',
  'transition.cancelled',
  'deadline.reminder',
  'deadline.escalated',
  'deadline.paused',
  'deadline.resumed',
  'deadline.extended',
  // The voorschool → PO overstap (issue 11 §5).
  'transition.voorschool_consent',
  'transition.voorschool_overdracht',
] as const;
export type ChildPlanEventType = (typeof CHILD_PLAN_EVENT_TYPES)[number];

export interface ChildPlanEvent {
  seq: number;
  type: ChildPlanEventType;
  at: string;
  actor: ActorRef;
  requestId?: string;
  transitionId?: string;
  referralId?: string;
  data: Record<string, unknown>;
}

/**
 * What a referral reports to its child's plan whenever it changes: codes, dates and the arrangement's
 * period, never the case's free text (that stays in the referral).
 */
export interface PlanReferral {
  referralId: string;
  region: string;
  school: School;
  stage: ReferralStage;
  thuiszitter: boolean;
  regisseurId: string | null;
  providerId: string | null;
  arrangement: {
    version: number;
    kind: (typeof SUPPORT_KINDS)[number];
    status: ArrangementStatus;
    startDate: string;
    endDate: string;
    evaluationDate: string;
  } | null;
  evaluations: Array<{ outcome: EvaluationOutcome; arrangementVersion: number; at: string }>;
  createdAt: string;
  closedAt: string | null;
  /** The referral's own version: an older report never overwrites a newer one. */
  version: number;
}

/**
 * gepland → (aanmelding, overdracht, TLV, besluit, warme overdracht, arrangementen) → bevestigd →
 * afgerond on the start date; afgewezen when the receiving board refuses, geannuleerd when called off.
 */
export const TRANSITION_STATUSES = ['gepland', 'bevestigd', 'afgerond', 'afgewezen', 'geannuleerd'] as const;
export type TransitionStatus = (typeof TRANSITION_STATUSES)[number];

/**
 * overstap between sectors, tussentijds within one (mid-year change of school), uitstroom out of school, and
 * voorschool: from voorschoolse educatie or peuteropvang to the basisschool (issue 11 §5).
 */
export type TransitionKind = 'overstap' | 'tussentijds' | 'uitstroom' | 'voorschool';

/** The sender of a voorschool → PO overstap: a voorschool organisation (a `provider` in Schakel), not a school. */
export interface VoorschoolOrigin {
  sector: 'voorschool';
  org: string;
  kind: (typeof VOORSCHOOL_KINDS)[number];
}

/** What a voorschool → PO overstap keeps besides the common steps. */
export interface VoorschoolPath {
  veIndicatie: boolean;
  supportNeeded: boolean;
  /**
   * Derived from the date of birth, which stays in the personal details (issue 5 §3): aanmelding has effect
   * from this day, and the overdracht is due on `overdrachtDueOn` (the region's age).
   */
  thirdBirthday: string;
  overdrachtDueOn: string;
  consent?: VoorschoolConsentRequest & Recorded & { complete: boolean };
  overdracht?: VoorschoolOverdrachtRequest & Recorded & { shared: 'volledig' | 'alleen_ve' | 'niets' };
}

interface Recorded {
  recordedBy: ActorRef;
  recordedAt: string;
}

export interface Transition {
  transitionId: string;
  kind: TransitionKind;
  status: TransitionStatus;
  from: School | VoorschoolOrigin;
  to: { sector: TransitionDestination; brin?: string };
  /** As requested: a date, or an exact instant. */
  startDate: string;
  /** The start as an ISO instant. */
  startsAt: string;
  needsTlv: boolean;
  zorgplicht: boolean;
  mboEntry: boolean;
  reason?: string;
  /** The deadline policy resolved when the overstap was scheduled; it keeps it (issue 3 §2). */
  policy: ResolvedDeadlinePolicy;
  scheduledBy: ActorRef;
  scheduledAt: string;
  aanmelding?: AanmeldingRequest & Recorded & { toelatingsrecht?: boolean };
  overdracht?: OverdrachtRequest & Recorded;
  tlv?: { appliedOn?: string; decision?: TlvDecisionRequest } & Partial<Recorded>;
  admission?: AdmissionDecisionRequest & Recorded;
  warmeOverdracht?: WarmeOverdrachtRequest & Recorded;
  arrangementContinuations?: { arrangements: ArrangementContinuationRequest['arrangements'] } & Recorded;
  confirmed?: { by: ActorRef; at: string; note?: string };
  completedAt?: string;
  cancelled?: { by: ActorRef; at: string; reason: string };
  deadlines: RunningDeadline[];
  /** Only on a voorschool → PO overstap (kind voorschool). */
  voorschool?: VoorschoolPath;
}

export interface PlanSchool {
  sector: TransitionDestination;
  brin?: string;
  from: string;
  until?: string;
  transitionId?: string;
}

export interface RegisseurPeriod {
  regisseurId: string;
  from: string;
  until?: string;
  assignedBy: ActorRef;
  /** The referral whose toewijzing named the first regisseur, or the handover's reason. */
  referralId?: string;
  reason?: string;
}

/** The one plan of one child: held by its long-lived workflow and returned by its state Query. */
export interface ChildPlanState {
  childRef: string;
  region: string;
  createdAt: string;
  updatedAt: string;
  /** The school the pupil attends now; null until a referral or overstap names it. */
  school: (School & { since: string }) | null;
  schools: PlanSchool[];
  regisseur: RegisseurPeriod | null;
  regisseurHistory: RegisseurPeriod[];
  referrals: PlanReferral[];
  transitions: Transition[];
  version: number;
}

