import { actorRef, isParticipant, SYSTEM_ACTOR, type Actor, type ActorRef, type Role } from '../actor/actor';
import { DeadlineClock, type DeadlineEffect, type RunningDeadline } from '../deadline/deadline.clock';
import { withLaterRules, type DeadlineRuleId, type EscalationRecipient, type ResolvedDeadlinePolicy } from '../deadline/deadline-policy.schema';
import { DEADLINE_ASSIGNEE, deadlineMessage } from '../deadline/deadline-rule.labels';
import {
  extendDeadlineCommandSchema,
  pauseDeadlineCommandSchema,
  reportThuiszitterRequestSchema,
  resumeDeadlineCommandSchema,
} from '../deadline/deadline-request.schema';
import { DomainError } from '../errors/domain-error';
import { dutchDateOf, startOfDutchDay, toInstant } from '../time/amsterdam-time';
import { dutchDateText } from '../ouder/plain-dutch.labels';
import { TOESTEMMING_QUESTIONS } from './toestemming-overzicht.view';
import { parseOrThrow } from '../validation/validation.parser';
import { assertMay, type ReferralAction, type ReferralScope } from './referral-access';
import {
  approveArrangementRequestSchema,
  arrangementRequestSchema,
  evaluationRequestSchema,
  rejectArrangementRequestSchema,
  startReferralRequestSchema,
  toewijzingRequestSchema,
  withdrawReferralRequestSchema,
  type StartReferralRequest,
  type ToewijzingRequest,
} from './referral-request.schema';
import { isOpenStage, type ArrangementStatus, type ReferralStage } from './referral-stage';
import type { Arrangement, ReferralEvent, ReferralEventType, ReferralState, ReferralSummary, Toewijzing } from './referral-state';
import type { PlanReferral } from '../child-plan/child-plan-state';
import type { WachtlijstAdmission, WachtlijstLapse } from '../wachtlijst/wachtlijst-state';
import { assertPlacementFits, type ToewijzingPlace, type ToewijzingPlacement } from './toewijzing-placement';
import type { ConsentDecision } from '../consent/consent-age.rule';
import {
  arrangementConsentDecisions,
  assertMayAnswer,
  isGateComplete,
  missingParties,
  openGate,
  partyOf,
  rejudge,
  toewijzingConsentDecisions,
  type ToestemmingAnswer,
  type ToestemmingGate,
} from './toestemming-gate';
import {
  consentContextSchema,
  paperToestemmingRequestSchema,
  toestemmingRequestSchema,
  zienswijzeRequestSchema,
  type ConsentContext,
} from './toestemming-request.schema';

/** A human step as it reaches the process: who asks, under which request id, with which (unparsed) body. */
export interface ReferralCommand {
  actor: Actor;
  requestId?: string;
  body: unknown;
  /** A toewijzing to an aanbod: what the API looked up for it (issue 11 §2); ignored by every other step. */
  placement?: ToewijzingPlacement;
  /**
   * The child's age and parents with gezag at the moment of the step (issue 11 §6, ADR 0019), looked up by the API.
   * Without it no consent gate opens: commands from before the gates (and their stored histories) never carry it.
   */
  consent?: ConsentContext;
}

/** The steps people take on a referral, each with its actor rule, allowed stages and body schema. */
const STEPS = {
  toewijzing: { schema: toewijzingRequestSchema, action: 'toewijzing' },
  arrangement: { schema: arrangementRequestSchema, action: 'arrangement' },
  approve: { schema: approveArrangementRequestSchema, action: 'approve' },
  reject: { schema: rejectArrangementRequestSchema, action: 'reject' },
  evaluate: { schema: evaluationRequestSchema, action: 'evaluate' },
  withdraw: { schema: withdrawReferralRequestSchema, action: 'withdraw' },
  pauseDeadline: { schema: pauseDeadlineCommandSchema, action: 'deadline' },
  resumeDeadline: { schema: resumeDeadlineCommandSchema, action: 'deadline' },
  extendDeadline: { schema: extendDeadlineCommandSchema, action: 'deadline' },
  reportThuiszitter: { schema: reportThuiszitterRequestSchema, action: 'reportThuiszitter' },
  // Issue 11 §6 (ADR 0019): the parents' or young person's own answer, a signed paper form recorded by staff, a zienswijze.
  toestemming: { schema: toestemmingRequestSchema, action: 'toestemming' },
  paperToestemming: { schema: paperToestemmingRequestSchema, action: 'paperToestemming' },
  zienswijze: { schema: zienswijzeRequestSchema, action: 'zienswijze' },
} as const;
export type ReferralStep = keyof typeof STEPS;

const DEADLINE_STEPS: readonly ReferralStep[] = ['pauseDeadline', 'resumeDeadline', 'extendDeadline'];

/** The access-policy action a step takes (ACCESS_POLICY `referral.<action>`). */
export function referralActionOf(step: ReferralStep): ReferralAction {
  return STEPS[step].action;
}

/** A notification the workflow must send: ids, codes and dates only, never a name, BSN or birth date. */
export interface DeadlineNotice {
  /** overstap: news about a child's overstap that is not a term (scheduled, refused, completed). */
  kind: 'reminder' | 'escalation' | 'thuiszitter' | 'overstap';
  deadlineId: string;
  rule: DeadlineRuleId;
  level: number;
  dueAt: string;
  recipient: { role: Role; org?: string; region?: string; sub?: string };
  message: string;
  /** Set for a child plan's notices: the overstap they are about. */
  transitionId?: string;
}

/**
 * The referral's rules as a plain object: the workflow holds one, wires Updates to `check` (validator)
 * and `apply` (handler), and projects the events it emits. No clock reads: every change takes `now`.
 */
export class ReferralMachine {
  private readonly clock: DeadlineClock;
  private notices: DeadlineNotice[] = [];

  private constructor(
    private current: ReferralState,
    private readonly timeline: ReferralEvent[],
    policy: ResolvedDeadlinePolicy,
  ) {
    // A case from before the consent gates keeps its policy; a gate it opens runs under the national term.
    this.clock = new DeadlineClock(withLaterRules(policy));
  }

