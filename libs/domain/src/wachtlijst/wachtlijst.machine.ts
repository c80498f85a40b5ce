import type { Actor, ActorRef } from '../actor/actor';
import { DeadlineClock, type DeadlineEffect, type RunningDeadline } from '../deadline/deadline.clock';
import type { EscalationRecipient, WachtlijstRuleId } from '../deadline/deadline-policy.schema';
import { DomainError } from '../errors/domain-error';
import { CALENDAR_DATE, dutchDateOf, endOfDutchDayOf } from '../time/amsterdam-time';
import { parseOrThrow } from '../validation/validation.parser';
import { wachtlijstComparator } from './wachtlijst-order.policy';
import type { ResolvedWachtlijstPolicy } from './wachtlijst-policy.resolver';
import {
  enqueueWachtlijstRequestSchema,
  overbruggingRequestSchema,
  placeFreedRequestSchema,
  removeFromWachtlijstRequestSchema,
  wachtlijstCapacityRequestSchema,
  type EnqueueWachtlijstRequest,
  type OverbruggingRequest,
  type PlaceFreedRequest,
  type RemoveFromWachtlijstRequest,
  type WachtlijstCapacityRequest,
} from './wachtlijst-request.schema';
import type {
  ClosedWachtlijstEntry,
  OverbruggingPeriod,
  WachtlijstEntryFacts,
  WachtlijstAdmission,
  WachtlijstEntry,
  WachtlijstLapse,
  WachtlijstNotice,
  WachtlijstOutcome,
  WachtlijstPosition,
  WachtlijstReceipt,
  WachtlijstState,
} from './wachtlijst-state';

/** A step on a list: who asks, with which body. The API checks who may; the list checks what may. */
export interface WachtlijstCommand {
  actor: Actor | ActorRef;
  requestId?: string;
  body: unknown;
}

const STEPS = {
  enqueue: enqueueWachtlijstRequestSchema,
  remove: removeFromWachtlijstRequestSchema,
  recordOverbrugging: overbruggingRequestSchema,
  changeCapacity: wachtlijstCapacityRequestSchema,
  placeFreed: placeFreedRequestSchema,
} as const;
export type WachtlijstStep = keyof typeof STEPS;
export const WACHTLIJST_STEPS = Object.keys(STEPS) as WachtlijstStep[];

/** Enough closed entries and release keys to answer a retry; a list that runs for years must not grow without bound. */
const CLOSED_KEPT = 200;
const RELEASES_KEPT = 1_000;

export interface OpenWachtlijst {
  aanbodId: string;
  capacity: number;
  placesTaken?: number;
  policy: ResolvedWachtlijstPolicy;
}

const conflict = (message: string) => new DomainError('STAGE_CONFLICT', message);

/** Ends the period that runs, if one does. */
function closePeriods(periods: readonly OverbruggingPeriod[], at: string): OverbruggingPeriod[] {
  return periods.map((p) => (p.until === undefined ? { ...p, until: at } : p));
}

function factsOfEntry(entry: WachtlijstEntry): WachtlijstEntryFacts {
  return { childRef: entry.childRef, region: entry.region, enqueuedAt: entry.enqueuedAt, overbruggingPeriods: entry.overbruggingPeriods ?? [] };
}

function factsOf(facts: WachtlijstEntryFacts): WachtlijstEntryFacts {
  const { childRef, region, enqueuedAt, overbruggingPeriods } = facts;
  return {
    ...(childRef === undefined ? {} : { childRef }),
    ...(region === undefined ? {} : { region }),
    ...(enqueuedAt === undefined ? {} : { enqueuedAt }),
    ...(overbruggingPeriods === undefined ? {} : { overbruggingPeriods }),
  };
}

/** The moment a beschikking or TLV ends: the end of its last day, or the exact instant given. */
function expiryAnchor(validUntil: string): number {
  return CALENDAR_DATE.safeParse(validUntil).success ? endOfDutchDayOf(validUntil) : Date.parse(validUntil);
}

