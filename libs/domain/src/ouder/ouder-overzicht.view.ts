import type { ActorRef } from '../actor/actor';
import type { ChildPlanState, PlanReferral, Transition } from '../child-plan/child-plan-state';
import type { RunningDeadline } from '../deadline/deadline.clock';
import { DEADLINE_LABEL } from '../deadline/deadline-rule.labels';
import type { ReferralState } from '../referral/referral-state';
import { isOpenStage, type ReferralStage } from '../referral/referral-stage';
import type { School } from '../school/school-sector';
import { dutchDateOf, toInstant } from '../time/amsterdam-time';
import {
  ARRANGEMENT_STATUS_TEXT,
  DESTINATION_TEXT,
  dutchDateText,
  EVALUATION_TEXT,
  ROUTE_TEXT,
  STAGE_TEXT,
  SUPPORT_KIND_TEXT,
  TRANSITION_KIND_TEXT,
  TRANSITION_STATUS_TEXT,
} from './plain-dutch.labels';

/** What happens next and by when: the earliest running term of the case, or the planned evaluation. */
export interface OverzichtStep {
  text: string;
  /** The last day (Dutch calendar) the step is due; null when no term runs for it. */
  dueOn: string | null;
  dueText: string | null;
  overdue: boolean;
}

/** A decision taken on the child's path, with the reason its maker gave. */
export interface OverzichtDecision {
  on: string;
  text: string;
  reason: string | null;
}

/** Who directs the child's path: an organisation, never a staff member's identifier. */
export interface OverzichtRegisseur {
  assigned: boolean;
  organisation: string | null;
}

export interface OverzichtCase {
  referralId: string;
  school: School;
  startedOn: string;
  stage: ReferralStage;
  stageText: string;
  open: boolean;
  nextStep: OverzichtStep | null;
  regisseur: OverzichtRegisseur;
  /** The aanbieder that delivers the help, by its code in the catalogue. */
  provider: string | null;
  decisions: OverzichtDecision[];
}

export interface OverzichtTransition {
  transitionId: string;
  text: string;
  status: Transition['status'];
  statusText: string;
  startDate: string;
  nextStep: OverzichtStep | null;
  decisions: OverzichtDecision[];
}

/** The parents' view of their child's path (issue 11 §6): plain Dutch, nothing of other children, no staff ids. */
export interface OuderOverzicht {
  childRef: string;
  asOf: string;
  regisseur: OverzichtRegisseur;
  cases: OverzichtCase[];
  transitions: OverzichtTransition[];
}

const day = (instant: string) => dutchDateOf(Date.parse(instant));
const sentence = (label: string) => `${label.charAt(0).toUpperCase()}${label.slice(1)}.`;

function stepOf(deadlines: readonly RunningDeadline[], now: number): OverzichtStep | null {
  const running = deadlines.filter((d) => d.closedAt === undefined && d.pausedAt === undefined).sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt))[0];
  if (running === undefined) return null;
  const dueOn = day(running.dueAt);
  return { text: sentence(DEADLINE_LABEL[running.rule]), dueOn, dueText: `uiterlijk ${dutchDateText(dueOn)}`, overdue: Date.parse(running.dueAt) < now };
}

/** A regisseur's organisation, as their own steps on the case name it; else the loket that appointed them. */
function organisationOf(regisseurId: string, acts: readonly (ActorRef | undefined)[], appointedBy: ActorRef | undefined): string | null {
  const own = acts.find((actor) => actor !== undefined && actor.sub === regisseurId && actor.org !== undefined);
  return own?.org ?? appointedBy?.org ?? null;
}

function regisseurOfReferral(state: ReferralState): OverzichtRegisseur {
  const toewijzing = state.toewijzingen.at(-1);
  const regisseurId = toewijzing?.regisseurId;
  if (regisseurId === undefined) return { assigned: false, organisation: null };
  const acts = [...state.arrangements.map((a) => a.decidedBy), ...state.evaluations.map((e) => e.evaluatedBy)];
  return { assigned: true, organisation: organisationOf(regisseurId, acts, toewijzing?.decidedBy) };
}

