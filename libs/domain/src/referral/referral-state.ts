import type { ActorRef } from '../actor/actor';
import type { RunningDeadline } from '../deadline/deadline.clock';
import type { ReportThuiszitterRequest } from '../deadline/deadline-request.schema';
import type { SchoolSector } from '../school/school-sector';
import type { ArrangementStatus, ReferralStage } from './referral-stage';
import type { ArrangementRequest, EvaluationOutcome, StartReferralRequest, ToewijzingRequest } from './referral-request.schema';
import type { ToewijzingPlace } from './toewijzing-placement';
import type { ToestemmingGate } from './toestemming-gate';
import type { ConsentParty } from '../consent/consent-age.rule';

/** Timeline entry types; their names are stored in the read model, so they never change once released. */
export const REFERRAL_EVENT_TYPES = [
  'referral.submitted',
  'toewijzing.requested',
  'toewijzing.made',
  'arrangement.submitted',
  'arrangement.approved',
  'arrangement.rejected',
  'evaluation.due',
  'evaluation.recorded',
  'referral.closed',
  'referral.withdrawn',
  'deadline.reminder',
  'deadline.escalated',
  'deadline.paused',
  'deadline.resumed',
  'deadline.extended',
  'thuiszitter.reported',
  'regisseur.handover',
  /** Issue 11 §2: the case joined the wachtlijst of its aanbod, got a place from it, or left it. */
  'wachtlijst.joined',
  'wachtlijst.admitted',
  'wachtlijst.left',
  /** Issue 11 §6 (ADR 0019): a consent gate opened, received an answer, was completed or refused; a zienswijze came in. */
  'toestemming.gevraagd',
  'toestemming.ontvangen',
  'toestemming.verleend',
  'toestemming.geweigerd',
  'zienswijze.gegeven',
] as const;
export type ReferralEventType = (typeof REFERRAL_EVENT_TYPES)[number];

/** One step on a case's timeline: who did what, when, and into which stage it brought the case. */
export interface ReferralEvent {
  /** 1-based position on the timeline; with the referral id it makes the projection idempotent. */
  seq: number;
  type: ReferralEventType;
  at: string;
  actor: ActorRef;
  requestId?: string;
  stage: ReferralStage;
  data: Record<string, unknown>;
}

export interface Toewijzing extends ToewijzingRequest {
  decidedBy: ActorRef;
  decidedAt: string;
  /** Only for a toewijzing to an aanbod of the catalogue (issue 11 §2): waiting for, or holding, a place there. */
  place?: ToewijzingPlace;
}

export interface Arrangement extends ArrangementRequest {
  version: number;
  status: ArrangementStatus;
  submittedBy: ActorRef;
  submittedAt: string;
  decidedBy?: ActorRef;
  decidedAt?: string;
  decisionNote?: string;
  /** The parents' or young person's views on this version before the decision (ADR 0019); free text, never logged. */
  zienswijzen?: Zienswijze[];
}

export interface Zienswijze {
  party: ConsentParty;
  text: string;
  by: ActorRef;
  at: string;
}

export interface Evaluation {
  outcome: EvaluationOutcome;
  summary: string;
  arrangementVersion: number;
  evaluatedBy: ActorRef;
  evaluatedAt: string;
}

/** The whole live state of one referral, held by its workflow and returned by its state Query. */
export interface ReferralState {
  referralId: string;
  stage: ReferralStage;
  request: StartReferralRequest;
  region: string;
  submittedBy: ActorRef;
  createdAt: string;
  updatedAt: string;
  closedAt?: string;
  toewijzingen: Toewijzing[];
  arrangements: Arrangement[];
  evaluations: Evaluation[];
  /** ISO instant at which the running arrangement's evaluation falls due; set only in uitvoering. */
  evaluationDueAt?: string;
  withdrawal?: { reason: string; by: ActorRef; at: string };
  /** The deadline policy version the case started under. */
  policyVersion: string;
  /** Every term that has run on the case, open and closed, in the order they opened. */
  deadlines: RunningDeadline[];
  /** A pupil who became a thuiszitter after the referral was made. */
  thuiszitterReport?: ReportThuiszitterRequest & { reportedBy: ActorRef; reportedAt: string };
  /** The consent gates of the case (issue 11 §6, ADR 0019), open and closed; absent on cases from before them. */
  toestemmingen?: ToestemmingGate[];
  /** Number of events so far; the read model keeps a row only if its version is newer. */
  version: number;
}

/** What the read model keeps of a referral: ids, codes and dates; the case's content stays in the workflow. */
export interface ReferralSummary {
  referralId: string;
  stage: ReferralStage;
  arrangementStatus: ArrangementStatus | null;
  childRef: string;
  schoolBrin: string;
  schoolSector: SchoolSector;
  region: string;
  thuiszitter: boolean;
  thuiszitterSince: string | null;
  route: ToewijzingRequest['route'] | null;
  providerId: string | null;
  regisseurId: string | null;
  evaluationDueAt: string | null;
  /** The deadline policy version the case started under; it keeps it (issue 3 §2). */
  policyVersion: string;
  /** Highest escalation level among the running deadlines; 0 when none has escalated. */
  escalationLevel: number;
  /** Since when the longest-overdue running deadline is overdue; null when none is. Orders the overdue list. */
  overdueSince: string | null;
  /** The earliest due date among the running deadlines (paused ones excluded). */
  nextDueAt: string | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  version: number;
}