  static submit(
    referralId: string,
    region: string,
    actor: Actor,
    body: unknown,
    now: Date,
    policy: ResolvedDeadlinePolicy,
    requestId?: string,
  ): ReferralMachine {
    if (actor.role !== 'school') throw new DomainError('FORBIDDEN', 'Only a school may submit a referral');
    const request: StartReferralRequest = parseOrThrow(startReferralRequestSchema, body);
    if (actor.org === undefined || !request.school.brin.startsWith(actor.org)) {
      throw new DomainError('FORBIDDEN', `A school may only refer its own pupils: school.brin ${request.school.brin} is not ${actor.org ?? 'your organisation'}`);
    }
    if (request.thuiszitter.since !== undefined && toInstant(request.thuiszitter.since) > now.getTime()) {
      throw new DomainError('VALIDATION_FAILED', 'Invalid request: thuiszitter.since: must not be in the future', [
        { field: 'thuiszitter.since', message: 'must not be in the future' },
      ]);
    }
    const at = now.toISOString();
    const state: ReferralState = {
      referralId,
      stage: 'gesignaleerd',
      request,
      region,
      submittedBy: actorRef(actor),
      createdAt: at,
      updatedAt: at,
      toewijzingen: [],
      arrangements: [],
      evaluations: [],
      policyVersion: policy.version,
      deadlines: [],
      version: 0,
    };
    const machine = new ReferralMachine(state, [], policy);
    machine.record('referral.submitted', actorRef(actor), now, requestId, {
      school: request.school,
      thuiszitter: request.thuiszitter.isThuiszitter,
      policyVersion: policy.version,
    });
    if (request.thuiszitter.since !== undefined) machine.startThuiszitterLadder(request.thuiszitter.since);
    return machine;
  }

  /** Restores a machine from a state that was carried over (e.g. Continue-As-New). */
  static restore(state: ReferralState, timeline: ReferralEvent[], policy: ResolvedDeadlinePolicy): ReferralMachine {
    return new ReferralMachine(state, timeline, policy);
  }

  get state(): ReferralState {
    return this.current;
  }

  get events(): readonly ReferralEvent[] {
    return this.timeline;
  }

  get isOpen(): boolean {
    return isOpenStage(this.current.stage);
  }

  get scope(): ReferralScope {
    const toewijzing = this.current.toewijzingen.at(-1);
    return {
      schoolBrin: this.current.request.school.brin,
      region: this.current.region,
      regisseurId: toewijzing?.regisseurId ?? null,
      // The provider sees the case only once the consent to share it is given (ADR 0019): not while asked, not after a refusal.
      providerId: this.toewijzingGateBlocks() ? null : (toewijzing?.providerId ?? null),
      thuiszitter: this.isThuiszitter,
      childRef: this.current.request.childRef,
    };
  }

  get isThuiszitter(): boolean {
    return this.current.thuiszitterReport !== undefined || this.current.request.thuiszitter.isThuiszitter;
  }

  get openDeadlines(): RunningDeadline[] {
    return this.current.deadlines.filter((d) => d.closedAt === undefined);
  }

  /** Notifications produced since the last call; the workflow sends each through an activity. */
  takeNotices(): DeadlineNotice[] {
    const taken = this.notices;
    this.notices = [];
    return taken;
  }

  /** The next moment something happens by itself: a reminder, an escalation or the evaluation date. */
  nextWakeAt(): number | undefined {
    const moments = this.openDeadlines.map((d) => this.clock.nextAt(d)).filter((m): m is number => m !== undefined);
    if (this.current.stage === 'uitvoering' && this.current.evaluationDueAt !== undefined) moments.push(Date.parse(this.current.evaluationDueAt));
    return moments.length === 0 ? undefined : Math.min(...moments);
  }

  /** Lets time pass to `now`: the evaluation date, reminders and every escalation level that is due. */
  tick(now: Date): void {
    const at = now.getTime();
    if (this.current.stage === 'uitvoering' && this.current.evaluationDueAt !== undefined && Date.parse(this.current.evaluationDueAt) <= at) {
      this.evaluationDue(now);
    }
    for (const deadline of this.openDeadlines) {
      for (const effect of this.clock.fire(deadline, at)) this.announce(effect, now);
    }
  }

  /** The arrangement that is being drafted, decided or carried out, if any. */
  get arrangement(): Arrangement | undefined {
    const last = this.current.arrangements.at(-1);
    return last && last.status !== 'vervangen' ? last : undefined;
  }

  get arrangementStatus(): ArrangementStatus | null {
    if (this.current.stage === 'arrangement') return this.arrangement?.status === 'ter_goedkeuring' ? 'ter_goedkeuring' : 'concept';
    if (this.current.stage === 'wacht_op_toestemming') return this.arrangement?.status === 'ter_goedkeuring' ? 'ter_goedkeuring' : null;
    return this.arrangement?.status ?? null;
  }

  /**
   * Validates a step without changing anything: actor scope and role first (404/403), then the stage
   * (409), then the body (400). Update validators call this, so a refused step leaves no trace.
   */
  check(step: ReferralStep, command: ReferralCommand): void {
    assertMay(command.actor, this.scope, STEPS[step].action as ReferralAction);
    if (command.consent !== undefined) parseOrThrow(consentContextSchema, command.consent);
    if (DEADLINE_STEPS.includes(step)) {
      this.checkDeadlineStep(step, command.body);
      return;
    }
    this.assertStage(step);
    const body = parseOrThrow(STEPS[step].schema, command.body);
    if (step === 'toewijzing') this.checkPlacement(body as ToewijzingRequest, command.placement);
    if (step === 'toestemming' || step === 'paperToestemming') this.checkAnswer(step, command);
    if (step === 'zienswijze' && !isParticipant(command.actor.role)) throw new DomainError('FORBIDDEN', 'Only the parents or the young person give a zienswijze');
  }

