import type { UpdateDefinition } from '@temporalio/common';
import { allHandlersFinished, condition, patched, proxyActivities, setHandler, upsertSearchAttributes } from '@temporalio/workflow';
import { actorRef, ReferralMachine, toewijzingRequestSchema, type ReferralCommand, type ReferralStep } from '@schakel/domain';
import { regisseurHandoverSignal, type ChildPlanActivities, type ChildPlanReport } from '../child-plan/child-plan.contract';
import type { NotificationActivities } from '../notification/notification.contract';
import { recordNotices } from '../notification/notice.recorder';
import { asFailure, guarded, rethrowDomainRefusal } from '../workflow-failure';
import {
  approveArrangementUpdate,
  ESCALATION_LEVEL_SEARCH_ATTRIBUTE,
  extendDeadlineUpdate,
  OVERDUE_SEARCH_ATTRIBUTE,
  pauseDeadlineUpdate,
  reportThuiszitterUpdate,
  resumeDeadlineUpdate,
  recordEvaluationUpdate,
  referralEventsQuery,
  referralProjectionQuery,
  referralStateQuery,
  rejectArrangementUpdate,
  submitArrangementUpdate,
  toewijzingUpdate,
  withdrawReferralUpdate,
  type ReferralActivities,
  type ReferralUpdateResult,
  type ReferralWorkflowInput,
  type ReferralWorkflowResult,
} from './referral.contract';

// Projections must eventually land even through a long database outage, so they retry without
// limit; a domain error (bad data) is non-retryable and would surface as a failed activity instead.
// One projection is a single small transaction: a short start-to-close timeout means an attempt lost
// with a crashed worker is retried elsewhere within seconds, while a waiting Update still answers.
const { projectReferral, recordNotification, reportToChildPlan, claimChildPlanRegisseur } = proxyActivities<ReferralActivities & NotificationActivities & ChildPlanActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', nonRetryableErrorTypes: ['DomainError'] },
});

/**
 * Issue 4: a referral joins its child's plan and takes the plan's regisseur. Added after release, so it
 * runs only in executions that reach this point on the new code (a stored history replays without it).
 */
export const CHILD_PLAN_PATCH = 'child-plan-v1';

