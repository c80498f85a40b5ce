import { allHandlersFinished, condition, continueAsNew, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import { changedWachtlijstEntryRows, wachtlijstEntryRows, WachtlijstMachine, type WachtlijstCommand, type WachtlijstEntryRow, type WachtlijstStep } from '@schakel/domain';
import type { NotificationActivities } from '../notification/notification.contract';
import { recordNotices } from '../notification/notice.recorder';
import { asFailure, guarded } from '../workflow-failure';
import {
  ADMISSIONS_IN_FLIGHT,
  changeWachtlijstCapacityUpdate,
  enqueueWachtlijstUpdate,
  placeFreedUpdate,
  recordOverbruggingUpdate,
  removeFromWachtlijstUpdate,
  WACHTLIJST_PROJECTION_CHUNK,
  wachtlijstStateQuery,
  type WachtlijstActivities,
  type WachtlijstProjectionActivities,
  type WachtlijstWorkflowInput,
} from './wachtlijst.contract';

const { recordNotification } = proxyActivities<NotificationActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', nonRetryableErrorTypes: ['DomainError'] },
});

/**
 * Telling a referral it has a place is retried until it is done: the decision is already in the list's state,
 * so giving up would leave a place held for a case that never heard of it. The call waits for the referral's
 * Update, which answers only once the case is in the read model, so a busy referral may take a while: the
 * activity heartbeats while it waits, and a worker that dies mid-call is noticed by the missing heartbeat, after
 * which another worker retries with the same admissionId, answered once (the Update id — see
 * wachtlijstAdmissionUpdate). A start-to-close of seconds made a burst of admissions time out and retry in a loop
 * (docs/performance.md, "the full size").
 */
const { admitFromWachtlijst, tellWachtlijstLapsed } = proxyActivities<WachtlijstActivities>({
  startToCloseTimeout: '2 minutes',
  heartbeatTimeout: '10 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});


/** Like projectReferral: retried until the read model is back, a refusal of the data itself is not retried. */
const { projectWachtlijst } = proxyActivities<WachtlijstProjectionActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', nonRetryableErrorTypes: ['DomainError'] },
});

/** Well under Temporal's 10,240-event warning: a list lives as long as its aanbod. */
const DEFAULT_HISTORY_LIMIT = 2_000;

/**
 * One wachtlijst per aanbod (issue 11 §3-4): its queue, its places, and the running waiting norm of every case
 * on it. It never completes; Continue-As-New carries the list into a fresh history. The rules are in
 * WachtlijstMachine; this function wires Updates to it, sends what it decided, and sleeps until the nearest
 * moment (one durable timer, as for deadlines — ADR 0004).
 */