  /** The consent gates of the case, open and closed (issue 11 §6). */
  get gates(): readonly ToestemmingGate[] {
    return this.current.toestemmingen ?? [];
  }

  get openGates(): ToestemmingGate[] {
    return this.gates.filter((g) => g.status === 'open');
  }

  /**
   * Whether a step refuses the open consent gate of a toewijzing that holds or waits for a place: the workflow then
   * takes the case off the aanbod's list first, as for a withdrawal.
   */
  refusalReleasesPlace(step: ReferralStep, command: ReferralCommand): boolean {
    if ((step !== 'toestemming' && step !== 'paperToestemming') || this.place === undefined) return false;
    const body = command.body as { gateId?: unknown; besluit?: unknown } | null;
    const gate = this.gates.find((g) => g.id === body?.gateId);
    return body?.besluit === 'weigering' && gate?.status === 'open' && gate.subject.step === 'toewijzing' && gate.subject.toewijzing === this.current.toewijzingen.length;
  }

  /** An answer must come from a party the decision needs at the child's age today, on an open gate, once. */
  private checkAnswer(step: 'toestemming' | 'paperToestemming', command: ReferralCommand): void {
    const body = command.body as { gateId: string; party?: 'ouders' | 'jongere' };
    const found = this.gates.find((g) => g.id === body.gateId);
    const gate = found === undefined ? undefined : (JSON.parse(JSON.stringify(found)) as ToestemmingGate);
    if (gate !== undefined) rejudge(gate, command.consent);
    if (step === 'toestemming') assertMayAnswer(gate, partyOf(command.actor), actorRef(command.actor), body.gateId);
    else assertMayAnswer(gate, body.party ?? 'ouders', undefined, body.gateId);
  }

  /** The latest toewijzing's gate is open or refused: its provider does not see the case. */
  private toewijzingGateBlocks(): boolean {
    const index = this.current.toewijzingen.length;
    return this.gates.some((g) => g.subject.step === 'toewijzing' && g.subject.toewijzing === index && (g.status === 'open' || g.status === 'geweigerd'));
  }

  /** A named aanbod must fit the case (issue 11 §2): judged on the API's snapshot by the catalogue's own rule. */
  private checkPlacement(body: ToewijzingRequest, placement: ToewijzingPlacement | undefined): void {
    if (body.aanbodId === undefined) return;
    assertPlacementFits(body.aanbodId, placement, { route: body.route, region: this.current.region, sector: this.current.request.school.sector });
  }

  /** A closed case takes no place: STAGE_CONFLICT (the admission's validator). */
  assertOpen(): void {
    if (!this.isOpen) throw new DomainError('STAGE_CONFLICT', `Referral is ${this.current.stage}: it no longer takes a place`);
  }

  /** The place the current toewijzing waits for or holds, if it named an aanbod. */
  get place(): ToewijzingPlace | undefined {
    return this.current.toewijzingen.at(-1)?.place;
  }

  /**
   * The wachtlijst's admission, before it is applied: a closed case, or one whose toewijzing names another aanbod,
   * no longer takes the place (STAGE_CONFLICT, which the list reads as `gone` and gives the place to the next).
   */
  checkAdmission(admission: WachtlijstAdmission): void {
    this.assertOpen();
    const place = this.place;
    if (place === undefined || place.aanbodId !== admission.aanbodId) {
      throw new DomainError('STAGE_CONFLICT', `The toewijzing of this referral does not name aanbod ${admission.aanbodId}`);
    }
  }

  /**
   * The list admitted the case: it leaves `wacht_op_plaats` for the arrangement. Idempotent: an admission the case
   * already holds (a retry, or the place it took at once with its toewijzing) changes nothing.
   */
  admit(admission: WachtlijstAdmission, now: Date): void {
    this.checkAdmission(admission);
    const place = this.place as ToewijzingPlace;
    if (place.status === 'toegelaten') {
      place.admissionId ??= admission.admissionId;
      return;
    }
    place.status = 'toegelaten';
    place.admissionId = admission.admissionId;
    place.since = now.toISOString();
    // Admitted while the consent to share with the provider is still awaited: the case waits for that next (ADR 0019).
    this.moveTo(this.openGates.some((g) => g.subject.step === 'toewijzing') ? 'wacht_op_toestemming' : 'arrangement');
    this.record('wachtlijst.admitted', SYSTEM_ACTOR, now, undefined, { aanbodId: admission.aanbodId, admissionId: admission.admissionId, waitingSince: admission.waitingSince });
  }

  /**
   * The wachtlijst says the case's beschikking or TLV ended while it waited (issue 11 §3): off the list, so the case
   * goes back to the loket's toewijzing with its term running — the work list shows it again instead of a wait
   * that can no longer end in a place. Told twice, or for a place the case no longer waits for: nothing changes.
   */
  placeLapsed(lapse: WachtlijstLapse, now: Date): void {
    this.assertOpen();
    const place = this.place;
    if (place === undefined || place.aanbodId !== lapse.aanbodId || place.status !== 'wachtend') return;
    this.placeReleased('verlopen', now);
    if (this.current.stage !== 'wacht_op_plaats') return;
    this.moveTo('toewijzing');
    this.openDeadline('toewijzing', now.getTime());
  }

  /** The case left the list or freed its place (withdrawn, closed): on the timeline, once. */
  placeReleased(reason: string, now: Date): void {
    this.releasePlaceOf(this.current.toewijzingen.length - 1, reason, now);
  }

  /**
   * Gives back the place an earlier toewijzing still holds once a new one is made (opschalen: the child keeps its
   * place until the next aanbod is chosen, so support does not stop in between). `place` is that earlier place,
   * taken before the new toewijzing was applied.
   */
  earlierPlaceReleased(place: ToewijzingPlace, reason: string, now: Date): void {
    const index = this.current.toewijzingen.findLastIndex((t, i) => i < this.current.toewijzingen.length - 1 && t.place?.aanbodId === place.aanbodId);
    this.releasePlaceOf(index, reason, now);
  }

