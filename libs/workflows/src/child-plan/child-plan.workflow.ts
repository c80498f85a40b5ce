import {
  allHandlersFinished,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  patched,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import { CHILD_PLAN_STEPS, ChildPlanMachine, DomainError, VOORSCHOOL_STEPS, type ChildPlanCommand, type ChildPlanStep } from '@schakel/domain';
import type { NotificationActivities } from '../notification/notification.contract';
import { recordNotices } from '../notification/notice.recorder';
import { referralWorkflowId } from '../referral/referral.contract';
import { asFailure, guarded } from '../workflow-failure';
import {
  childPlanEventsQuery,
  childPlanStateQuery,
  childPlanStepUpdate,
  claimRegisseurUpdate,
  registerReferralSignal,
  regisseurHandoverSignal,
  type ChildPlanWorkflowInput,
  type RegisseurHandover,
} from './child-plan.contract';

const { recordNotification } = proxyActivities<NotificationActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', nonRetryableErrorTypes: ['DomainError'] },
});

/**
 * The voorschool → PO overstap (issue 11 §5) changed the released plan: its steps open new terms, whose
 * timers and notifications a history written before it never issued. A voorschool step is applied only after
 * `patched(VOORSCHOOL_PATCH)` has recorded its marker (docs/upgrades.md; ADR 0006 addendum).
 */
export const VOORSCHOOL_PATCH = 'voorschool-v1';

/** Well under Temporal's 10,240-event warning, so a plan that lives for a child's whole school career never nears it. */
const DEFAULT_HISTORY_LIMIT = 2_000;

/**
 * One child, one plan, one regisseur (issue 4): a workflow per child that lives as long as the child is
 * in the system. It never completes; Continue-As-New keeps each run's history bounded and carries the
 * plan (state and timeline) into the next run.
 */
export async function childPlanWorkflow(input: ChildPlanWorkflowInput): Promise<never> {
  const machine =
    input.carried === undefined ? ChildPlanMachine.open(input.childRef, input.region, new Date()) : ChildPlanMachine.restore(input.carried.state, input.carried.events);
  /** Bumped by every message, so the loop wakes for changes that do not move the plan's version. */
  let changes = 0;
  const handovers: RegisseurHandover[] = [];

  setHandler(childPlanStateQuery, () => machine.state);
  setHandler(childPlanEventsQuery, () => [...machine.events]);

  setHandler(registerReferralSignal, (entry) => {
    machine.registerReferral(entry, new Date());
    changes += 1;
  });

  setHandler(
    claimRegisseurUpdate,
    (claim) => {
      changes += 1;
      try {
        return machine.claimRegisseur(claim.referralId, claim.regisseurId, claim.by, new Date());
      } catch (error) {
        return asFailure(error);
      }
    },
    { validator: (claim) => guarded(() => machine.checkRegisseurClaim(claim.regisseurId)) },
  );

  const checkStep = (step: ChildPlanStep, command: ChildPlanCommand): void => {
    // The step name comes from the caller: an unknown one is refused before anything runs.
    if (!CHILD_PLAN_STEPS.includes(step)) throw new DomainError('VALIDATION_FAILED', `Unknown step ${String(step)}`);
    machine.check(step, command, new Date());
  };
  setHandler(
    childPlanStepUpdate,
    (step, command) => {
      // The marker goes into the history before the step's first effect (a timer, a notification).
      // It answers true here always: a history without the marker never received a voorschool step (the
      // validator of the code before it refused the unknown step), so replay never reaches this without it.
      if (VOORSCHOOL_STEPS.includes(step)) patched(VOORSCHOOL_PATCH);
      guarded(() => {
        checkStep(step, command);
        machine.apply(step, command, new Date());
      });
      if (step === 'handoverRegisseur' && machine.state.regisseur !== null) {
        const { regisseurId, assignedBy, reason } = machine.state.regisseur;
        handovers.push({ regisseurId, by: assignedBy, reason: reason ?? '' });
      }
      changes += 1;
      return machine.state;
    },
    { validator: (step, command) => guarded(() => checkStep(step, command)) },
  );

  /** Notices become notifications; the id is fixed here, so a retried activity records each once. */
  const sendNotices = (): Promise<void> => recordNotices(recordNotification, machine.takeNotices(), { childRef: machine.state.childRef });

  /** A handover reaches every open referral of the child, so who may approve and evaluate follows it. */
  const sendHandovers = async (): Promise<void> => {
    while (handovers.length > 0) {
      const handover = handovers.shift() as RegisseurHandover;
      for (const referralId of machine.openReferralIds) {
        try {
          await getExternalWorkflowHandle(referralWorkflowId(referralId)).signal(regisseurHandoverSignal, handover);
        } catch {
          // The referral closed meanwhile: it has no scope left to move.
        }
      }
    }
  };

  const historyLimit = input.historyLimit ?? DEFAULT_HISTORY_LIMIT;
  for (;;) {
    machine.tick(new Date());
    await sendNotices();
    await sendHandovers();
    const info = workflowInfo();
    if (info.continueAsNewSuggested || info.historyLength >= historyLimit) {
      // Updates and signals in flight finish in this run, and what they owe the outside world is sent,
      // before the plan (state and timeline) is carried into the next run.
      for (;;) {
        await condition(allHandlersFinished);
        if (handovers.length === 0 && machine.pendingNoticeCount === 0) break;
        await sendNotices();
        await sendHandovers();
      }
      await continueAsNew<typeof childPlanWorkflow>({ ...input, carried: { state: machine.state, events: [...machine.events] } });
    }
    const seen = changes;
    const wakeAt = machine.nextWakeAt();
    // One durable timer for the nearest moment: a reminder, an escalation, or an overstap's start date.
    if (wakeAt === undefined) await condition(() => changes !== seen);
    else await condition(() => changes !== seen, Math.max(1, wakeAt - Date.now()));
  }
}