/**
 * The rules of one aanbod's wachtlijst (issue 11 §3-4): a queue in the policy's order, a number of places, and
 * the decision which waiting case takes a free place. Pure like ChildPlanMachine: the workflow wires Updates to
 * `check` (validator) and `apply` (handler), hands out admissions and notices, and every change takes `now`.
 *
 * Exactly one case per free place: `fill` is the only code that admits, it runs synchronously after every
 * change, and it takes a place (an occupant) in the same step as it takes the case off the queue.
 */
export class WachtlijstMachine {
  private notices: WachtlijstNotice[] = [];
  private readonly clock: DeadlineClock<WachtlijstRuleId>;
  private readonly compare: ReturnType<typeof wachtlijstComparator>;

  private constructor(private current: WachtlijstState) {
    this.clock = new DeadlineClock<WachtlijstRuleId>(current.policy);
    this.compare = wachtlijstComparator(current.policy.ordering.criteria);
  }

  static open(list: OpenWachtlijst, now: Date): WachtlijstMachine {
    const at = now.toISOString();
    return new WachtlijstMachine({
      aanbodId: list.aanbodId,
      policy: list.policy,
      capacity: list.capacity,
      placesTakenOutside: list.placesTaken ?? 0,
      occupants: [],
      admissions: [],
      lapses: [],
      queue: [],
      closed: [],
      releases: [],
      nextSequence: 1,
      nextAdmission: 1,
      createdAt: at,
      updatedAt: at,
      version: 0,
    });
  }

  /** Restores a list carried over Continue-As-New. */
  static restore(state: WachtlijstState): WachtlijstMachine {
    // A list carried over before lapses were told has none to tell.
    return new WachtlijstMachine({ ...state, lapses: state.lapses ?? [] });
  }

  get state(): WachtlijstState {
    return this.current;
  }

  get freePlaces(): number {
    return Math.max(0, this.current.capacity - this.current.placesTakenOutside - this.current.occupants.length);
  }

  get pendingNoticeCount(): number {
    return this.notices.length;
  }

  takeNotices(): WachtlijstNotice[] {
    const taken = this.notices;
    this.notices = [];
    return taken;
  }

  /** Admissions decided and not yet confirmed: the workflow tells each referral, keyed by admissionId. */
  get pendingAdmissions(): readonly WachtlijstAdmission[] {
    return this.current.admissions;
  }

  /** The pending admissions' ids, taken before a step, so `receipt` can name what the step decided (a new one is pending right after it). */
  pendingAdmissionIds(): ReadonlySet<string> {
    return new Set(this.current.admissions.map((a) => a.admissionId));
  }

  /** The answer to a step that changes the places, naming the admissions it decided (those not in `before`). */
  receipt(before: ReadonlySet<string>): WachtlijstReceipt {
    const { aanbodId, version, capacity, queue } = this.current;
    const admitted = this.current.admissions.filter((a) => !before.has(a.admissionId)).map((a) => ({ admissionId: a.admissionId, referralId: a.referralId }));
    return { aanbodId, version, capacity, freePlaces: this.freePlaces, waiting: queue.length, admitted };
  }

  /** Lapsed entries whose referral is still to be told, keyed by lapseId. */
  get pendingLapses(): readonly WachtlijstLapse[] {
    return this.current.lapses;
  }

  /** The referral heard of its lapse (or is gone): nothing more to tell. Telling twice changes nothing. */
  settleLapse(lapseId: string, now: Date): void {
    if (!this.current.lapses.some((l) => l.lapseId === lapseId)) return;
    this.current.lapses = this.current.lapses.filter((l) => l.lapseId !== lapseId);
    this.touch(now);
  }

  /** Where a case stands on this list. */
  positionOf(referralId: string): WachtlijstPosition {
    const base = { referralId, freePlaces: this.freePlaces, waiting: this.current.queue.length };
    const index = this.current.queue.findIndex((e) => e.referralId === referralId);
    if (index >= 0) return { ...base, status: 'wachtend', position: index + 1 };
    const occupant = this.current.occupants.find((o) => o.referralId === referralId);
    if (occupant !== undefined) return { ...base, status: 'toegelaten', admissionId: occupant.admissionId };
    throw new DomainError('NOT_FOUND', `Aanmelding ${referralId} is not on this wachtlijst`);
  }