  private releasePlaceOf(index: number, reason: string, now: Date): void {
    const toewijzing = this.current.toewijzingen[index] as { place?: ToewijzingPlace } | undefined;
    const place = toewijzing?.place;
    if (toewijzing === undefined || place === undefined) return;
    delete toewijzing.place;
    this.record('wachtlijst.left', SYSTEM_ACTOR, now, undefined, { aanbodId: place.aanbodId, was: place.status, reason });
  }

  /**
   * Applies a step, all or nothing: a refusal found only while applying (e.g. a due date the calendar
   * cannot compute) restores the state, so a refused step changes nothing (issue 2 §3).
   */
  apply(step: ReferralStep, command: ReferralCommand, now: Date): void {
    this.check(step, command);
    const saved = { state: JSON.parse(JSON.stringify(this.current)) as ReferralState, events: this.timeline.length, notices: this.notices.length };
    try {
      this.applyChecked(step, command, now);
    } catch (error) {
      this.current = saved.state;
      this.timeline.length = saved.events;
      this.notices.length = saved.notices;
      throw error;
    }
  }

  private applyChecked(step: ReferralStep, command: ReferralCommand, now: Date): void {
    const by = actorRef(command.actor);
    const { requestId } = command;
    switch (step) {
      case 'toewijzing': {
        const body = parseOrThrow(toewijzingRequestSchema, command.body);
        // The workflow fills in the child plan's regisseur before applying; a toewijzing never leaves without one.
        if (body.regisseurId === undefined) {
          throw new DomainError('VALIDATION_FAILED', 'Invalid request: regisseurId: must name the regisseur', [{ field: 'regisseurId', message: 'must name the regisseur' }]);
        }
        // A named aanbod (issue 11 §2): its aanbieder is the provider, and the list's answer decides the stage.
        const placement = body.aanbodId === undefined ? undefined : command.placement;
        const providerId = body.providerId ?? placement?.aanbod.aanbiederCode;
        const outcome = placement?.outcome;
        const toewijzing: Toewijzing = { ...body, ...(providerId === undefined ? {} : { providerId }), decidedBy: by, decidedAt: now.toISOString() };
        if (body.aanbodId !== undefined && outcome !== undefined) {
          toewijzing.place = { aanbodId: body.aanbodId, status: outcome.status, ...(outcome.admissionId === undefined ? {} : { admissionId: outcome.admissionId }), since: now.toISOString() };
        }
        this.current.toewijzingen.push(toewijzing);
        this.closeDeadline('toewijzing', now);
        const gates = this.openGatesFor(toewijzingConsentDecisions(body), { step: 'toewijzing', toewijzing: this.current.toewijzingen.length }, command.consent, now);
        this.moveTo(outcome?.status === 'wachtend' ? 'wacht_op_plaats' : gates.length > 0 ? 'wacht_op_toestemming' : 'arrangement');
        const aanbod = body.aanbodId === undefined ? {} : { aanbodId: body.aanbodId, place: outcome?.status ?? null };
        this.record('toewijzing.made', by, now, requestId, { route: body.route, providerId: providerId ?? null, regisseurId: body.regisseurId, ...aanbod });
        if (outcome?.status === 'wachtend') this.record('wachtlijst.joined', SYSTEM_ACTOR, now, requestId, { aanbodId: body.aanbodId, position: outcome.position ?? null });
        this.announceGates(gates, now, requestId);
        return;
      }
      case 'arrangement': {
        const body = parseOrThrow(arrangementRequestSchema, command.body);
        const version = this.current.arrangements.length + 1;
        const rejected = this.arrangement;
        if (rejected) rejected.status = 'vervangen';
        this.current.arrangements.push({ ...body, version, status: 'ter_goedkeuring', submittedBy: by, submittedAt: now.toISOString() });
        this.openDeadline('arrangementApproval', now.getTime());
        const gates = this.openGatesFor(arrangementConsentDecisions(body), { step: 'arrangement', arrangementVersion: version }, command.consent, now);
        if (gates.length > 0) this.moveTo('wacht_op_toestemming');
        this.record('arrangement.submitted', by, now, requestId, { version, kind: body.kind, startDate: body.startDate, endDate: body.endDate, evaluationDate: body.evaluationDate });
        this.announceGates(gates, now, requestId);
        return;
      }
      case 'approve': {
        const body = parseOrThrow(approveArrangementRequestSchema, command.body);
        const arrangement = this.decide('goedgekeurd', by, now, body.note);
        this.closeDeadline('arrangementApproval', now);
        // The pupil is back in education once the arrangement runs: the thuiszitter ladder stops (issue 3 §4).
        this.closeDeadline('thuiszitter', now);
        this.moveTo('uitvoering');
        this.current.evaluationDueAt = new Date(toInstant(arrangement.evaluationDate)).toISOString();
        // Whether the regisseur decided with the parents' or young person's view on record (ADR 0019).
        const views = arrangement.zienswijzen === undefined ? {} : { zienswijzen: arrangement.zienswijzen.length };
        this.record('arrangement.approved', by, now, requestId, { version: arrangement.version, evaluationDueAt: this.current.evaluationDueAt, ...views });
        return;
      }
      case 'reject': {
        const body = parseOrThrow(rejectArrangementRequestSchema, command.body);
        const arrangement = this.decide('afgewezen', by, now, body.reason);
        this.closeDeadline('arrangementApproval', now);
        // Nothing is left to consent to: the gates of the rejected version lapse, and a new draft is awaited.
        this.lapseGates((g) => g.subject.step === 'arrangement' && g.subject.arrangementVersion === arrangement.version, now);
        if (this.current.stage === 'wacht_op_toestemming') this.moveTo('arrangement');
        this.record('arrangement.rejected', by, now, requestId, { version: arrangement.version, reason: body.reason });
        return;
      }
      case 'toestemming': {
        const body = parseOrThrow(toestemmingRequestSchema, command.body);
        const gate = this.gates.find((g) => g.id === body.gateId) as ToestemmingGate;
        rejudge(gate, command.consent);
        this.answer(gate, { party: partyOf(command.actor), besluit: body.besluit, via: 'digitaal', by, at: now.toISOString() }, now, requestId);
        return;
      }
      case 'paperToestemming': {
        const body = parseOrThrow(paperToestemmingRequestSchema, command.body);
        if (body.signedOn > dutchDateOf(now.getTime())) {
          throw new DomainError('VALIDATION_FAILED', 'Invalid request: signedOn: must not be in the future', [{ field: 'signedOn', message: 'must not be in the future' }]);
        }
        const gate = this.gates.find((g) => g.id === body.gateId) as ToestemmingGate;
        rejudge(gate, command.consent);
        if (body.parentsWithGezag !== undefined && body.parentsWithGezag > 0) gate.parentsWithGezag = body.parentsWithGezag;
        const signing = body.party === 'ouders' ? { parentsSigning: body.parentsSigning ?? 1 } : {};
        this.answer(gate, { party: body.party, besluit: body.besluit, via: 'papier', by, at: now.toISOString(), signedOn: body.signedOn, ...signing }, now, requestId);
        return;
      }
      case 'zienswijze': {
        const body = parseOrThrow(zienswijzeRequestSchema, command.body);
        const arrangement = this.arrangement as Arrangement;
        const party = partyOf(command.actor);
        (arrangement.zienswijzen ??= []).push({ party, text: body.text, by, at: now.toISOString() });
        // The text stays on the case (the regisseur reads it); the timeline, read model and audit get its existence only.
        this.record('zienswijze.gegeven', by, now, requestId, { version: arrangement.version, party });
        return;
      }
      case 'evaluate':
        return this.evaluate(command, by, now);
      case 'withdraw': {
        const body = parseOrThrow(withdrawReferralRequestSchema, command.body);
        this.current.withdrawal = { reason: body.reason, by, at: now.toISOString() };
        this.close('ingetrokken', now);
        this.record('referral.withdrawn', by, now, requestId, { reason: body.reason });
        return;
      }
      case 'pauseDeadline': {
        const body = parseOrThrow(pauseDeadlineCommandSchema, command.body);
        const deadline = this.deadline(body.deadlineId);
        this.clock.pause(deadline, body.reason, now.getTime());
        this.record('deadline.paused', by, now, requestId, { deadlineId: deadline.id, rule: deadline.rule, reason: body.reason });
        return;
      }
      case 'resumeDeadline': {
        const body = parseOrThrow(resumeDeadlineCommandSchema, command.body);
        const deadline = this.deadline(body.deadlineId);
        const pausedForMs = this.clock.resume(deadline, now.getTime());
        this.record('deadline.resumed', by, now, requestId, { deadlineId: deadline.id, rule: deadline.rule, pausedForMs, dueAt: deadline.dueAt });
        return;
      }
      case 'extendDeadline': {
        const body = parseOrThrow(extendDeadlineCommandSchema, command.body);
        const deadline = this.deadline(body.deadlineId);
        this.clock.extend(deadline, { amount: body.amount, unit: body.unit });
        this.record('deadline.extended', by, now, requestId, { deadlineId: deadline.id, rule: deadline.rule, amount: body.amount, unit: body.unit, reason: body.reason, dueAt: deadline.dueAt });
        return;
      }
      case 'reportThuiszitter': {
        const body = parseOrThrow(reportThuiszitterRequestSchema, command.body);
        if (toInstant(body.since) > now.getTime()) {
          throw new DomainError('VALIDATION_FAILED', 'Invalid request: since: must not be in the future', [{ field: 'since', message: 'must not be in the future' }]);
        }
        this.current.thuiszitterReport = { ...body, reportedBy: by, reportedAt: now.toISOString() };
        this.record('thuiszitter.reported', by, now, requestId, { kind: body.kind, since: body.since });
        this.startThuiszitterLadder(body.since);
        return;
      }
    }
  }

