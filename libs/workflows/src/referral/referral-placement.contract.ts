import type { PlaceReleaseReason, PlacementOutcome, ResolvedWachtlijstPolicy, WachtlijstCommand, WachtlijstRemovalReason } from '@schakel/domain';

/**
 * How a referral takes, waits for and gives back a place in an aanbod (issue 11 §2). The aanbod's wachtlijst
 * workflow is the single owner of its places: the referral only talks to it through the list's own Updates
 * (wachtlijst.contract.ts), from these activities, and mirrors the count into Postgres for the catalogue.
 */

export interface JoinWachtlijstInput {
  aanbodId: string;
  /** What the list starts with when it does not run yet (updateWithStart): the catalogue's snapshot. */
  capacity: number;
  placesTaken: number;
  policy: ResolvedWachtlijstPolicy;
  /**
   * The Update id of the enqueue: the referral id and the toewijzing's number, so an activity retried after a
   * worker died mid-call is answered with the first outcome instead of joining twice.
   */
  joinId: string;
  /** The list's `enqueue` step; its body is checked by the list (enqueueWachtlijstRequestSchema). */
  command: WachtlijstCommand;
}

export interface LeaveWachtlijstInput {
  aanbodId: string;
  referralId: string;
  /** What the case had when it left: a place in the queue (removed) or a place (freed). */
  held: 'wachtend' | 'toegelaten';
  /** Why, in the list's words: a waiting case is removed for `removal`, a place is freed for `release`. */
  removal: WachtlijstRemovalReason;
  release: PlaceReleaseReason;
  command: Pick<WachtlijstCommand, 'actor' | 'requestId'>;
}

/** Activities of the referral workflow for its place; the worker implements them with a Temporal client and Postgres. */
export interface ReferralPlacementActivities {
  /** Starts the aanbod's list if needed and joins it: a place at once, or a position in the queue. */
  joinWachtlijst(input: JoinWachtlijstInput): Promise<PlacementOutcome>;
  /** Takes the case off the list, or frees its place; a case the list no longer knows is left alone. */
  leaveWachtlijst(input: LeaveWachtlijstInput): Promise<void>;
  /**
   * Writes the list's count of taken places to `aanbod.places_taken`, so `GET /api/providers?withFreePlaces=true`
   * tells the truth. Idempotent: it writes what the list holds at that moment, serialised per aanbod.
   */
  syncAanbodPlaces(aanbodId: string): Promise<void>;
}
