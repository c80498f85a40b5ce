import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { ActorRef, ChildPlanCommand, ChildPlanEvent, ChildPlanState, ChildPlanStep, PlanReferral } from '@schakel/domain';

/**
 * Workflow id of a child's plan (issue 4 §1): the pseudonymous child reference only, which the referral
 * schema already refuses when it looks like a BSN (AVG — DESIGN.md).
 */
export function childPlanWorkflowId(childRef: string): string {
  return `child-${childRef}`;
}

export const CHILD_PLAN_WORKFLOW_TYPE = 'childPlanWorkflow';

/** What a plan carries into its next run when its history is continued as new. */
export interface ChildPlanCarryOver {
  state: ChildPlanState;
  events: ChildPlanEvent[];
}

export interface ChildPlanWorkflowInput {
  childRef: string;
  /** The region (SWV) of the referral that opened the plan. */
  region: string;
  carried?: ChildPlanCarryOver;
  /**
   * Continue-As-New once the history holds this many events (default 2,000, well under Temporal's
   * 10,240 warning limit, or earlier when the server suggests it); tests set a small number.
   */
  historyLimit?: number;
}

/**
 * A referral reports itself to its child's plan: on start (signal-with-start, so the plan exists from
 * the first referral) and whenever its stage or arrangement changes.
 */
export const registerReferralSignal = defineSignal<[PlanReferral]>('registerReferral');

export interface RegisseurClaim {
  referralId: string;
  /** The regisseur the loket named in the toewijzing; absent: the child's regisseur is used. */
  regisseurId?: string;
  by: ActorRef;
}

/** Één kind, één regisseur: answers the child's regisseur, or refuses another one (REGISSEUR_CONFLICT). */
export const claimRegisseurUpdate = defineUpdate<string, [RegisseurClaim]>('claimRegisseur');

/** Every human step on the plan (overstap steps, handover, deadlines); answers the plan after the step. */
export const childPlanStepUpdate = defineUpdate<ChildPlanState, [ChildPlanStep, ChildPlanCommand]>('childPlanStep');

export const childPlanStateQuery = defineQuery<ChildPlanState>('childPlanState');
export const childPlanEventsQuery = defineQuery<ChildPlanEvent[]>('childPlanEvents');

/** What the referral workflow hands its activity to reach the plan. */
export interface ChildPlanReport {
  childRef: string;
  region: string;
  entry: PlanReferral;
}

/** Activities the referral workflow calls to reach its child's plan; the worker implements them with a Temporal client. */
export interface ChildPlanActivities {
  /** Signal-with-start: registers (or updates) the referral in its child's plan, starting the plan if needed. */
  reportToChildPlan(report: ChildPlanReport): Promise<void>;
  /** Reports the referral, then asks the plan for its regisseur (claimRegisseurUpdate). */
  claimChildPlanRegisseur(report: ChildPlanReport, claim: RegisseurClaim): Promise<string>;
}

/** A regisseur handover in the plan reaches each open referral, so its scope follows the new regisseur. */
export interface RegisseurHandover {
  regisseurId: string;
  by: ActorRef;
  reason: string;
}
export const regisseurHandoverSignal = defineSignal<[RegisseurHandover]>('regisseurHandover');