  /** Checks a step without changing anything: the Update validator. */
  check(step: WachtlijstStep, command: WachtlijstCommand, now: Date): void {
    if (!WACHTLIJST_STEPS.includes(step)) throw new DomainError('VALIDATION_FAILED', `Unknown step ${String(step)}`);
    // Sent straight to Temporal a command may lack its actor: refused here, so the handler never fails on it.
    if (typeof command?.actor?.sub !== 'string' || typeof command.actor.role !== 'string') {
      throw new DomainError('VALIDATION_FAILED', 'Invalid request: actor: is required', [{ field: 'actor', message: 'is required' }]);
    }
    const body = parseOrThrow(STEPS[step], command.body);
    switch (step) {
      case 'enqueue':
        return this.checkEnqueue(body as EnqueueWachtlijstRequest, now);
      case 'remove':
        return void this.waitingEntry((body as RemoveFromWachtlijstRequest).referralId);
      case 'recordOverbrugging': {
        const { referralId, overbrugging } = body as OverbruggingRequest;
        const entry = this.waitingEntry(referralId);
        if (entry.overbrugging === overbrugging) throw conflict(`Overbrugging of ${referralId} is already ${overbrugging ?? 'none'}`);
        return;
      }
      case 'changeCapacity':
        return;
      case 'placeFreed': {
        const { referralId, releaseId } = body as PlaceFreedRequest;
        // A release seen before, or an occupant already gone, is answered, not refused: frees are retried.
        if (referralId === undefined && !this.current.releases.includes(releaseId) && this.current.placesTakenOutside === 0) {
          throw conflict('No place taken outside Schakel is left to free; name the referral whose place frees');
        }
        return;
      }
    }
  }

  /** Applies a step, all or nothing, then admits for every free place. */
  apply(step: WachtlijstStep, command: WachtlijstCommand, now: Date): WachtlijstPosition | undefined {
    this.check(step, command, now);
    const body = parseOrThrow(STEPS[step], command.body);
    const { sub, role, org } = command.actor;
    const by: ActorRef = org === undefined ? { sub, role } : { sub, role, org };
    let answer: string | undefined;
    switch (step) {
      case 'enqueue':
        answer = this.enqueue(body as EnqueueWachtlijstRequest, now);
        break;
      case 'remove': {
        const { referralId, reason } = body as RemoveFromWachtlijstRequest;
        const entry = this.waitingEntry(referralId);
        this.current.queue = this.current.queue.filter((e) => e !== entry);
        this.close(entry, 'verwijderd', now, { reason, by });
        break;
      }
      case 'recordOverbrugging':
        this.switchOverbrugging(body as OverbruggingRequest, now);
        answer = (body as OverbruggingRequest).referralId;
        break;
      case 'changeCapacity':
        this.current.capacity = (body as WachtlijstCapacityRequest).capacity;
        break;
      case 'placeFreed':
        this.release(body as PlaceFreedRequest);
        break;
    }
    this.fill(now);
    this.touch(now);
    return answer === undefined ? undefined : this.positionOf(answer);
  }

  /**
   * The referral answered an admission: it took the place (confirmed), or it no longer exists or is closed
   * (`gone`), and then the place goes to the next case. Answering twice changes nothing.
   */
  settleAdmission(admissionId: string, outcome: 'confirmed' | 'gone', now: Date): void {
    const admission = this.current.admissions.find((a) => a.admissionId === admissionId);
    if (admission === undefined) return;
    this.current.admissions = this.current.admissions.filter((a) => a !== admission);
    const closing = { ...factsOf(admission), referralId: admission.referralId, admittedAt: admission.decidedAt, waitingSince: admission.waitingSince, overbrugging: admission.overbrugging, at: now.toISOString() };
    if (outcome === 'confirmed') {
      this.pushClosed({ ...closing, outcome: 'toegelaten' });
    } else {
      // The place was held for this admission only while it stood; a release in between already freed it.
      this.current.occupants = this.current.occupants.filter((o) => o.admissionId !== admissionId);
      this.pushClosed({ ...closing, outcome: 'vervallen' });
      this.fill(now);
    }
    this.touch(now);
  }

  /** The next moment something happens by itself: a reminder, an escalation, or a beschikking that ends. */
  nextWakeAt(): number | undefined {
    let next = Number.POSITIVE_INFINITY;
    for (const entry of this.current.queue) {
      for (const deadline of [entry.wait, entry.expiry]) {
        const at = deadline === undefined ? undefined : this.clock.nextAt(deadline);
        if (at !== undefined && at < next) next = at;
      }
    }
    return Number.isFinite(next) ? next : undefined;
  }