  /** The intake is on record: the loket's toewijzing is now awaited. */
  requestToewijzing(now: Date): void {
    if (this.current.stage !== 'gesignaleerd') return;
    this.moveTo('toewijzing');
    this.openDeadline('toewijzing', now.getTime());
    this.record('toewijzing.requested', SYSTEM_ACTOR, now, undefined, {});
  }

  /** The evaluation date of the running arrangement has passed (a durable timer in the workflow). */
  evaluationDue(now: Date): void {
    if (this.current.stage !== 'uitvoering') return;
    this.moveTo('evaluatie');
    this.record('evaluation.due', SYSTEM_ACTOR, now, undefined, { dueAt: this.current.evaluationDueAt ?? null });
    delete this.current.evaluationDueAt;
    this.openDeadline('evaluation', now.getTime());
  }

  /**
   * The child plan's regisseur changed hands (issue 4 §1): the running toewijzing follows, so the new
   * regisseur approves and evaluates from now on and the former one loses sight of the case.
   */
  handoverRegisseur(regisseurId: string, by: ActorRef, reason: string, now: Date): void {
    const toewijzing = this.current.toewijzingen.at(-1);
    if (!this.isOpen || toewijzing === undefined || toewijzing.regisseurId === regisseurId) return;
    const from = toewijzing.regisseurId ?? null;
    toewijzing.regisseurId = regisseurId;
    this.record('regisseur.handover', by, now, undefined, { from, to: regisseurId, reason });
  }

  /** What the child's plan keeps of this referral: codes, dates and the arrangement's period (issue 4 §3). */
  planEntry(): PlanReferral {
    const s = this.current;
    const arrangement = this.arrangement;
    return {
      referralId: s.referralId,
      region: s.region,
      school: s.request.school,
      stage: s.stage,
      thuiszitter: this.isThuiszitter,
      regisseurId: this.scope.regisseurId,
      providerId: this.scope.providerId,
      arrangement:
        arrangement === undefined
          ? null
          : { version: arrangement.version, kind: arrangement.kind, status: arrangement.status, startDate: arrangement.startDate, endDate: arrangement.endDate, evaluationDate: arrangement.evaluationDate },
      evaluations: s.evaluations.map((e) => ({ outcome: e.outcome, arrangementVersion: e.arrangementVersion, at: e.evaluatedAt })),
      createdAt: s.createdAt,
      closedAt: s.closedAt ?? null,
      version: s.version,
    };
  }

