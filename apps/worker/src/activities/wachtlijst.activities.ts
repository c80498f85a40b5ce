import { Injectable } from '@nestjs/common';
import { Context } from '@temporalio/activity';
import { ApplicationFailure, WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import type { WachtlijstAdmission, WachtlijstLapse } from '@schakel/domain';
import {
  referralWorkflowId,
  wachtlijstAdmissionUpdate,
  wachtlijstLapsedUpdate,
  type WachtlijstActivities,
  type WachtlijstAdmissionOutcome,
} from '@schakel/workflows/contracts';

/** Well inside the list's heartbeat timeout (10 s, wachtlijst.workflow.ts): a live call is never taken for a dead worker. */
const HEARTBEAT_MS = 2_000;

/** Refusals that mean the referral can no longer take a place: it is closed or does not know the case. */
const GONE = new Set(['STAGE_CONFLICT', 'NOT_FOUND']);

/**
 * How a wachtlijst tells a referral that it has a place, or that its entry lapsed (issue 11 §3). The admission's
 * (or lapse's) id is the Update id:
 * Temporal runs one Update id once per workflow run and answers a repeat with the first outcome, so a retry
 * after a worker died mid-call does not admit twice. Anything else (the server unreachable, a referral whose
 * worker does not answer yet) is thrown, and Temporal retries.
 */
@Injectable()
export class WachtlijstActivitiesProvider implements WachtlijstActivities {
  constructor(private readonly client: Client) {}

  async admitFromWachtlijst(admission: WachtlijstAdmission): Promise<WachtlijstAdmissionOutcome> {
    return this.tell(() =>
      this.client.workflow.getHandle(referralWorkflowId(admission.referralId)).executeUpdate(wachtlijstAdmissionUpdate, { updateId: admission.admissionId, args: [admission] }),
    );
  }

  async tellWachtlijstLapsed(lapse: WachtlijstLapse): Promise<WachtlijstAdmissionOutcome> {
    return this.tell(() =>
      this.client.workflow.getHandle(referralWorkflowId(lapse.referralId)).executeUpdate(wachtlijstLapsedUpdate, { updateId: lapse.lapseId, args: [lapse] }),
    );
  }

  /** Sends the list's Update to the referral: `confirmed` once it answered, `gone` when it is closed or unknown. */
  private async tell(send: () => Promise<unknown>): Promise<WachtlijstAdmissionOutcome> {
    try {
      await whileHeartbeating(send());
      return 'confirmed';
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return 'gone';
      if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure && GONE.has(error.cause.type ?? '')) return 'gone';
      throw error;
    }
  }
}

/**
 * Heartbeats while the referral's Update is pending: it answers once the case is in the read model, which can
 * take a while when many places free at once, and only a silent worker must count as dead. Outside an activity
 * (the provider's own spec calls it directly) there is nobody to tell.
 */
async function whileHeartbeating<T>(pending: Promise<T>): Promise<T> {
  let context: Context;
  try {
    context = Context.current();
  } catch {
    return pending;
  }
  const timer = setInterval(() => context.heartbeat(), HEARTBEAT_MS);
  try {
    return await pending;
  } finally {
    clearInterval(timer);
  }
}