  /** Lets time pass: expiries first (a lapsed case is off the list), then the waiting norms. */
  tick(now: Date): void {
    const at = now.getTime();
    let changed = false;
    for (const entry of [...this.current.queue]) {
      if (entry.expiry !== undefined) {
        for (const effect of this.clock.fire(entry.expiry, at)) {
          changed = true;
          if (effect.kind === 'reminder') this.announce(entry, effect, this.expiryReminder(entry));
          else if (effect.level === 1) this.lapse(entry, effect, now);
        }
        if (!this.current.queue.includes(entry)) continue;
      }
      for (const effect of this.clock.fire(entry.wait, at)) {
        changed = true;
        this.announce(entry, effect, this.waitMessage(entry, effect));
      }
    }
    if (changed) this.touch(now);
  }

  private checkEnqueue(body: EnqueueWachtlijstRequest, now: Date): void {
    const { referralId } = body;
    if (this.current.queue.some((e) => e.referralId === referralId)) throw conflict(`Aanmelding ${referralId} is already on this wachtlijst`);
    if (this.current.occupants.some((o) => o.referralId === referralId)) throw conflict(`Aanmelding ${referralId} already has a place in this aanbod`);
    if (body.waitingSince !== undefined && Date.parse(body.waitingSince) > now.getTime()) {
      throw new DomainError('VALIDATION_FAILED', 'Invalid request: waitingSince: must not be in the future', [{ field: 'waitingSince', message: 'must not be in the future' }]);
    }
    if (body.validUntil !== undefined && expiryAnchor(body.validUntil) <= now.getTime()) {
      throw new DomainError('VALIDATION_FAILED', 'Invalid request: validUntil: the beschikking or TLV has already ended', [
        { field: 'validUntil', message: 'has already ended: a case needs a valid beschikking or TLV to wait' },
      ]);
    }
    // Computes the terms once, so a date beyond the calendar's data is refused here, not in the handler.
    this.entryOf(body, 0, now);
  }

  private enqueue(body: EnqueueWachtlijstRequest, now: Date): string {
    const entry = this.entryOf(body, this.current.nextSequence, now);
    this.current.nextSequence += 1;
    this.current.queue.push(entry);
    this.sort();
    return entry.referralId;
  }

  private entryOf(body: EnqueueWachtlijstRequest, sequence: number, now: Date): WachtlijstEntry {
    const waitingSince = body.waitingSince ?? now.toISOString();
    const entry: WachtlijstEntry = {
      sequence,
      referralId: body.referralId,
      childRef: body.childRef,
      region: body.region,
      urgency: body.urgency,
      thuiszitter: body.thuiszitter,
      overbrugging: body.overbrugging,
      waitingSince,
      enqueuedAt: now.toISOString(),
      wait: this.clock.open(body.overbrugging === null ? 'wachttijdZonderOverbrugging' : 'wachttijd', sequence, Date.parse(waitingSince)),
      ...(body.regisseurId === undefined ? {} : { regisseurId: body.regisseurId }),
      ...(body.school === undefined ? {} : { school: body.school }),
      overbruggingPeriods: body.overbrugging === null ? [] : [{ form: body.overbrugging, from: now.toISOString() }],
    };
    if (body.validUntil !== undefined) {
      entry.validUntil = body.validUntil;
      entry.expiry = this.clock.openAnchored('wachtlijstVerlopen', sequence, now.getTime(), expiryAnchor(body.validUntil));
    }
    return entry;
  }

