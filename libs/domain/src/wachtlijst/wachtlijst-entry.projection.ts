import type { ClosedWachtlijstEntry, OverbruggingPeriod, WachtlijstAdmission, WachtlijstEntry, WachtlijstState } from './wachtlijst-state';

/** How an entry stands in the read model: `vervallen` (the admitted referral was gone) counts as removed. */
export const WACHTLIJST_ENTRY_STATUSES = ['waiting', 'admitted', 'removed', 'verlopen'] as const;
export type WachtlijstEntryStatus = (typeof WACHTLIJST_ENTRY_STATUSES)[number];

/**
 * One case on one list as the read model keeps it (issue 11 §4): pseudonymous referral id and child reference,
 * dates and the overbrugging record, nothing else of the case. `normDueAt` is when the case's running waiting
 * norm falls due (the policy's `wachttijd` or `wachttijdZonderOverbrugging`, counted by the DeadlineClock), so the
 * monitor's "share over the norm" uses the policy's own calendar rather than a copy of it.
 */
export interface WachtlijstEntryRow {
  aanbodId: string;
  referralId: string;
  childRef: string | null;
  region: string | null;
  status: WachtlijstEntryStatus;
  enqueuedAt: string | null;
  waitingSince: string;
  normDueAt: string | null;
  overbrugging: OverbruggingPeriod[];
  admittedAt: string | null;
  removedAt: string | null;
}

function waitingRow(aanbodId: string, entry: WachtlijstEntry): WachtlijstEntryRow {
  return {
    aanbodId,
    referralId: entry.referralId,
    childRef: entry.childRef,
    region: entry.region,
    status: 'waiting',
    enqueuedAt: entry.enqueuedAt,
    waitingSince: entry.waitingSince,
    normDueAt: entry.wait.dueAt,
    overbrugging: entry.overbruggingPeriods ?? [],
    admittedAt: null,
    removedAt: null,
  };
}

function admittedRow(aanbodId: string, admission: WachtlijstAdmission, before: WachtlijstEntryRow | undefined): WachtlijstEntryRow {
  return {
    aanbodId,
    referralId: admission.referralId,
    childRef: admission.childRef ?? before?.childRef ?? null,
    region: admission.region ?? before?.region ?? null,
    status: 'admitted',
    enqueuedAt: admission.enqueuedAt ?? before?.enqueuedAt ?? null,
    waitingSince: admission.waitingSince,
    // Only a waiting case runs against the norm; the monitor reads it of waiting rows only.
    normDueAt: null,
    overbrugging: admission.overbruggingPeriods ?? before?.overbrugging ?? [],
    admittedAt: admission.decidedAt,
    removedAt: null,
  };
}

function closedRow(aanbodId: string, closed: ClosedWachtlijstEntry, before: WachtlijstEntryRow | undefined): WachtlijstEntryRow {
  return {
    aanbodId,
    referralId: closed.referralId,
    childRef: closed.childRef ?? before?.childRef ?? null,
    region: closed.region ?? before?.region ?? null,
    status: closed.outcome === 'verlopen' ? 'verlopen' : closed.outcome === 'toegelaten' ? 'admitted' : 'removed',
    enqueuedAt: closed.enqueuedAt ?? before?.enqueuedAt ?? null,
    waitingSince: closed.waitingSince,
    // Only a waiting case runs against the norm; the monitor reads it of waiting rows only.
    normDueAt: null,
    overbrugging: closed.overbruggingPeriods ?? before?.overbrugging ?? [],
    // A `vervallen` admission keeps when it was admitted: the place was decided, then given on.
    admittedAt: closed.admittedAt ?? null,
    removedAt: closed.outcome === 'toegelaten' ? null : closed.at,
  };
}

/**
 * The read-model rows of a list as its state stands, given the rows as last written (`previous`, by referral id).
 * A case is in at most one row per list: the queue wins over an admission, an admission over an exit, and a later
 * exit over an earlier one (a case removed and enqueued again is waiting again). A confirmed admission stays
 * `admitted` with the moment the place was decided. Rows of cases the state no longer
 * holds (its record of exits is bounded) are kept as they were.
 */
export function wachtlijstEntryRows(state: WachtlijstState, previous: ReadonlyMap<string, WachtlijstEntryRow>): Map<string, WachtlijstEntryRow> {
  const rows = new Map(previous);
  // Only a case's last exit counts (state.closed is in time order).
  const lastExits = new Map(state.closed.map((closed) => [closed.referralId, closed]));
  for (const closed of lastExits.values()) rows.set(closed.referralId, closedRow(state.aanbodId, closed, rows.get(closed.referralId)));
  for (const admission of state.admissions) rows.set(admission.referralId, admittedRow(state.aanbodId, admission, rows.get(admission.referralId)));
  for (const entry of state.queue) rows.set(entry.referralId, waitingRow(state.aanbodId, entry));
  return rows;
}

/** The rows that differ from what was last written: what the list's projection sends. */
export function changedWachtlijstEntryRows(next: ReadonlyMap<string, WachtlijstEntryRow>, previous: ReadonlyMap<string, WachtlijstEntryRow>): WachtlijstEntryRow[] {
  const changed: WachtlijstEntryRow[] = [];
  for (const [referralId, row] of next) {
    const before = previous.get(referralId);
    if (before === undefined || JSON.stringify(before) !== JSON.stringify(row)) changed.push(row);
  }
  return changed;
}