  /** The read-model row for this referral. */
  summary(): ReferralSummary {
    const s = this.current;
    const scope = this.scope;
    const open = this.openDeadlines;
    return {
      referralId: s.referralId,
      stage: s.stage,
      arrangementStatus: this.arrangementStatus,
      childRef: s.request.childRef,
      schoolBrin: s.request.school.brin,
      schoolSector: s.request.school.sector,
      region: s.region,
      thuiszitter: this.isThuiszitter,
      thuiszitterSince: s.thuiszitterReport?.since ?? s.request.thuiszitter.since ?? null,
      route: s.toewijzingen.at(-1)?.route ?? null,
      providerId: scope.providerId,
      regisseurId: scope.regisseurId,
      evaluationDueAt: s.evaluationDueAt ?? null,
      policyVersion: s.policyVersion,
      escalationLevel: Math.max(0, ...open.map((d) => d.level)),
      overdueSince: earliest(open.filter((d) => d.level > 0 && d.pausedAt === undefined).map((d) => d.dueAt)),
      nextDueAt: earliest(open.filter((d) => d.pausedAt === undefined).map((d) => d.dueAt)),
      createdAt: s.createdAt,
      updatedAt: s.updatedAt,
      closedAt: s.closedAt ?? null,
      version: s.version,
    };
  }

  private evaluate(command: ReferralCommand, by: ActorRef, now: Date): void {
    const body = parseOrThrow(evaluationRequestSchema, command.body);
    const arrangement = this.arrangement;
    if (!arrangement) throw new DomainError('STAGE_CONFLICT', 'There is no arrangement to evaluate');
    this.current.evaluations.push({ outcome: body.outcome, summary: body.summary, arrangementVersion: arrangement.version, evaluatedBy: by, evaluatedAt: now.toISOString() });
    delete this.current.evaluationDueAt;
    this.closeDeadline('evaluation', now);
    switch (body.outcome) {
      case 'afsluiten':
        this.close('afgesloten', now);
        break;
      case 'verlengen':
        arrangement.endDate = body.endDate;
        arrangement.evaluationDate = body.evaluationDate;
        this.moveTo('uitvoering');
        this.current.evaluationDueAt = new Date(toInstant(body.evaluationDate)).toISOString();
        break;
      case 'bijstellen':
        arrangement.status = 'vervangen';
        this.moveTo('arrangement');
        break;
      case 'opschalen':
        arrangement.status = 'vervangen';
        this.moveTo('toewijzing');
        this.openDeadline('toewijzing', now.getTime());
        break;
    }
    const extension = body.outcome === 'verlengen' ? { endDate: body.endDate, evaluationDueAt: this.current.evaluationDueAt } : {};
    this.record('evaluation.recorded', by, now, command.requestId, { outcome: body.outcome, arrangementVersion: arrangement.version, ...extension });
    if (body.outcome === 'afsluiten') this.record('referral.closed', by, now, command.requestId, {});
  }

  private decide(status: 'goedgekeurd' | 'afgewezen', by: ActorRef, now: Date, note: string | undefined): Arrangement {
    const arrangement = this.arrangement;
    if (!arrangement) throw new DomainError('STAGE_CONFLICT', 'There is no arrangement awaiting approval');
    arrangement.status = status;
    arrangement.decidedBy = by;
    arrangement.decidedAt = now.toISOString();
    if (note !== undefined) arrangement.decisionNote = note;
    return arrangement;
  }

  private assertStage(step: ReferralStep): void {
    const { stage } = this.current;
    const status = this.arrangementStatus;
    const allowed: Record<ReferralStep, boolean> = {
      // The toewijzing may arrive while the intake is still being recorded; the workflow holds it until then.
      toewijzing: stage === 'gesignaleerd' || stage === 'toewijzing',
      arrangement: stage === 'arrangement' && status === 'concept',
      approve: stage === 'arrangement' && status === 'ter_goedkeuring',
      // The regisseur may still reject an arrangement whose instemming is awaited; its gates then lapse.
      reject: (stage === 'arrangement' || stage === 'wacht_op_toestemming') && status === 'ter_goedkeuring',
      // A regisseur may evaluate before the planned date, e.g. when the arrangement clearly does not work.
      evaluate: stage === 'uitvoering' || stage === 'evaluatie',
      withdraw: isOpenStage(stage),
      // A pupil already on the thuiszitter ladder is not reported twice.
      reportThuiszitter: isOpenStage(stage) && !this.isThuiszitter,
      pauseDeadline: isOpenStage(stage),
      resumeDeadline: isOpenStage(stage),
      extendDeadline: isOpenStage(stage),
      // Which gate, and whether it is still open, the answer's own check says (checkAnswer).
      toestemming: isOpenStage(stage),
      paperToestemming: isOpenStage(stage),
      // A view on the arrangement before the regisseur decides on it (ADR 0019).
      zienswijze: (stage === 'arrangement' || stage === 'wacht_op_toestemming') && status === 'ter_goedkeuring',
    };
    if (step === 'approve' && stage === 'wacht_op_toestemming' && status === 'ter_goedkeuring') {
      const waiting = this.openGates.filter((g) => g.subject.step === 'arrangement');
      throw new DomainError(
        'STAGE_CONFLICT',
        `The arrangement waits for toestemming (${waiting.map((g) => `${g.id}: ${g.decision} of ${missingParties(g).join(' and ')}`).join('; ')}); it may be approved once given`,
        waiting.map((g) => ({ field: 'toestemmingen', message: `${g.id} (${g.decision}) is still open` })),
      );
    }
    if (!allowed[step]) {
      const where = status && stage === 'arrangement' ? `${stage} (${status})` : stage;
      throw new DomainError('STAGE_CONFLICT', `Step ${step} is not allowed while the referral is in stage ${where}`);
    }
  }