  /**
   * A case with overbrugging waits under `wachttijd`, one without under the sooner `wachttijdZonderOverbrugging`,
   * both counted from the day it started waiting. Levels that fired stay fired (their notices went out); the
   * next one is the new rule's, so a case whose overbrugging stops escalates at once if it is past that norm.
   */
  private switchOverbrugging({ referralId, overbrugging }: OverbruggingRequest, now: Date): void {
    const entry = this.waitingEntry(referralId);
    // The record of periods feeds the netto waiting time; a change of form ends one period and starts another.
    const at = now.toISOString();
    const periods = closePeriods(entry.overbruggingPeriods ?? [], at);
    entry.overbruggingPeriods = overbrugging === null ? periods : [...periods, { form: overbrugging, from: at }];
    const rule: WachtlijstRuleId = overbrugging === null ? 'wachttijdZonderOverbrugging' : 'wachttijd';
    entry.overbrugging = overbrugging;
    if (entry.wait.rule !== rule) {
      const previous = entry.wait;
      const next: RunningDeadline<WachtlijstRuleId> = this.clock.open(rule, entry.sequence, Date.parse(entry.waitingSince));
      next.level = previous.level;
      next.reminded = previous.reminded || previous.level > 0;
      entry.wait = next;
    }
    this.sort();
  }

  /** Frees at most one place per release: a release key or an occupant seen gone before changes nothing. */
  private release({ releaseId, referralId }: PlaceFreedRequest): void {
    if (this.current.releases.includes(releaseId)) return;
    this.current.releases = [...this.current.releases, releaseId].slice(-RELEASES_KEPT);
    if (referralId === undefined) {
      this.current.placesTakenOutside = Math.max(0, this.current.placesTakenOutside - 1);
      return;
    }
    this.current.occupants = this.current.occupants.filter((o) => o.referralId !== referralId);
  }

  /** Exactly one waiting case per free place, in the policy's order: the only code that admits. */
  private fill(now: Date): void {
    while (this.freePlaces > 0 && this.current.queue.length > 0) {
      const entry = this.current.queue.shift() as WachtlijstEntry;
      const admissionId = `${this.current.aanbodId}-toelating-${this.current.nextAdmission}`;
      this.current.nextAdmission += 1;
      const at = now.toISOString();
      entry.wait.closedAt = at;
      if (entry.expiry !== undefined) entry.expiry.closedAt = at;
      entry.overbruggingPeriods = closePeriods(entry.overbruggingPeriods ?? [], at);
      this.current.occupants.push({ referralId: entry.referralId, admissionId, since: at });
      this.current.admissions.push({
        admissionId,
        aanbodId: this.current.aanbodId,
        referralId: entry.referralId,
        decidedAt: at,
        waitingSince: entry.waitingSince,
        overbrugging: entry.overbrugging !== null,
        ...factsOfEntry(entry),
      });
    }
  }

  /** The beschikking or TLV ended while the case waited: off the list, and everyone who must act is told. */
  private lapse(entry: WachtlijstEntry, effect: DeadlineEffect<WachtlijstRuleId>, now: Date): void {
    this.current.queue = this.current.queue.filter((e) => e !== entry);
    entry.wait.closedAt = now.toISOString();
    this.close(entry, 'verlopen', now, {});
    const ended = this.endDay(entry);
    this.current.lapses.push({ lapseId: `${this.current.aanbodId}-verlopen-${entry.sequence}`, aanbodId: this.current.aanbodId, referralId: entry.referralId, validUntil: entry.validUntil ?? ended, at: now.toISOString() });
    this.announce(
      entry,
      effect,
      `Verlopen: aanmelding ${entry.referralId} staat niet meer op de wachtlijst van aanbod ${this.current.aanbodId}; de beschikking of TLV is op ${ended} verlopen. Neem contact op met de ouders en vraag een herindicatie aan.`,
    );
    // Always the parents too, whatever the policy lists: never a silent drop (DOMAIN-PROVIDERS.md §2.1, §6). Addressed
    // to the role `ouder` for this child: whoever acts for the child (ouder, or the young person) reads it in their own
    // notifications; the loket was told above to contact them as well.
    this.notices.push({
      ...this.noticeBase(entry, effect),
      audience: 'ouders',
      recipient: { role: 'ouder' },
      message: `De beschikking of toelaatbaarheidsverklaring van uw kind is op ${ended} verlopen terwijl uw kind op de wachtlijst stond. Uw kind staat daardoor niet meer op deze wachtlijst. Het loket neemt contact met u op over een nieuwe aanvraag.`,
    });
  }