export async function referralWorkflow(input: ReferralWorkflowInput): Promise<ReferralWorkflowResult> {
  let machine: ReferralMachine;
  try {
    machine = ReferralMachine.submit(input.referralId, input.region, input.actor, input.body, new Date(), input.policy, input.requestId);
  } catch (error) {
    asFailure(error);
  }
  let projectedVersion = 0;

  setHandler(referralStateQuery, () => machine.state);
  setHandler(referralEventsQuery, () => [...machine.events]);
  setHandler(referralProjectionQuery, () => ({ summary: machine.summary(), events: [...machine.events] }));

  /**
   * A step answers only after its events are in the read model, so a client that reads the work
   * list right after a step sees it (read-your-writes through the single projector below).
   */
  const step = (name: ReferralStep) => ({
    validator: (command: ReferralCommand) => guarded(() => machine.check(name, command)),
    handler: async (command: ReferralCommand): Promise<ReferralUpdateResult> => {
      // A toewijzing that races the intake waits until the referral itself is on record.
      await condition(() => machine.state.stage !== 'gesignaleerd');
      let accepted = command;
      if (name === 'toewijzing' && patched(CHILD_PLAN_PATCH)) {
        // Één kind, één regisseur: the child's plan names the regisseur or refuses another (REGISSEUR_CONFLICT).
        const body = toewijzingRequestSchema.parse(command.body);
        const claim = body.regisseurId === undefined ? { referralId: input.referralId, by: actorRef(command.actor) } : { referralId: input.referralId, regisseurId: body.regisseurId, by: actorRef(command.actor) };
        const regisseurId = await claimChildPlanRegisseur(planReport(), claim).catch(rethrowDomainRefusal);
        accepted = { ...command, body: { ...body, regisseurId } };
      }
      guarded(() => machine.apply(name, accepted, new Date()));
      const version = machine.state.version;
      await condition(() => projectedVersion >= version);
      return machine.state;
    },
  });
  const register = (update: UpdateDefinition<ReferralUpdateResult, [ReferralCommand]>, name: ReferralStep) => {
    const { validator, handler } = step(name);
    setHandler(update, handler, { validator });
  };
  register(toewijzingUpdate, 'toewijzing');
  register(submitArrangementUpdate, 'arrangement');
  register(approveArrangementUpdate, 'approve');
  register(rejectArrangementUpdate, 'reject');
  register(recordEvaluationUpdate, 'evaluate');
  register(withdrawReferralUpdate, 'withdraw');
  register(pauseDeadlineUpdate, 'pauseDeadline');
  register(resumeDeadlineUpdate, 'resumeDeadline');
  register(extendDeadlineUpdate, 'extendDeadline');
  register(reportThuiszitterUpdate, 'reportThuiszitter');

  setHandler(regisseurHandoverSignal, (handover) => machine.handoverRegisseur(handover.regisseurId, handover.by, handover.reason, new Date()));

  const planReport = (): ChildPlanReport => ({ childRef: machine.state.request.childRef, region: input.region, entry: machine.planEntry() });
  let reportedToPlan = '';
  /** The child's plan hears of every change to the referral's stage, arrangement or regisseur (issue 4 §3). */
  const reportPlan = async (): Promise<void> => {
    const report = planReport();
    const { version: _version, ...content } = report.entry;
    const fingerprint = JSON.stringify(content);
    if (fingerprint === reportedToPlan) return;
    await reportToChildPlan(report);
    reportedToPlan = fingerprint;
  };

  let searchAttributes = { level: -1, overdue: false };
  /** Escalation level and overdue as search attributes: codes only, so operators can find stuck cases. */
  const publishSearchAttributes = (): void => {
    const { escalationLevel, overdueSince } = machine.summary();
    const next = { level: escalationLevel, overdue: overdueSince !== null };
    if (next.level === searchAttributes.level && next.overdue === searchAttributes.overdue) return;
    searchAttributes = next;
    upsertSearchAttributes([
      { key: ESCALATION_LEVEL_SEARCH_ATTRIBUTE, value: next.level },
      { key: OVERDUE_SEARCH_ATTRIBUTE, value: next.overdue },
    ]);
  };

  /** Each notice becomes one notification; its id is fixed here, so a retried activity records it once. */
  const sendNotices = (): Promise<void> => recordNotices(recordNotification, machine.takeNotices(), { referralId: input.referralId });

  /** Everything a change owes the outside world, in order: read model, search attributes, notifications. */
  const publishPending = async (): Promise<void> => {
    while (projectedVersion < machine.state.version) {
      const target = machine.state.version;
      const events = machine.events.filter((e) => e.seq > projectedVersion && e.seq <= target);
      await projectReferral({ summary: machine.summary(), events });
      projectedVersion = target;
    }
    publishSearchAttributes();
    await sendNotices();
    if (patched(CHILD_PLAN_PATCH)) await reportPlan();
  };

  // Intake: the referral is on record before the loket's deadline starts.
  await publishPending();
  machine.requestToewijzing(new Date());

  while (machine.isOpen) {
    machine.tick(new Date());
    await publishPending();
    // Compare with what is projected, not the live version: a step applied while notifications were
    // being sent has already moved the version, and must wake the loop at once.
    const seen = projectedVersion;
    const wakeAt = machine.nextWakeAt();
    // One durable timer for the nearest moment (evaluation date, reminder, escalation); any step
    // changes the version and the loop recomputes it, so completed steps cancel their timers.
    if (wakeAt === undefined) await condition(() => machine.state.version !== seen);
    else await condition(() => machine.state.version !== seen, Math.max(1, wakeAt - Date.now()));
  }
  await publishPending();
  // Let in-flight Update handlers return their answers before the workflow completes.
  await condition(allHandlersFinished);
  const { stage, closedAt } = machine.state;
  return closedAt === undefined ? { referralId: input.referralId, stage } : { referralId: input.referralId, stage, closedAt };
}
