import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { ResolvedWachtlijstPolicy, WachtlijstAdmission, WachtlijstCommand, WachtlijstEntryRow, WachtlijstLapse, WachtlijstPosition, WachtlijstReceipt, WachtlijstState } from '@schakel/domain';

/**
 * Workflow id of an aanbod's wachtlijst (issue 11 §3): the aanbod's id only. Ids, search attributes and logs
 * carry no personal data (AVG — DESIGN.md); the cases on the list are in its (encrypted) state.
 */
export function wachtlijstWorkflowId(aanbodId: string): string {
  return `wachtlijst-${aanbodId}`;
}

export const WACHTLIJST_WORKFLOW_TYPE = 'wachtlijstWorkflow';

export interface WachtlijstWorkflowInput {
  aanbodId: string;
  /** Places of the aanbod when its list starts, and how many are already taken (by clients from before Schakel). */
  capacity: number;
  placesTaken?: number;
  /** The wachtlijst section of the policy for the aanbod's region (resolveWachtlijstPolicy), kept by the list. */
  policy: ResolvedWachtlijstPolicy;
  /** The list as the previous run left it (Continue-As-New). */
  carried?: WachtlijstState;
  /**
   * Continue-As-New once the history holds this many events (default 2,000, well under Temporal's 10,240
   * warning, or earlier when the server suggests it); tests set a small number.
   */
  historyLimit?: number;
}

/**
 * The list's steps. Each has a validator that runs the list's own check (libs/domain schemas), so a refused
 * step leaves no trace in the history; each answers where the case stands, or with a receipt naming the
 * admissions it decided (never the whole list: an answer is stored in the list's history).
 */
export const enqueueWachtlijstUpdate = defineUpdate<WachtlijstPosition, [WachtlijstCommand]>('enqueueWachtlijst');
export const removeFromWachtlijstUpdate = defineUpdate<WachtlijstReceipt, [WachtlijstCommand]>('removeFromWachtlijst');
export const recordOverbruggingUpdate = defineUpdate<WachtlijstPosition, [WachtlijstCommand]>('recordOverbrugging');
export const changeWachtlijstCapacityUpdate = defineUpdate<WachtlijstReceipt, [WachtlijstCommand]>('changeWachtlijstCapacity');
/**
 * A place became free (an arrangement ended, a case was withdrawn, a client left). An Update, not a Signal, so
 * the caller learns that it landed; the body's `releaseId` makes a retried or repeated free count once.
 */
export const placeFreedUpdate = defineUpdate<WachtlijstReceipt, [WachtlijstCommand]>('wachtlijstPlaceFreed');

export const wachtlijstStateQuery = defineQuery<WachtlijstState>('wachtlijstState');

/**
 * How the list tells a referral that it has a place: an Update on the referral workflow, sent with the
 * admission's id as its Update id. Temporal runs an Update id once per workflow run, so a retry after a worker
 * died mid-admission is answered with the first result instead of admitting again. The referral's handler
 * (issue 11 §2, under patched()) moves the case from `wacht op plaats` to its place; until then no referral
 * answers it.
 */
export const wachtlijstAdmissionUpdate = defineUpdate<WachtlijstAdmissionReceipt, [WachtlijstAdmission]>('wachtlijstAdmission');

/**
 * How the list tells a referral that its entry lapsed (`verlopen`): an Update on the referral workflow with the
 * lapse's id as its Update id, answered once like an admission. The referral goes back to the loket's toewijzing.
 */
export const wachtlijstLapsedUpdate = defineUpdate<WachtlijstLapseReceipt, [WachtlijstLapse]>('wachtlijstLapsed');

export interface WachtlijstLapseReceipt {
  lapseId: string;
  referralId: string;
}

export interface WachtlijstAdmissionReceipt {
  admissionId: string;
  referralId: string;
}

/**
 * Referrals told at the same time, per list. Each admission is a workflow task and a read-model write on the
 * referral's side; 200 places freed at once told all at once swamped the worker and nothing got through
 * (docs/performance.md). The rest wait in the list's state, in the order they were decided.
 */
export const ADMISSIONS_IN_FLIGHT = 8;

/**
 * What telling the referral came to: it took the place, or it is gone (closed, withdrawn, unknown), and then
 * the list gives the place to the next case.
 */
export type WachtlijstAdmissionOutcome = 'confirmed' | 'gone';

/**
 * The rows of a list that changed, for the read model (issue 11 §4). `version` is the list's state version: the
 * writer replaces a stored row only by a higher one, so a retried or late projection never moves a case back.
 */
export interface WachtlijstProjection {
  aanbodId: string;
  version: number;
  rows: WachtlijstEntryRow[];
}

/** Rows per projection call: a list continued as new sends all its rows once, and a payload stays far under 2 MB. */
export const WACHTLIJST_PROJECTION_CHUNK = 500;

/** How a list writes its read model; the worker implements it with Postgres. */
export interface WachtlijstProjectionActivities {
  projectWachtlijst(projection: WachtlijstProjection): Promise<void>;
}

/** Activities of the wachtlijst workflow; the worker implements them with a Temporal client. */
export interface WachtlijstActivities {
  /**
   * Tells the referral (`referral-<referralId>`) that it was admitted. Idempotent by `admissionId`; retried until
   * the referral answers. Answers `gone` when the referral does not exist or refuses as closed.
   */
  admitFromWachtlijst(admission: WachtlijstAdmission): Promise<WachtlijstAdmissionOutcome>;
  /**
   * Tells the referral that its entry lapsed. Idempotent by `lapseId`; retried until the referral answers. Answers
   * `gone` when the referral does not exist or is closed (nothing left to tell).
   */
  tellWachtlijstLapsed(lapse: WachtlijstLapse): Promise<WachtlijstAdmissionOutcome>;
}