  private announce(entry: WachtlijstEntry, effect: DeadlineEffect<WachtlijstRuleId>, message: string): void {
    const recipients = effect.kind === 'reminder' ? [{ role: 'loket' as const, via: 'region' as const }] : effect.recipients;
    const seen = new Set<string>();
    for (const recipient of recipients) {
      const resolved = this.resolve(entry, recipient);
      const key = JSON.stringify(resolved);
      if (seen.has(key)) continue;
      seen.add(key);
      this.notices.push({ ...this.noticeBase(entry, effect), audience: 'professional', recipient: resolved, message });
    }
  }

  private noticeBase(entry: WachtlijstEntry, effect: DeadlineEffect<WachtlijstRuleId>) {
    return { kind: effect.kind, rule: effect.deadline.rule, level: effect.level, dueAt: effect.deadline.dueAt, referralId: entry.referralId, childRef: entry.childRef };
  }

  /** Whom a ladder names, for this case; someone always hears: the loket of the region when the case names nobody. */
  private resolve(entry: WachtlijstEntry, recipient: EscalationRecipient): WachtlijstNotice['recipient'] {
    if (recipient.via === 'regisseur' && entry.regisseurId !== undefined) return { role: recipient.role, sub: entry.regisseurId };
    if ((recipient.via === 'school' || recipient.via === 'receivingSchool') && entry.school !== undefined) return { role: recipient.role, org: entry.school };
    if (recipient.via === 'region') return { role: recipient.role, region: entry.region };
    return { role: 'loket', region: entry.region };
  }

  private waitMessage(entry: WachtlijstEntry, effect: DeadlineEffect<WachtlijstRuleId>): string {
    const since = dutchDateOf(Date.parse(entry.waitingSince));
    const due = dutchDateOf(Date.parse(effect.deadline.dueAt) - 1);
    const without = entry.overbrugging === null ? ', zonder overbruggingszorg' : ', met overbruggingszorg';
    return effect.kind === 'reminder'
      ? `Herinnering wachtlijst aanbod ${this.current.aanbodId}: aanmelding ${entry.referralId} wacht sinds ${since}${without}; de wachttijdnorm loopt af op ${due}.`
      : `Escalatie niveau ${effect.level} wachtlijst aanbod ${this.current.aanbodId}: aanmelding ${entry.referralId} wacht sinds ${since}${without}, langer dan de norm (${due}).`;
  }

  private expiryReminder(entry: WachtlijstEntry): string {
    return `Herinnering: de beschikking of TLV van aanmelding ${entry.referralId} op de wachtlijst van aanbod ${this.current.aanbodId} verloopt op ${this.endDay(entry)}. Vraag tijdig verlenging of herindicatie aan.`;
  }

  private endDay(entry: WachtlijstEntry): string {
    const validUntil = entry.validUntil ?? '';
    return CALENDAR_DATE.safeParse(validUntil).success ? validUntil : dutchDateOf(Date.parse(validUntil));
  }

  private waitingEntry(referralId: string): WachtlijstEntry {
    const entry = this.current.queue.find((e) => e.referralId === referralId);
    if (entry !== undefined) return entry;
    if (this.current.occupants.some((o) => o.referralId === referralId)) {
      throw conflict(`Aanmelding ${referralId} already has a place in this aanbod; free the place instead`);
    }
    throw new DomainError('NOT_FOUND', `Aanmelding ${referralId} is not on this wachtlijst`);
  }

  private close(entry: WachtlijstEntry, outcome: WachtlijstOutcome, now: Date, extra: Pick<ClosedWachtlijstEntry, 'reason' | 'by'>): void {
    const at = now.toISOString();
    entry.wait.closedAt ??= at;
    if (entry.expiry !== undefined) entry.expiry.closedAt ??= at;
    entry.overbruggingPeriods = closePeriods(entry.overbruggingPeriods ?? [], at);
    this.pushClosed({ ...factsOfEntry(entry), referralId: entry.referralId, outcome, at, waitingSince: entry.waitingSince, overbrugging: entry.overbrugging !== null, ...extra });
  }

  private pushClosed(closed: ClosedWachtlijstEntry): void {
    this.current.closed = [...this.current.closed, closed].slice(-CLOSED_KEPT);
  }

  private sort(): void {
    this.current.queue.sort(this.compare);
  }

  private touch(now: Date): void {
    this.current.updatedAt = now.toISOString();
    this.current.version += 1;
  }
}