  private moveTo(stage: ReferralStage): void {
    this.current.stage = stage;
  }

  private close(stage: 'afgesloten' | 'ingetrokken', now: Date): void {
    this.moveTo(stage);
    this.current.closedAt = now.toISOString();
    delete this.current.evaluationDueAt;
    this.lapseGates(() => true, now);
    // A closed case has no running terms: completing or withdrawing cancels every timer.
    for (const deadline of this.openDeadlines) deadline.closedAt = now.toISOString();
  }

  /**
   * Opens a gate per decision the step needs, each with its own `toestemming` term. Only with the API's consent
   * context (ADR 0019). Sharing with jeugdhulp is already consented by the parents when the school recorded their
   * consent on the referral itself (`parents.consent`, the signed aanmelding form); the child's own consent from 12,
   * or the young person's from 16, is still asked.
   */
  private openGatesFor(decisions: ConsentDecision[], subject: ToestemmingGate['subject'], context: ConsentContext | undefined, now: Date): ToestemmingGate[] {
    if (context === undefined || decisions.length === 0) return [];
    const opened: ToestemmingGate[] = [];
    for (const decision of decisions) {
      const gates = (this.current.toestemmingen ??= []);
      const gate = openGate(`toestemming-${gates.length + 1}`, decision, subject, context, now);
      if (decision === 'gegevensdeling' && this.current.request.parents.consent && gate.requirement.required.includes('ouders')) {
        gate.answers.push({ party: 'ouders', besluit: 'toestemming', via: 'aanmelding', by: this.current.submittedBy, at: this.current.createdAt, parentsSigning: gate.parentsWithGezag ?? 1 });
      }
      gates.push(gate);
      if (isGateComplete(gate)) {
        gate.status = 'gegeven';
        gate.closedAt = now.toISOString();
        continue;
      }
      gate.deadlineId = this.openDeadline('toestemming', now.getTime()).id;
      opened.push(gate);
    }
    return opened;
  }

  private announceGates(gates: ToestemmingGate[], now: Date, requestId: string | undefined): void {
    for (const gate of gates) {
      this.askTheFamily(gate);
      this.record('toestemming.gevraagd', SYSTEM_ACTOR, now, requestId, {
        gateId: gate.id,
        decision: gate.decision,
        step: gate.subject.step,
        required: gate.requirement.required,
        missing: missingParties(gate),
        band: gate.ageKnown ? gate.requirement.band : null,
        deadlineId: gate.deadlineId ?? null,
      });
    }
  }

  /**
   * The family hears of the question themselves, not only through the loket (issue 11 §6): a notice for the role
   * `ouder`, stored with the child's reference, which the child's parents and the young person read in their own
   * notifications. Asked of nobody in the family (all answered on the referral form): nothing to send.
   */
  private askTheFamily(gate: ToestemmingGate): void {
    if (gate.deadlineId === undefined || missingParties(gate).length === 0) return;
    const deadline = this.deadline(gate.deadlineId);
    const dueDay = dutchDateOf(Date.parse(deadline.dueAt) - 1);
    this.notices.push({
      kind: 'reminder',
      deadlineId: deadline.id,
      rule: 'toestemming',
      level: 0,
      dueAt: deadline.dueAt,
      recipient: { role: 'ouder' },
      message: `${TOESTEMMING_QUESTIONS[gate.decision]} Wij hebben uw antwoord nodig uiterlijk ${dutchDateText(dueDay)}: in Schakel onder Mijn kind, of op het formulier dat het loket u stuurt.`,
    });
  }

  /** Records an answer; a refusal stops the gate at once, the last consent needed opens it. */
  private answer(gate: ToestemmingGate, answer: ToestemmingAnswer, now: Date, requestId: string | undefined): void {
    gate.answers.push(answer);
    const about = { gateId: gate.id, decision: gate.decision, party: answer.party, via: answer.via };
    if (answer.besluit === 'weigering') return this.refuse(gate, answer, now, requestId, about);
    if (!isGateComplete(gate)) {
      this.record('toestemming.ontvangen', answer.by, now, requestId, { ...about, missing: missingParties(gate) });
      return;
    }
    this.closeGate(gate, 'gegeven', now);
    const subject = gate.subject;
    const stillWaiting = this.openGates.some((g) => g.subject.step === subject.step);
    if (this.current.stage === 'wacht_op_toestemming' && !stillWaiting) this.moveTo('arrangement');
    this.record('toestemming.verleend', answer.by, now, requestId, about);
  }

  /**
   * A refusal is the outcome of the step: a toewijzing to jeugdhulp goes back to the loket, who may choose another
   * route (its term runs again); an arrangement is rejected for want of instemming, and a new draft is awaited.
   * Lack of instemming does not release the school from its support meanwhile (DOMAIN.md §1.2).
   */
  private refuse(gate: ToestemmingGate, answer: ToestemmingAnswer, now: Date, requestId: string | undefined, about: Record<string, unknown>): void {
    this.closeGate(gate, 'geweigerd', now);
    const subject = gate.subject;
    this.lapseGates((g) => JSON.stringify(g.subject) === JSON.stringify(subject), now);
    if (subject.step === 'toewijzing') {
      this.moveTo('toewijzing');
      this.openDeadline('toewijzing', now.getTime());
    } else {
      const arrangement = this.arrangement;
      if (arrangement !== undefined && arrangement.version === subject.arrangementVersion && arrangement.status === 'ter_goedkeuring') {
        this.decide('afgewezen', answer.by, now, `Geen ${gate.decision === 'oppHandelingsdeel' ? 'instemming' : 'toestemming'} van ${answer.party === 'ouders' ? 'de ouders' : 'de jongere'} (${gate.decision})`);
        this.closeDeadline('arrangementApproval', now);
      }
      this.moveTo('arrangement');
    }
    this.record('toestemming.geweigerd', answer.by, now, requestId, { ...about, outcome: subject.step === 'toewijzing' ? 'toewijzing_opnieuw' : 'arrangement_afgewezen' });
  }