export async function wachtlijstWorkflow(input: WachtlijstWorkflowInput): Promise<never> {
  const machine =
    input.carried === undefined
      ? WachtlijstMachine.open({ aanbodId: input.aanbodId, capacity: input.capacity, placesTaken: input.placesTaken ?? 0, policy: input.policy }, new Date())
      : WachtlijstMachine.restore(input.carried);
  /** Bumped by every message and every settled admission, so the loop wakes for it. */
  let changes = 0;
  /** Admissions whose activity runs now; each is started once per run. */
  const inFlight = new Set<string>();

  setHandler(wachtlijstStateQuery, () => machine.state);

  /** Handlers are synchronous: an admission is decided inside the Update that freed the place, never in between. */
  const apply = (step: WachtlijstStep, command: WachtlijstCommand) => {
    try {
      const answer = machine.apply(step, command, new Date());
      changes += 1;
      return answer;
    } catch (error) {
      return asFailure(error);
    }
  };
  const validator = (step: WachtlijstStep) => (command: WachtlijstCommand) => guarded(() => machine.check(step, command, new Date()));
  const position = (step: WachtlijstStep) => (command: WachtlijstCommand) => {
    const answer = apply(step, command);
    if (answer === undefined) throw new Error(`${step} answers a position`);
    return answer;
  };
  const receipt = (step: WachtlijstStep) => (command: WachtlijstCommand) => {
    const before = machine.pendingAdmissionIds();
    apply(step, command);
    return machine.receipt(before);
  };
  setHandler(enqueueWachtlijstUpdate, position('enqueue'), { validator: validator('enqueue') });
  setHandler(recordOverbruggingUpdate, position('recordOverbrugging'), { validator: validator('recordOverbrugging') });
  setHandler(removeFromWachtlijstUpdate, receipt('remove'), { validator: validator('remove') });
  setHandler(changeWachtlijstCapacityUpdate, receipt('changeCapacity'), { validator: validator('changeCapacity') });
  setHandler(placeFreedUpdate, receipt('placeFreed'), { validator: validator('placeFreed') });

  /** Notices become notifications; the id is fixed here, in workflow code, so a retried activity records each once. */
  const sendNotices = (): Promise<void> =>
    recordNotices(recordNotification, machine.takeNotices(), (notice) => ({ referralId: notice.referralId, childRef: notice.childRef }));

  /**
   * Tells the admitted referrals, and those whose entry lapsed, up to ADMISSIONS_IN_FLIGHT at a time and in the
   * order decided, so a referral that is slow to answer holds up neither the others nor the list's timers. A
   * referral that is gone gives its place to the next case (settleAdmission).
   */
  const tellReferrals = (): void => {
    const tell = (id: string, call: () => Promise<void>): void => {
      inFlight.add(id);
      void call()
        // Only a cancelled activity ends here (the retry policy has no end): it stays pending.
        .catch(() => undefined)
        .finally(() => {
          inFlight.delete(id);
          changes += 1;
        });
    };
    for (const admission of machine.pendingAdmissions) {
      if (inFlight.size >= ADMISSIONS_IN_FLIGHT) return;
      if (inFlight.has(admission.admissionId)) continue;
      tell(admission.admissionId, async () => machine.settleAdmission(admission.admissionId, await admitFromWachtlijst(admission), new Date()));
    }
    for (const lapse of machine.pendingLapses) {
      if (inFlight.size >= ADMISSIONS_IN_FLIGHT) return;
      if (inFlight.has(lapse.lapseId)) continue;
      tell(lapse.lapseId, async () => {
        await tellWachtlijstLapsed(lapse);
        machine.settleLapse(lapse.lapseId, new Date());
      });
    }
  };

  /**
   * The rows as last written to the read model. Not carried over Continue-As-New: a new run writes every row it
   * holds once, at the same version, which the writer leaves as it is.
   */
  let projected: ReadonlyMap<string, WachtlijstEntryRow> = new Map();
  /** Writes the rows that changed since the last write, in order and awaited, so versions reach Postgres rising. */
  const project = async (): Promise<void> => {
    const { version, aanbodId } = machine.state;
    const next = wachtlijstEntryRows(machine.state, projected);
    const changed = changedWachtlijstEntryRows(next, projected);
    for (let i = 0; i < changed.length; i += WACHTLIJST_PROJECTION_CHUNK) {
      await projectWachtlijst({ aanbodId, version, rows: changed.slice(i, i + WACHTLIJST_PROJECTION_CHUNK) });
    }
    projected = next;
  };

  const historyLimit = input.historyLimit ?? DEFAULT_HISTORY_LIMIT;
  for (;;) {
    // Taken before anything is awaited: a change that lands while notices or the projection are sent wakes the
    // next round instead of being slept through.
    const seen = changes;
    machine.tick(new Date());
    tellReferrals();
    await sendNotices();
    await project();
    const info = workflowInfo();
    if (info.continueAsNewSuggested || info.historyLength >= historyLimit) {
      // Updates in flight finish in this run and its notices are sent before the list moves on. Admissions
      // still being told are carried as decided: the next run tells them again under the same admissionId,
      // which the referral answers once, so nothing waits here on a referral that is slow to answer.
      for (;;) {
        await condition(allHandlersFinished);
        if (machine.pendingNoticeCount === 0) break;
        await sendNotices();
      }
      // What the last Updates changed is in the read model before the list moves on.
      await project();
      await continueAsNew<typeof wachtlijstWorkflow>({ ...input, carried: machine.state });
    }
    const wakeAt = machine.nextWakeAt();
    // One durable timer for the nearest moment: a reminder, an escalation, or a beschikking that ends.
    if (wakeAt === undefined) await condition(() => changes !== seen);
    else await condition(() => changes !== seen, Math.max(1, wakeAt - Date.now()));
  }
}
