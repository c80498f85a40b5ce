import type { UpdateDefinition } from '@temporalio/common';
import { allHandlersFinished, ApplicationFailure, condition, proxyActivities, setHandler } from '@temporalio/workflow';
import { DomainError, ReferralMachine, type ReferralCommand, type ReferralStep } from '@schakel/domain';
import {
  approveArrangementUpdate,
  recordEvaluationUpdate,
  referralEventsQuery,
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
const { projectReferral } = proxyActivities<ReferralActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', nonRetryableErrorTypes: ['DomainError'] },
});

/** Turns a domain refusal into the failure type the API maps to an HTTP status. */
function asFailure(error: unknown): never {
  if (error instanceof DomainError) {
    throw ApplicationFailure.create({ type: error.code, message: error.message, details: [error.issues], nonRetryable: true });
  }
  throw error;
}

function guarded(fn: () => void): void {
  try {
    fn();
  } catch (error) {
    asFailure(error);
  }
}

export async function referralWorkflow(input: ReferralWorkflowInput): Promise<ReferralWorkflowResult> {
  let machine: ReferralMachine;
  try {
    machine = ReferralMachine.submit(input.referralId, input.region, input.actor, input.body, new Date(), input.requestId);
  } catch (error) {
    asFailure(error);
  }
  let projectedVersion = 0;

  setHandler(referralStateQuery, () => machine.state);
  setHandler(referralEventsQuery, () => [...machine.events]);

  /**
   * A step answers only after its events are in the read model, so a client that reads the work
   * list right after a step sees it (read-your-writes through the single projector below).
   */
  const step = (name: ReferralStep) => ({
    validator: (command: ReferralCommand) => guarded(() => machine.check(name, command)),
    handler: async (command: ReferralCommand): Promise<ReferralUpdateResult> => {
      // A toewijzing that races the intake waits until the referral itself is on record.
      await condition(() => machine.state.stage !== 'gesignaleerd');
      guarded(() => machine.apply(name, command, new Date()));
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

  const projectPending = async (): Promise<void> => {
    while (projectedVersion < machine.state.version) {
      const target = machine.state.version;
      const events = machine.events.filter((e) => e.seq > projectedVersion && e.seq <= target);
      await projectReferral({ summary: machine.summary(), events });
      projectedVersion = target;
    }
  };

  // Intake: the referral is on record before the loket's deadline starts.
  await projectPending();
  machine.requestToewijzing(new Date());

  while (machine.isOpen) {
    await projectPending();
    const seen = machine.state.version;
    const dueAt = machine.state.stage === 'uitvoering' ? machine.state.evaluationDueAt : undefined;
    if (dueAt === undefined) {
      await condition(() => machine.state.version !== seen);
      continue;
    }
    // The evaluation date is a durable timer that moves with the arrangement (verlengen resets it).
    const changed = await condition(() => machine.state.version !== seen, Math.max(0, Date.parse(dueAt) - Date.now()));
    if (!changed) machine.evaluationDue(new Date());
  }
  await projectPending();
  // Let in-flight Update handlers return their answers before the workflow completes.
  await condition(allHandlersFinished);
  const { stage, closedAt } = machine.state;
  return closedAt === undefined ? { referralId: input.referralId, stage } : { referralId: input.referralId, stage, closedAt };
}