/**
 * A rejected arrangement becomes `vervangen` once the next draft comes in, as does an approved one that an
 * evaluation adjusts (bijstellen, opschalen): only the latter has an evaluation of its version.
 */
function wasRejected(arrangement: ReferralState['arrangements'][number], state: ReferralState): boolean {
  if (arrangement.status === 'afgewezen') return true;
  return arrangement.status === 'vervangen' && !state.evaluations.some((e) => e.arrangementVersion === arrangement.version);
}

function decisionsOfReferral(state: ReferralState): OverzichtDecision[] {
  const decisions: OverzichtDecision[] = [];
  for (const t of state.toewijzingen) {
    const provider = t.providerId === undefined ? '' : ` bij aanbieder ${t.providerId}`;
    decisions.push({ on: day(t.decidedAt), text: `Het loket heeft gekozen voor ${ROUTE_TEXT[t.route]}${provider}.`, reason: t.note ?? null });
  }
  for (const a of state.arrangements) {
    if (a.decidedAt === undefined) continue;
    const what = `${SUPPORT_KIND_TEXT[a.kind]}, ${a.intensity.hoursPerWeek} uur per week, van ${dutchDateText(a.startDate)} tot ${dutchDateText(a.endDate)}`;
    const text = wasRejected(a, state) ? `De regisseur heeft het plan voor de hulp (${what}) afgewezen.` : `De regisseur heeft het plan voor de hulp goedgekeurd: ${what}.`;
    decisions.push({ on: day(a.decidedAt), text, reason: a.decisionNote ?? null });
  }
  for (const e of state.evaluations) decisions.push({ on: day(e.evaluatedAt), text: EVALUATION_TEXT[e.outcome], reason: e.summary });
  if (state.withdrawal !== undefined) decisions.push({ on: day(state.withdrawal.at), text: 'De aanmelding is ingetrokken.', reason: state.withdrawal.reason });
  return decisions.sort((a, b) => a.on.localeCompare(b.on));
}

function nextStepOfReferral(state: ReferralState, now: number): OverzichtStep | null {
  if (!isOpenStage(state.stage)) return null;
  const step = stepOf(state.deadlines, now);
  if (step !== null) return step;
  if (state.stage === 'uitvoering' && state.evaluationDueAt !== undefined) {
    const dueOn = day(state.evaluationDueAt);
    return { text: 'De regisseur bespreekt met u hoe de hulp gaat (evaluatie).', dueOn, dueText: `gepland op ${dutchDateText(dueOn)}`, overdue: false };
  }
  const arrangement = state.arrangements.at(-1);
  if (state.stage === 'arrangement') return { text: ARRANGEMENT_STATUS_TEXT[arrangement?.status ?? 'concept'], dueOn: null, dueText: null, overdue: false };
  return null;
}

function fromState(state: ReferralState, now: number): OverzichtCase {
  const arrangement = state.arrangements.at(-1);
  const stageText = state.stage === 'arrangement' && arrangement !== undefined ? `${STAGE_TEXT.arrangement} ${ARRANGEMENT_STATUS_TEXT[arrangement.status]}` : STAGE_TEXT[state.stage];
  return {
    referralId: state.referralId,
    school: state.request.school,
    startedOn: day(state.createdAt),
    stage: state.stage,
    stageText,
    open: isOpenStage(state.stage),
    nextStep: nextStepOfReferral(state, now),
    regisseur: regisseurOfReferral(state),
    provider: state.toewijzingen.at(-1)?.providerId ?? null,
    decisions: decisionsOfReferral(state),
  };
}