  private closeGate(gate: ToestemmingGate, status: 'gegeven' | 'geweigerd' | 'vervallen', now: Date): void {
    gate.status = status;
    gate.closedAt = now.toISOString();
    const deadline = gate.deadlineId === undefined ? undefined : this.current.deadlines.find((d) => d.id === gate.deadlineId);
    if (deadline !== undefined && deadline.closedAt === undefined) deadline.closedAt = now.toISOString();
  }

  private lapseGates(which: (gate: ToestemmingGate) => boolean, now: Date): void {
    for (const gate of this.openGates) if (which(gate)) this.closeGate(gate, 'vervallen', now);
  }

  private openDeadline(rule: DeadlineRuleId, openedAt: number): RunningDeadline {
    const sequence = this.current.deadlines.filter((d) => d.rule === rule).length + 1;
    const deadline = this.clock.open(rule, sequence, openedAt);
    this.current.deadlines.push(deadline);
    return deadline;
  }

  private closeDeadline(rule: DeadlineRuleId, now: Date): void {
    for (const deadline of this.openDeadlines) if (deadline.rule === rule) deadline.closedAt = now.toISOString();
  }

  /**
   * A thuiszitter: leerplicht hears of it at once, and the ladder toward the Thuiszitterspact horizon
   * counts from the first day at home (DOMAIN.md §1.7), not from the referral.
   */
  private startThuiszitterLadder(since: string): void {
    if (this.openDeadlines.some((d) => d.rule === 'thuiszitter')) return;
    const deadline = this.openDeadline('thuiszitter', startOfDutchDay(since));
    this.notices.push({
      kind: 'thuiszitter',
      deadlineId: deadline.id,
      rule: 'thuiszitter',
      level: 0,
      dueAt: deadline.dueAt,
      recipient: { role: 'leerplicht', region: this.current.region },
      message: `Thuiszitter gemeld (thuis sinds ${since}); passend aanbod nodig, uiterlijk binnen drie maanden (Thuiszitterspact).`,
    });
  }

  private deadline(id: string): RunningDeadline {
    const deadline = this.current.deadlines.find((d) => d.id === id);
    if (deadline === undefined) throw new DomainError('NOT_FOUND', `Deadline ${id} not found on this referral`);
    return deadline;
  }

  private checkDeadlineStep(step: ReferralStep, body: unknown): void {
    if (!this.isOpen) throw new DomainError('STAGE_CONFLICT', `Step ${step} is not allowed while the referral is in stage ${this.current.stage}`);
    const parsed = parseOrThrow(STEPS[step].schema, body) as { deadlineId: string; amount?: number; unit?: string };
    const deadline = this.deadline(parsed.deadlineId);
    if (deadline.closedAt !== undefined) throw new DomainError('STAGE_CONFLICT', `Deadline ${deadline.id} is no longer running`);
    if (step === 'pauseDeadline' && deadline.pausedAt !== undefined) throw new DomainError('STAGE_CONFLICT', `Deadline ${deadline.id} is already paused`);
    if (step === 'resumeDeadline' && deadline.pausedAt === undefined) throw new DomainError('STAGE_CONFLICT', `Deadline ${deadline.id} is not paused`);
    if (step === 'extendDeadline') {
      const term = parseOrThrow(extendDeadlineCommandSchema, body);
      this.clock.checkExtension(deadline, { amount: term.amount, unit: term.unit });
    }
  }

  /** Records a reminder or escalation on the timeline and queues its notifications. */
  private announce(effect: DeadlineEffect, now: Date): void {
    const { deadline } = effect;
    const dueDay = dutchDateOf(Date.parse(deadline.dueAt) - 1);
    const recipients = effect.kind === 'reminder' ? [DEADLINE_ASSIGNEE[deadline.rule]] : effect.recipients;
    const message = deadlineMessage(effect.kind, deadline.rule, effect.level, dueDay);
    for (const to of recipients) {
      this.notices.push({ kind: effect.kind, deadlineId: deadline.id, rule: deadline.rule, level: effect.level, dueAt: deadline.dueAt, recipient: this.resolve(to), message });
    }
    const type = effect.kind === 'reminder' ? 'deadline.reminder' : 'deadline.escalated';
    this.record(type, SYSTEM_ACTOR, now, undefined, { deadlineId: deadline.id, rule: deadline.rule, level: effect.level, dueAt: deadline.dueAt, notified: recipients.map((r) => r.role) });
  }

  /** Turns a ladder entry into an addressee for this case; an unassigned role falls back to the loket. */
  private resolve(to: EscalationRecipient): DeadlineNotice['recipient'] {
    const scope = this.scope;
    switch (to.via) {
      case 'school':
      // A referral has one school; the receiving school of an overstap is the child plan's concern.
      case 'receivingSchool':
        return { role: to.role, org: scope.schoolBrin };
      case 'region':
        return { role: to.role, region: scope.region };
      case 'regisseur':
        return scope.regisseurId === null ? { role: 'loket', region: scope.region } : { role: to.role, sub: scope.regisseurId };
      case 'provider':
        return scope.providerId === null ? { role: 'loket', region: scope.region } : { role: to.role, org: scope.providerId };
    }
  }

  private record(type: ReferralEventType, actor: ActorRef, now: Date, requestId: string | undefined, data: Record<string, unknown>): void {
    this.current.version += 1;
    this.current.updatedAt = now.toISOString();
    const event: ReferralEvent = { seq: this.current.version, type, at: now.toISOString(), actor, stage: this.current.stage, data };
    if (requestId !== undefined) event.requestId = requestId;
    this.timeline.push(event);
  }
}

function earliest(instants: string[]): string | null {
  return instants.length === 0 ? null : instants.reduce((a, b) => (Date.parse(a) <= Date.parse(b) ? a : b));
}
