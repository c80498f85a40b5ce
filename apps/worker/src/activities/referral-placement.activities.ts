import { ApplicationFailure, WithStartWorkflowOperation, WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { isDomainErrorCode, type PlacementOutcome, type WachtlijstCommand, type WachtlijstPosition, type WachtlijstState } from '@schakel/domain';
import {
  enqueueWachtlijstUpdate,
  placeFreedUpdate,
  removeFromWachtlijstUpdate,
  WACHTLIJST_WORKFLOW_TYPE,
  wachtlijstStateQuery,
  wachtlijstWorkflowId,
  type JoinWachtlijstInput,
  type LeaveWachtlijstInput,
  type ReferralPlacementActivities,
  type WachtlijstWorkflowInput,
} from '@schakel/workflows/contracts';

/** Where the count of taken places is mirrored (AanbodPlacesWriter in production, a map in workflow specs). */
export interface AanbodPlacesMirror {
  mirror(aanbodId: string, read: () => Promise<number | undefined>): Promise<unknown>;
}

/**
 * A referral's side of an aanbod's wachtlijst (issue 11 §2). The list workflow owns the places; these activities
 * only send it its own Updates (wachtlijst.contract.ts). Joining starts the list when it does not run yet, in one
 * call with the enqueue (updateWithStart, conflict policy USE_EXISTING), so two referrals joining a new list at
 * the same moment meet in one list. Every call is safe to retry.
 */
export class ReferralPlacementActivitiesProvider implements ReferralPlacementActivities {
  constructor(
    private readonly client: Client,
    /** The worker's task queue: the list runs beside the referrals that join it. */
    private readonly taskQueue: string,
    private readonly places: AanbodPlacesMirror,
  ) {}

  async joinWachtlijst(input: JoinWachtlijstInput): Promise<PlacementOutcome> {
    const list: WachtlijstWorkflowInput = { aanbodId: input.aanbodId, capacity: input.capacity, placesTaken: input.placesTaken, policy: input.policy };
    const start = new WithStartWorkflowOperation(WACHTLIJST_WORKFLOW_TYPE, {
      workflowId: wachtlijstWorkflowId(input.aanbodId),
      taskQueue: this.taskQueue,
      args: [list],
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
    try {
      // The join's id as the Update id: a retry after a lost answer gets the first outcome, not a second entry.
      const position = await this.client.workflow.executeUpdateWithStart(enqueueWachtlijstUpdate, { args: [input.command], updateId: input.joinId, startWorkflowOperation: start });
      return outcomeOf(position);
    } catch (error) {
      const refusal = refusalOf(error);
      // Already on the list or holding a place there: a retry whose first answer was lost (e.g. across a
      // Continue-As-New of the list); where the case stands is the answer.
      if (refusal?.type === 'STAGE_CONFLICT') {
        const standing = standingOf(await this.state(input.aanbodId), (input.command.body as { referralId: string }).referralId);
        if (standing !== undefined) return standing;
      }
      throw refusal === undefined ? error : domainRefusal(refusal);
    }
  }

  async leaveWachtlijst(input: LeaveWachtlijstInput): Promise<void> {
    const handle = this.client.workflow.getHandle(wachtlijstWorkflowId(input.aanbodId));
    const command = (body: unknown): WachtlijstCommand => ({ ...input.command, body });
    const free = () =>
      handle.executeUpdate(placeFreedUpdate, {
        // One release per referral and aanbod: a retried or repeated leave frees one place.
        args: [command({ releaseId: `${input.referralId}:vrij`, referralId: input.referralId, reason: input.release })],
      });
    try {
      if (input.held === 'toegelaten') {
        await free();
        return;
      }
      await handle.executeUpdate(removeFromWachtlijstUpdate, { args: [command({ referralId: input.referralId, reason: input.removal })] });
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return;
      const refusal = refusalOf(error);
      // Not on the list any more (admitted meanwhile, lapsed, removed): what it holds now is a place, or nothing.
      if (refusal?.type === 'STAGE_CONFLICT' && input.held === 'wachtend') {
        await free();
        return;
      }
      if (refusal?.type === 'NOT_FOUND') return;
      throw refusal === undefined ? error : domainRefusal(refusal);
    }
  }

  async syncAanbodPlaces(aanbodId: string): Promise<void> {
    await this.places.mirror(aanbodId, async () => {
      try {
        const state = await this.state(aanbodId);
        return state.placesTakenOutside + state.occupants.length;
      } catch (error) {
        if (error instanceof WorkflowNotFoundError) return undefined;
        throw error;
      }
    });
  }

  private state(aanbodId: string): Promise<WachtlijstState> {
    return this.client.workflow.getHandle(wachtlijstWorkflowId(aanbodId)).query(wachtlijstStateQuery);
  }
}

function outcomeOf(position: WachtlijstPosition): PlacementOutcome {
  return position.status === 'toegelaten'
    ? { status: 'toegelaten', ...(position.admissionId === undefined ? {} : { admissionId: position.admissionId }) }
    : { status: 'wachtend', ...(position.position === undefined ? {} : { position: position.position }) };
}

function standingOf(state: WachtlijstState, referralId: string): PlacementOutcome | undefined {
  const index = state.queue.findIndex((entry) => entry.referralId === referralId);
  if (index >= 0) return { status: 'wachtend', position: index + 1 };
  const occupant = state.occupants.find((o) => o.referralId === referralId);
  return occupant === undefined ? undefined : { status: 'toegelaten', admissionId: occupant.admissionId };
}

/** The list's own refusal (a domain code from its validator), if that is what failed. */
function refusalOf(error: unknown): ApplicationFailure | undefined {
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure && isDomainErrorCode(error.cause.type)) return error.cause;
  return undefined;
}

/** Passed on with its code, not retried: the referral's step fails with what the list said (rethrowDomainRefusal). */
function domainRefusal(refusal: ApplicationFailure): ApplicationFailure {
  return ApplicationFailure.create({ type: refusal.type ?? undefined, message: refusal.message, details: refusal.details ?? [], nonRetryable: true });
}
