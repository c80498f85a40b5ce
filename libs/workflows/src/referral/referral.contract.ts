import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Actor, ReferralCommand, ReferralEvent, ReferralState, ReferralStage, ReferralSummary, ResolvedDeadlinePolicy } from '@schakel/domain';

/** Task queue served by the Schakel worker for the referral family. */
export const REFERRAL_TASK_QUEUE = 'schakel-referrals';

/**
 * Workflow id of a referral. Only the random referral id goes in: workflow ids are visible in the
 * Temporal UI and logs, so they must never carry a name, BSN or birth date (AVG — DESIGN.md).
 */
export function referralWorkflowId(referralId: string): string {
  return `referral-${referralId}`;
}

/** Input of referralWorkflow: the school's request exactly as received, plus who sent it. */
export interface ReferralWorkflowInput {
  referralId: string;
  /** The region (SWV) whose loket handles the case; taken from the school's token. */
  region: string;
  actor: Actor;
  requestId?: string;
  /** The request body; the workflow parses it with the domain schema again. */
  body: unknown;
  /**
   * The deadline policy for the case's region, resolved by the API when the case starts. The workflow
   * keeps it for the case's whole life, so a new policy version never changes a running case's terms.
   */
  policy: ResolvedDeadlinePolicy;
}

export interface ReferralWorkflowResult {
  referralId: string;
  stage: ReferralStage;
  closedAt?: string;
}

/** Every human step answers with the referral's state after the step, once it is in the read model. */
export type ReferralUpdateResult = ReferralState;

/**
 * Human steps are Updates with validators: the caller learns at once whether the step was accepted
 * (403/404 scope, 409 stage, 400 body) and a refused step is never written to the history.
 * Wire names are stable: never rename them once released.
 */
export const toewijzingUpdate = defineUpdate<ReferralUpdateResult, [ReferralCommand]>('toewijzing');
export const submitArrangementUpdate = defineUpdate<ReferralUpdateResult, [ReferralCommand]>('submitArrangement');
export const approveArrangementUpdate = defineUpdate<ReferralUpdateResult, [ReferralCommand]>('approveArrangement');
export const rejectArrangementUpdate = defineUpdate<ReferralUpdateResult, [ReferralCommand]>('rejectArrangement');
export const recordEvaluationUpdate = defineUpdate<ReferralUpdateResult, [ReferralCommand]>('recordEvaluation');
export const withdrawReferralUpdate = defineUpdate<ReferralUpdateResult, [ReferralCommand]>('withdrawReferral');
/** Deadline steps: the command body carries `deadlineId` next to the request body (issue 3 §3). */
export const pauseDeadlineUpdate = defineUpdate<ReferralUpdateResult, [ReferralCommand]>('pauseDeadline');
export const resumeDeadlineUpdate = defineUpdate<ReferralUpdateResult, [ReferralCommand]>('resumeDeadline');
export const extendDeadlineUpdate = defineUpdate<ReferralUpdateResult, [ReferralCommand]>('extendDeadline');
/** A pupil of an open referral becomes a thuiszitter (issue 3 §4). */
export const reportThuiszitterUpdate = defineUpdate<ReferralUpdateResult, [ReferralCommand]>('reportThuiszitter');
/**
 * The consent gates and the zienswijze (issue 11 §6, ADR 0019): a parent's or the young person's own answer on a
 * gate (`toestemming`), a signed paper form recorded by the loket or the regisseur (`recordPaperToestemming`), and a
 * view on the arrangement awaiting approval (`zienswijze`). The command carries the API's consent context (the
 * child's age and parents with gezag on the day), so the age rules are judged at the moment of the decision.
 */
export const toestemmingUpdate = defineUpdate<ReferralUpdateResult, [ReferralCommand]>('toestemming');
export const recordPaperToestemmingUpdate = defineUpdate<ReferralUpdateResult, [ReferralCommand]>('recordPaperToestemming');
export const zienswijzeUpdate = defineUpdate<ReferralUpdateResult, [ReferralCommand]>('zienswijze');

/**
 * Search attributes of a referral: codes only, never personal data. They must be registered in the
 * namespace (the dev server gets them as --search-attribute flags from tools/).
 */
export const ESCALATION_LEVEL_SEARCH_ATTRIBUTE = defineSearchAttributeKey('SchakelEscalationLevel', SearchAttributeType.INT);
export const OVERDUE_SEARCH_ATTRIBUTE = defineSearchAttributeKey('SchakelOverdue', SearchAttributeType.BOOL);
export const REFERRAL_SEARCH_ATTRIBUTES = { SchakelEscalationLevel: 'Int', SchakelOverdue: 'Bool' } as const;

export const referralStateQuery = defineQuery<ReferralState>('referralState');
/** The timeline as the workflow holds it; the read model's copy can be rebuilt from it. */
export const referralEventsQuery = defineQuery<ReferralEvent[]>('referralEvents');
/**
 * The case's whole projection as the workflow computes it (`machine.summary()` and every timeline entry): the
 * read-model rebuild hands it to the same writer as projectReferral (ADR 0012). A Query adds no commands, so
 * adding it changed no running case's replay.
 */
export const referralProjectionQuery = defineQuery<ReferralProjection>('referralProjection');

/** What one projection carries: the new read-model row and the timeline entries not yet projected. */
export interface ReferralProjection {
  summary: ReferralSummary;
  events: ReferralEvent[];
}

/** Activities the referral workflow calls; the worker implements them as Nest providers. */
export interface ReferralActivities {
  /**
   * Writes the read model and the audit log in one transaction. Idempotent: a retry of the same
   * projection (same referral id and event seqs) writes nothing twice, and an older summary never
   * overwrites a newer one.
   */
  projectReferral(projection: ReferralProjection): Promise<void>;
}