/** A referral whose workflow could not be read (e.g. closed and past Temporal's retention): what the plan knows. */
function fromPlanEntry(entry: PlanReferral, plan: ChildPlanState): OverzichtCase {
  return {
    referralId: entry.referralId,
    school: entry.school,
    startedOn: day(entry.createdAt),
    stage: entry.stage,
    stageText: STAGE_TEXT[entry.stage],
    open: isOpenStage(entry.stage),
    nextStep: null,
    regisseur: { assigned: entry.regisseurId !== null, organisation: entry.regisseurId === null ? null : (plan.regisseur?.assignedBy.org ?? null) },
    provider: entry.providerId,
    decisions: entry.evaluations.map((e) => ({ on: day(e.at), text: EVALUATION_TEXT[e.outcome], reason: null })),
  };
}

function transitionOf(t: Transition, now: number): OverzichtTransition {
  const decisions: OverzichtDecision[] = [];
  const tlv = t.tlv?.decision;
  if (tlv !== undefined) {
    decisions.push(
      tlv.decision === 'afgegeven'
        ? { on: tlv.decidedOn, text: `Het samenwerkingsverband heeft een toelaatbaarheidsverklaring (TLV) afgegeven, geldig tot ${dutchDateText(dutchDateOf(toInstant(tlv.validUntil)))}.`, reason: null }
        : { on: tlv.decidedOn, text: 'Het samenwerkingsverband heeft geen toelaatbaarheidsverklaring (TLV) afgegeven.', reason: tlv.reason },
    );
  }
  const admission = t.admission;
  if (admission !== undefined) {
    decisions.push(
      admission.outcome === 'toegelaten'
        ? { on: admission.decidedOn, text: 'De nieuwe school heeft uw kind toegelaten.', reason: admission.note ?? null }
        : { on: admission.decidedOn, text: 'De nieuwe school heeft uw kind niet toegelaten.', reason: admission.reason },
    );
  }
  if (t.cancelled !== undefined) decisions.push({ on: day(t.cancelled.at), text: 'De overstap gaat niet door.', reason: t.cancelled.reason });
  const open = t.status === 'gepland' || t.status === 'bevestigd';
  return {
    transitionId: t.transitionId,
    text: `${TRANSITION_KIND_TEXT[t.kind]}: naar ${DESTINATION_TEXT[t.to.sector]}`,
    status: t.status,
    statusText: TRANSITION_STATUS_TEXT[t.status],
    startDate: t.startDate.slice(0, 10),
    nextStep: open ? stepOf(t.deadlines, now) : null,
    decisions: decisions.sort((a, b) => a.on.localeCompare(b.on)),
  };
}

/**
 * Builds the parents' view from what the workflows already hold: the child's plan and the live state of each of
 * its referrals (`referrals`, by id; a referral missing there is shown from the plan's own summary). Case ids
 * stay (parents quote them to the loket); staff identifiers do not: a regisseur is shown by organisation.
 */
export function buildOuderOverzicht(plan: ChildPlanState, referrals: ReadonlyMap<string, ReferralState>, now: number): OuderOverzicht {
  const cases = plan.referrals.map((entry) => {
    const state = referrals.get(entry.referralId);
    return state === undefined ? fromPlanEntry(entry, plan) : fromState(state, now);
  });
  const regisseurId = plan.regisseur?.regisseurId;
  const acts = [...referrals.values()].flatMap((s) => [...s.arrangements.map((a) => a.decidedBy), ...s.evaluations.map((e) => e.evaluatedBy)]);
  return {
    childRef: plan.childRef,
    asOf: new Date(now).toISOString(),
    regisseur: regisseurId === undefined ? { assigned: false, organisation: null } : { assigned: true, organisation: organisationOf(regisseurId, acts, plan.regisseur?.assignedBy) },
    cases: cases.sort((a, b) => a.startedOn.localeCompare(b.startedOn)),
    transitions: plan.transitions.map((t) => transitionOf(t, now)),
  };
}
