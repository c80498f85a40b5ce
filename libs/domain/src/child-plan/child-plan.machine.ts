import { actorRef, SYSTEM_ACTOR, type Actor, type ActorRef } from '../actor/actor';
import { DeadlineClock, type DeadlineEffect, type RunningDeadline } from '../deadline/deadline.clock';
import type { DeadlineRuleId, EscalationRecipient, ResolvedDeadlinePolicy } from '../deadline/deadline-policy.schema';
import { extendDeadlineRequestSchema, pauseDeadlineRequestSchema, resumeDeadlineRequestSchema } from '../deadline/deadline-request.schema';
import { DEADLINE_ASSIGNEE, deadlineMessage } from '../deadline/deadline-rule.labels';
import { DomainError, type FieldIssue } from '../errors/domain-error';
import type { DeadlineNotice } from '../referral/referral.machine';
import { CALENDAR_DATE, dutchDateOf, endOfDutchDayOf, startOfDutchDay, toInstant } from '../time/amsterdam-time';
import { parseOrThrow } from '../validation/validation.parser';
import { assertMayOnPlan, type ChildPlanAction } from './child-plan-access';
import {
  aanmeldingRequestSchema,
  admissionDecisionRequestSchema,
  arrangementContinuationRequestSchema,
  cancelTransitionRequestSchema,
  confirmTransitionRequestSchema,
  overdrachtRequestSchema,
  regisseurHandoverRequestSchema,
  scheduleTransitionRequestSchema,
  tlvApplicationRequestSchema,
  tlvDecisionRequestSchema,
  warmeOverdrachtRequestSchema,
} from './child-plan-request.schema';
import type { ChildPlanEvent, ChildPlanEventType, ChildPlanState, PlanReferral, Transition } from './child-plan-state';
import { hasZorgplicht, isMboEntry, isSchoolDestination, mboAanmeldingDeadline, needsTlv } from './transition-route';
import { voorschoolConsentRequestSchema, voorschoolOverdrachtRequestSchema, scheduleVoorschoolTransitionRequestSchema } from './voorschool-request.schema';
import { AANMELD_AGE, ageFromThirdBirthday, dateAtAge, needsWarmeOverdracht, SCHOOL_START_AGE } from './voorschool.rule';
import { consentRequiredFor, isConsentComplete } from '../consent/consent-age.rule';

/**
 * A human step on a child's plan: who asks, with which body, about which overstap or deadline. The API
 * resolves the region's deadline policy for a new overstap, as it does for a new referral.
 */
export interface ChildPlanCommand {
  actor: Actor;
  requestId?: string;
  transitionId?: string;
  deadlineId?: string;
  policy?: ResolvedDeadlinePolicy;
  /**
   * The child's date of birth, for scheduling a voorschool → PO overstap only: the API reads it from the
   * personal details (issue 5 §3). The plan keeps only the dates the rules need (third birthday, overdracht due).
   */
  birthDate?: string;
  body: unknown;
}

const STEPS = {
  scheduleTransition: { schema: scheduleTransitionRequestSchema, action: 'schedule' },
  recordAanmelding: { schema: aanmeldingRequestSchema, action: 'aanmelding' },
  recordOverdracht: { schema: overdrachtRequestSchema, action: 'overdracht' },
  applyForTlv: { schema: tlvApplicationRequestSchema, action: 'tlvApplication' },
  recordTlvDecision: { schema: tlvDecisionRequestSchema, action: 'tlvDecision' },
  decideAdmission: { schema: admissionDecisionRequestSchema, action: 'admission' },
  recordWarmeOverdracht: { schema: warmeOverdrachtRequestSchema, action: 'warmeOverdracht' },
  decideArrangements: { schema: arrangementContinuationRequestSchema, action: 'arrangements' },
  confirmTransition: { schema: confirmTransitionRequestSchema, action: 'confirm' },
  cancelTransition: { schema: cancelTransitionRequestSchema, action: 'cancel' },
  handoverRegisseur: { schema: regisseurHandoverRequestSchema, action: 'handover' },
  // The voorschool → PO overstap (issue 11 §5).
  scheduleVoorschoolTransition: { schema: scheduleVoorschoolTransitionRequestSchema, action: 'schedule' },
  recordVoorschoolConsent: { schema: voorschoolConsentRequestSchema, action: 'voorschoolConsent' },
  recordVoorschoolOverdracht: { schema: voorschoolOverdrachtRequestSchema, action: 'voorschoolOverdracht' },
  pauseDeadline: { schema: pauseDeadlineRequestSchema, action: 'deadline' },
  resumeDeadline: { schema: resumeDeadlineRequestSchema, action: 'deadline' },
  extendDeadline: { schema: extendDeadlineRequestSchema, action: 'deadline' },
} as const satisfies Record<string, { schema: unknown; action: ChildPlanAction }>;
export type ChildPlanStep = keyof typeof STEPS;
export const CHILD_PLAN_STEPS = Object.keys(STEPS) as ChildPlanStep[];

const DEADLINE_STEPS: readonly ChildPlanStep[] = ['pauseDeadline', 'resumeDeadline', 'extendDeadline'];
/** Steps that act on one overstap and need its id. */
const TRANSITION_STEPS: readonly ChildPlanStep[] = [
  'recordAanmelding',
  'recordOverdracht',
  'applyForTlv',
  'recordTlvDecision',
  'decideAdmission',
  'recordWarmeOverdracht',
  'decideArrangements',
  'confirmTransition',
  'cancelTransition',
  'recordVoorschoolConsent',
  'recordVoorschoolOverdracht',
];

/** The steps of the voorschool → PO overstap: the plan workflow records the `voorschool-v1` patch before applying one. */
export const VOORSCHOOL_STEPS: readonly ChildPlanStep[] = ['scheduleVoorschoolTransition', 'recordVoorschoolConsent', 'recordVoorschoolOverdracht'];

/** Deadlines that outlive their overstap: a granted TLV must be re-assessed before it ends, wherever the pupil is. */
const LASTING_RULES: readonly DeadlineRuleId[] = ['tlvHerbeoordeling'];

const isOpenTransition = (t: Transition) => t.status === 'gepland' || t.status === 'bevestigd';

/** The moment a date the people name ("received on") starts a term: today's steps count from now. */
function openingOf(date: string, now: Date): number {
  return date === dutchDateOf(now.getTime()) ? now.getTime() : startOfDutchDay(date);
}

function notInFuture(date: string, field: string, now: Date): void {
  if (date > dutchDateOf(now.getTime())) {
    throw new DomainError('VALIDATION_FAILED', `Invalid request: ${field}: must not be in the future`, [{ field, message: 'must not be in the future' }]);
  }
}

/**
 * The rules of one child's plan (issue 4): one regisseur, the referrals that join it, and every
 * overstap with its own terms. Pure like ReferralMachine: the workflow wires Updates to `check`
 * (validator) and `apply` (handler), and every change takes `now`.
 */
export class ChildPlanMachine {
  private notices: DeadlineNotice[] = [];

  private constructor(
    private current: ChildPlanState,
    private readonly timeline: ChildPlanEvent[],
  ) {}

  static open(childRef: string, region: string, now: Date): ChildPlanMachine {
    const at = now.toISOString();
    const machine = new ChildPlanMachine(
      { childRef, region, createdAt: at, updatedAt: at, school: null, schools: [], regisseur: null, regisseurHistory: [], referrals: [], transitions: [], version: 0 },
      [],
    );
    machine.record('plan.opened', SYSTEM_ACTOR, now, {}, { region });
    return machine;
  }

  /** Restores a plan carried over Continue-As-New. */
  static restore(state: ChildPlanState, timeline: ChildPlanEvent[]): ChildPlanMachine {
    return new ChildPlanMachine(state, [...timeline]);
  }

  get state(): ChildPlanState {
    return this.current;
  }

  get events(): readonly ChildPlanEvent[] {
    return this.timeline;
  }

  /** Notices not yet taken: a run must not continue as new while any are unsent. */
  get pendingNoticeCount(): number {
    return this.notices.length;
  }

  takeNotices(): DeadlineNotice[] {
    const taken = this.notices;
    this.notices = [];
    return taken;
  }

  /** Referrals whose arrangement is running: an overstap must say what happens to each. */
  get activeArrangements(): PlanReferral[] {
    return this.current.referrals.filter((r) => r.closedAt === null && r.arrangement?.status === 'goedgekeurd');
  }

  get openReferralIds(): string[] {
    return this.current.referrals.filter((r) => r.closedAt === null).map((r) => r.referralId);
  }

  /** A referral reports its state; an older report never overwrites a newer one. */
  registerReferral(entry: PlanReferral, now: Date): void {
    const known = this.current.referrals.find((r) => r.referralId === entry.referralId);
    if (known !== undefined && known.version >= entry.version) return;
    if (known === undefined) {
      this.current.referrals.push(entry);
      if (this.current.school === null) {
        this.current.school = { ...entry.school, since: entry.createdAt };
        this.current.schools.push({ sector: entry.school.sector, brin: entry.school.brin, from: entry.createdAt });
      }
      this.record('referral.registered', SYSTEM_ACTOR, now, { referralId: entry.referralId }, { school: entry.school, stage: entry.stage });
    } else {
      Object.assign(known, entry);
    }
    if (entry.closedAt !== null && !this.timeline.some((e) => e.type === 'referral.closed' && e.referralId === entry.referralId)) {
      this.record('referral.closed', SYSTEM_ACTOR, now, { referralId: entry.referralId }, { stage: entry.stage });
    }
    this.touch(now);
  }

  /**
   * Één kind, één regisseur: the first toewijzing names the child's regisseur; every later referral
   * gets the same one. Naming another is refused: a change is an explicit handover (issue 4 §1).
   */
  checkRegisseurClaim(requested: string | undefined): string {
    const current = this.current.regisseur;
    if (current === null) {
      if (requested === undefined) {
        throw new DomainError('VALIDATION_FAILED', 'Invalid request: regisseurId: is required, this child has no regisseur yet', [
          { field: 'regisseurId', message: 'is required: this child has no regisseur yet' },
        ]);
      }
      return requested;
    }
    if (requested !== undefined && requested !== current.regisseurId) {
      throw new DomainError(
        'REGISSEUR_CONFLICT',
        `This child already has regisseur ${current.regisseurId} (één kind, één regisseur); omit regisseurId or hand the plan over first`,
        [{ field: 'regisseurId', message: `must be ${current.regisseurId}, the child's regisseur, or be omitted` }],
      );
    }
    return current.regisseurId;
  }

  claimRegisseur(referralId: string, requested: string | undefined, by: ActorRef, now: Date): string {
    const regisseurId = this.checkRegisseurClaim(requested);
    if (this.current.regisseur === null) {
      this.current.regisseur = { regisseurId, from: now.toISOString(), assignedBy: by, referralId };
      this.current.regisseurHistory.push({ ...this.current.regisseur });
      this.record('regisseur.assigned', by, now, { referralId }, { regisseurId });
    }
    return regisseurId;
  }

  /** Validates a step without changing anything: scope and role (404/403), the overstap's state (409), the body (400). */
  check(step: ChildPlanStep, command: ChildPlanCommand, now: Date): void {
    const transition = this.transitionFor(step, command);
    assertMayOnPlan(command.actor, this.current, STEPS[step].action, transition);
    const body = parseOrThrow(STEPS[step].schema, command.body);
    this.checkState(step, command, body, transition, now);
  }

  /** Applies a step, all or nothing (as ReferralMachine.apply). */
  apply(step: ChildPlanStep, command: ChildPlanCommand, now: Date): void {
    this.check(step, command, now);
    const saved = { state: JSON.parse(JSON.stringify(this.current)) as ChildPlanState, events: this.timeline.length, notices: this.notices.length };
    try {
      this.applyChecked(step, command, now);
      this.touch(now);
    } catch (error) {
      this.current = saved.state;
      this.timeline.length = saved.events;
      this.notices.length = saved.notices;
      throw error;
    }
  }

  /** The next moment something happens by itself: a reminder, an escalation, or a confirmed overstap's start. */
  nextWakeAt(): number | undefined {
    const moments: number[] = [];
    for (const transition of this.current.transitions) {
      const clock = new DeadlineClock(transition.policy);
      for (const deadline of transition.deadlines) {
        const at = clock.nextAt(deadline);
        if (at !== undefined) moments.push(at);
      }
      if (transition.status === 'bevestigd') moments.push(Date.parse(transition.startsAt));
    }
    return moments.length === 0 ? undefined : Math.min(...moments);
  }

  /** Lets time pass: reminders and escalations fire, and a confirmed overstap takes effect on its start date. */
  tick(now: Date): void {
    for (const transition of this.current.transitions) {
      const clock = new DeadlineClock(transition.policy);
      for (const deadline of transition.deadlines) {
        for (const effect of clock.fire(deadline, now.getTime())) this.announce(transition, effect, now);
      }
      if (transition.status === 'bevestigd' && Date.parse(transition.startsAt) <= now.getTime()) this.complete(transition, now);
    }
  }

  /** Every term that is still running, with the overstap it belongs to. */
  openDeadlines(): Array<RunningDeadline & { transitionId: string }> {
    return this.current.transitions.flatMap((t) => t.deadlines.filter((d) => d.closedAt === undefined).map((d) => ({ ...d, transitionId: t.transitionId })));
  }

  private transitionFor(step: ChildPlanStep, command: ChildPlanCommand): Transition | undefined {
    if (DEADLINE_STEPS.includes(step)) {
      const found = this.current.transitions.find((t) => t.deadlines.some((d) => d.id === command.deadlineId));
      if (found === undefined) throw new DomainError('NOT_FOUND', `Deadline ${command.deadlineId ?? '(none)'} not found in this child's plan`);
      return found;
    }
    if (!TRANSITION_STEPS.includes(step)) return undefined;
    const found = this.current.transitions.find((t) => t.transitionId === command.transitionId);
    if (found === undefined) throw new DomainError('NOT_FOUND', `Overstap ${command.transitionId ?? '(none)'} not found in this child's plan`);
    return found;
  }

  private requireTransition(transition: Transition | undefined): Transition {
    if (transition === undefined) throw new DomainError('NOT_FOUND', 'Overstap not found');
    return transition;
  }

  private checkState(step: ChildPlanStep, command: ChildPlanCommand, body: unknown, transition: Transition | undefined, now: Date): void {
    const conflict = (message: string) => new DomainError('STAGE_CONFLICT', message);
    if (step === 'scheduleTransition') return this.checkSchedule(command, body as ReturnType<typeof scheduleTransitionRequestSchema.parse>, now);
    if (step === 'scheduleVoorschoolTransition') return this.checkScheduleVoorschool(command, body as ReturnType<typeof scheduleVoorschoolTransitionRequestSchema.parse>, now);
    if (step === 'handoverRegisseur') {
      const { toRegisseurId } = body as { toRegisseurId: string };
      if (this.current.regisseur === null) throw conflict('This child has no regisseur yet; the first toewijzing names one');
      if (this.current.regisseur.regisseurId === toRegisseurId) {
        throw new DomainError('VALIDATION_FAILED', 'Invalid request: toRegisseurId: is already the regisseur', [{ field: 'toRegisseurId', message: 'is already the regisseur' }]);
      }
      return;
    }
    const t = this.requireTransition(transition);
    if (DEADLINE_STEPS.includes(step)) return this.checkDeadlineStep(step, command, body, t);
    if (step === 'cancelTransition') {
      if (!isOpenTransition(t)) throw conflict(`Overstap ${t.transitionId} is ${t.status}; it can no longer be cancelled`);
      return;
    }
    if (t.status !== 'gepland') throw conflict(`Step ${step} is not allowed while overstap ${t.transitionId} is ${t.status}`);
    switch (step) {
      case 'recordAanmelding': {
        if (!isSchoolDestination(t.to.sector)) throw conflict(`An overstap to ${t.to.sector} has no aanmelding at a school`);
        if (t.aanmelding !== undefined) throw conflict(`The aanmelding for ${t.transitionId} is already on record`);
        const { receivedOn } = body as { receivedOn: string };
        notInFuture(receivedOn, 'receivedOn', now);
        // An aanmelding before the third birthday is a vooraanmelding without legal effect (DOMAIN-PROVIDERS.md §3.2).
        if (t.voorschool !== undefined && receivedOn < t.voorschool.thirdBirthday) {
          throw new DomainError('VALIDATION_FAILED', `Invalid request: receivedOn: an aanmelding has legal effect from the third birthday (${t.voorschool.thirdBirthday})`, [
            { field: 'receivedOn', message: `must be on or after the third birthday (${t.voorschool.thirdBirthday}); earlier it is a vooraanmelding without legal effect` },
          ]);
        }
        // Computes the zorgplicht term once, so a date beyond the calendar's data is refused here, not in the handler.
        if (t.zorgplicht) new DeadlineClock(t.policy).open('zorgplicht', 1, openingOf(receivedOn, now));
        return;
      }
      case 'recordOverdracht':
        if (t.voorschool !== undefined) throw conflict('A voorschool sends its own overdracht (voorschool-overdracht), not an onderwijskundig rapport');
        // The overstapdossier may go only to the school where the pupil is registered (OSO — DOMAIN.md §1.10).
        if (isSchoolDestination(t.to.sector) && t.aanmelding === undefined) throw conflict('The overdracht may go to the receiving school only after the aanmelding');
        if (t.overdracht !== undefined) throw conflict(`The overdracht for ${t.transitionId} is already on record`);
        return;
      case 'applyForTlv':
        if (!t.needsTlv) throw conflict(`An overstap to ${t.to.sector} needs no TLV`);
        if (t.tlv?.appliedOn !== undefined && t.tlv.decision?.decision !== 'geweigerd') throw conflict('A TLV has already been applied for');
        notInFuture((body as { appliedOn: string }).appliedOn, 'appliedOn', now);
        return;
      case 'recordTlvDecision':
        if (!t.needsTlv) throw conflict(`An overstap to ${t.to.sector} needs no TLV`);
        if (t.tlv?.appliedOn === undefined) throw conflict('No TLV application is on record');
        if (t.tlv.decision !== undefined) throw conflict('The TLV application has already been decided');
        notInFuture((body as { decidedOn: string }).decidedOn, 'decidedOn', now);
        return;
      case 'decideAdmission': {
        if (t.aanmelding === undefined) throw conflict('The receiving school decides after the aanmelding');
        if (t.admission !== undefined) throw conflict('The receiving school has already decided');
        const decision = body as { outcome: string; decidedOn: string; alternativeBrin?: string };
        notInFuture(decision.decidedOn, 'decidedOn', now);
        // Zorgplicht: a board may refuse a pupil who needs support only once another school admits them (DOMAIN.md §1.1).
        if (decision.outcome === 'afgewezen' && t.zorgplicht && t.aanmelding.supportNeedExpected && decision.alternativeBrin === undefined) {
          throw new DomainError('VALIDATION_FAILED', 'Invalid request: alternativeBrin: is required under zorgplicht: name the school that admits the pupil', [
            { field: 'alternativeBrin', message: 'is required under zorgplicht: name the school that admits the pupil' },
          ]);
        }
        // SBO, SO, VSO and PRO may admit only with a TLV (DOMAIN.md §1.3).
        if (decision.outcome === 'toegelaten' && t.needsTlv && t.tlv?.decision?.decision !== 'afgegeven') throw conflict(`Admission to ${t.to.sector} needs a granted TLV first`);
        return;
      }
      case 'recordWarmeOverdracht':
        // Like the overdracht, the conversation about the pupil waits for the aanmelding (DOMAIN.md §1.10).
        if (isSchoolDestination(t.to.sector) && t.aanmelding === undefined) throw conflict('The warme overdracht takes place only after the aanmelding');
        if (t.warmeOverdracht !== undefined) throw conflict('The warme overdracht is already on record');
        notInFuture((body as { heldOn: string }).heldOn, 'heldOn', now);
        return;
      case 'decideArrangements':
        return this.checkContinuations(body as { arrangements: Array<{ referralId: string }> });
      case 'recordVoorschoolConsent': {
        const path = this.requireVoorschool(t);
        if (path.overdracht !== undefined) throw conflict('The voorschool overdracht has already been sent');
        if (path.consent?.complete === true) throw conflict('The parents\' consent is already on record');
        notInFuture((body as { givenOn: string }).givenOn, 'givenOn', now);
        return;
      }
      case 'recordVoorschoolOverdracht': {
        const path = this.requireVoorschool(t);
        // Like the OSO overdracht, it goes only to the school where the child is aangemeld (DOMAIN.md §1.10).
        if (t.aanmelding === undefined) throw conflict('The overdracht may go to the basisschool only after the aanmelding');
        if (path.overdracht !== undefined) throw conflict('The voorschool overdracht has already been sent');
        const overdracht = body as ReturnType<typeof voorschoolOverdrachtRequestSchema.parse>;
        notInFuture(overdracht.sentOn, 'sentOn', now);
        // The consent gate: without the parents' written consent only the VE programme and its duration pass
        // (ALWAYS_SHARED, DOMAIN-PROVIDERS.md §3.3); the form and kindvolgsysteem data may not be sent.
        if (overdracht.documents.length > 0 && path.consent?.complete !== true) {
          throw new DomainError('STAGE_CONFLICT', 'The parents have not consented in writing to the overdracht: only the VE programme and its duration may pass', [
            { field: 'documents', message: 'must be empty without the parents\' written consent (only ve passes regardless)' },
          ]);
        }
        if (path.veIndicatie && overdracht.ve === null) {
          throw new DomainError('VALIDATION_FAILED', 'Invalid request: ve: is required: a child with a VE indicatie followed a VE programme, which the voorschool must report', [
            { field: 've', message: 'is required for a child with a VE indicatie (programme and duration)' },
          ]);
        }
        return;
      }
      case 'confirmTransition': {
        const missing = this.missingForConfirmation(t);
        if (missing.length > 0) {
          throw new DomainError('STAGE_CONFLICT', `Overstap ${t.transitionId} cannot be confirmed yet: ${missing.map((m) => m.message).join('; ')}`, missing);
        }
        return;
      }
    }
  }

  private checkSchedule(command: ChildPlanCommand, body: ReturnType<typeof scheduleTransitionRequestSchema.parse>, now: Date): void {
    if (command.policy === undefined) throw new DomainError('VALIDATION_FAILED', 'An overstap needs the region\'s deadline policy');
    const current = this.current.school;
    if (current !== null && (current.brin !== body.from.brin || current.sector !== body.from.sector)) {
      throw new DomainError('VALIDATION_FAILED', `Invalid request: from: must be the child's current school (${current.brin}, ${current.sector})`, [
        { field: 'from', message: `must be the child's current school (${current.brin}, ${current.sector})` },
      ]);
    }
    if (command.actor.role === 'school' && !(command.actor.org !== undefined && body.from.brin.startsWith(command.actor.org))) {
      throw new DomainError('FORBIDDEN', 'Only the sending school (or the loket or regisseur) may schedule an overstap');
    }
    const open = this.current.transitions.find(isOpenTransition);
    if (open !== undefined) throw new DomainError('STAGE_CONFLICT', `Overstap ${open.transitionId} is still open; complete or cancel it first`);
    if (toInstant(body.startDate) <= now.getTime()) {
      throw new DomainError('VALIDATION_FAILED', 'Invalid request: startDate: must be in the future', [{ field: 'startDate', message: 'must be in the future' }]);
    }
    // Computes its terms once, so a start date beyond the calendar's data is refused here (CALENDAR_OUT_OF_RANGE).
    this.newTransition(command, body, now);
  }

  /**
   * A voorschool → PO overstap (issue 11 §5): the toddler is not at school yet, the loket (or the child's
   * regisseur) schedules it, and the school start lies on or after the fourth birthday. The overdracht term
   * is anchored to the age the region sets (voorschoolOverdracht.atAge).
   */
  private checkScheduleVoorschool(command: ChildPlanCommand, body: ReturnType<typeof scheduleVoorschoolTransitionRequestSchema.parse>, now: Date): void {
    if (command.policy === undefined) throw new DomainError('VALIDATION_FAILED', 'An overstap needs the region\'s deadline policy');
    if (command.birthDate === undefined || !CALENDAR_DATE.safeParse(command.birthDate).success) {
      throw new DomainError('STAGE_CONFLICT', 'The child\'s date of birth is not on record: record the personal details first');
    }
    if (this.current.school !== null) throw new DomainError('STAGE_CONFLICT', `This child already attends school ${this.current.school.brin}; schedule an overstap instead`);
    const open = this.current.transitions.find(isOpenTransition);
    if (open !== undefined) throw new DomainError('STAGE_CONFLICT', `Overstap ${open.transitionId} is still open; complete or cancel it first`);
    if (toInstant(body.startDate) <= now.getTime()) {
      throw new DomainError('VALIDATION_FAILED', 'Invalid request: startDate: must be in the future', [{ field: 'startDate', message: 'must be in the future' }]);
    }
    const fourth = dateAtAge(command.birthDate, SCHOOL_START_AGE);
    if (dutchDateOf(toInstant(body.startDate)) < fourth) {
      throw new DomainError('VALIDATION_FAILED', `Invalid request: startDate: a child goes to school from the fourth birthday (${fourth})`, [
        { field: 'startDate', message: `must be on or after the fourth birthday (${fourth})` },
      ]);
    }
    this.newVoorschoolTransition(command, body, now);
  }

  private requireVoorschool(t: Transition): NonNullable<Transition['voorschool']> {
    if (t.voorschool === undefined) throw new DomainError('STAGE_CONFLICT', `Overstap ${t.transitionId} does not come from a voorschool`);
    return t.voorschool;
  }

  private checkContinuations(body: { arrangements: Array<{ referralId: string }> }): void {
    const active = new Set(this.activeArrangements.map((r) => r.referralId));
    const named = new Set(body.arrangements.map((a) => a.referralId));
    const issues: FieldIssue[] = [];
    body.arrangements.forEach((a, index) => {
      if (!active.has(a.referralId)) issues.push({ field: `arrangements.${index}.referralId`, message: 'is not a running arrangement in this child\'s plan' });
    });
    for (const referralId of active) if (!named.has(referralId)) issues.push({ field: 'arrangements', message: `must say what happens to the arrangement of referral ${referralId}` });
    if (issues.length > 0) throw new DomainError('VALIDATION_FAILED', `Invalid request: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`, issues);
  }

  /** What an overstap still lacks before it can be confirmed; each item names the step that supplies it. */
  missingForConfirmation(t: Transition): FieldIssue[] {
    const missing: FieldIssue[] = [];
    if (isSchoolDestination(t.to.sector)) {
      if (t.aanmelding === undefined) missing.push({ field: 'aanmelding', message: 'the aanmelding at the receiving school is not on record' });
      if (t.admission?.outcome !== 'toegelaten') missing.push({ field: 'admission', message: 'the receiving school has not admitted the pupil' });
      if (t.voorschool !== undefined) {
        if (t.voorschool.overdracht === undefined) missing.push({ field: 'overdracht', message: 'the overdracht of the voorschool is not on record' });
      } else if (t.overdracht === undefined) missing.push({ field: 'overdracht', message: 'the overdracht (onderwijskundig rapport) is not on record' });
    }
    if (t.needsTlv) {
      const decision = t.tlv?.decision;
      if (decision?.decision !== 'afgegeven') missing.push({ field: 'tlv', message: 'no TLV has been granted' });
      else if (toInstant(decision.validUntil) <= Date.parse(t.startsAt) || toInstant(decision.validFrom) > Date.parse(t.startsAt)) {
        missing.push({ field: 'tlv', message: 'the TLV is not valid on the start date' });
      }
    }
    // From a voorschool, the conversation is needed with a VE indicatie or concerns only (DOMAIN-PROVIDERS.md §3.3).
    const warmNeeded = t.voorschool === undefined || needsWarmeOverdracht(t.voorschool);
    if (warmNeeded && t.warmeOverdracht === undefined) missing.push({ field: 'warmeOverdracht', message: 'the warme overdracht is not on record' });
    if (this.activeArrangements.length > 0 && t.arrangementContinuations === undefined) {
      missing.push({ field: 'arrangements', message: 'what happens to each running arrangement is not decided' });
    } else {
      // An arrangement approved after the continuations were decided must be decided too.
      const decided = new Set(t.arrangementContinuations?.arrangements.map((a) => a.referralId) ?? []);
      for (const r of this.activeArrangements) {
        if (!decided.has(r.referralId)) missing.push({ field: 'arrangements', message: `what happens to the arrangement of referral ${r.referralId} is not decided` });
      }
    }
    return missing;
  }

  private checkDeadlineStep(step: ChildPlanStep, command: ChildPlanCommand, body: unknown, t: Transition): void {
    const deadline = t.deadlines.find((d) => d.id === command.deadlineId);
    if (deadline === undefined) throw new DomainError('NOT_FOUND', `Deadline ${command.deadlineId ?? '(none)'} not found`);
    // The receiving board extends its own zorgplicht term; other terms are the loket's and the regisseur's.
    if (command.actor.role === 'school' && deadline.rule !== 'zorgplicht') throw new DomainError('FORBIDDEN', `A school may not change the ${deadline.rule} term`);
    if (deadline.closedAt !== undefined) throw new DomainError('STAGE_CONFLICT', `Deadline ${deadline.id} is no longer running`);
    if (step === 'pauseDeadline' && deadline.pausedAt !== undefined) throw new DomainError('STAGE_CONFLICT', `Deadline ${deadline.id} is already paused`);
    if (step === 'resumeDeadline' && deadline.pausedAt === undefined) throw new DomainError('STAGE_CONFLICT', `Deadline ${deadline.id} is not paused`);
    if (step === 'extendDeadline') {
      const term = body as { amount: number; unit: 'seconden' };
      new DeadlineClock(t.policy).checkExtension(deadline, { amount: term.amount, unit: term.unit });
    }
  }

  private applyChecked(step: ChildPlanStep, command: ChildPlanCommand, now: Date): void {
    const by = actorRef(command.actor);
    const body = parseOrThrow(STEPS[step].schema, command.body) as Record<string, unknown>;
    const ctx = { requestId: command.requestId };
    if (step === 'scheduleTransition') {
      const t = this.newTransition(command, body as ReturnType<typeof scheduleTransitionRequestSchema.parse>, now);
      this.current.transitions.push(t);
      this.record('transition.scheduled', by, now, { ...ctx, transitionId: t.transitionId }, { kind: t.kind, from: t.from, to: t.to, startDate: t.startDate, needsTlv: t.needsTlv, policyVersion: t.policy.version });
      if (t.to.brin !== undefined) {
        this.notify(t, 'overstap', t.deadlines[0] ?? null, { role: 'school', org: t.to.brin }, `Overstap ${t.transitionId} aangekondigd: leerling ${this.current.childRef} komt per ${t.startDate.slice(0, 10)} van ${t.from.sector} naar uw school (${t.to.sector}). Registreer de aanmelding zodra die binnen is.`);
      }
      return;
    }
    if (step === 'scheduleVoorschoolTransition') {
      const t = this.newVoorschoolTransition(command, body as ReturnType<typeof scheduleVoorschoolTransitionRequestSchema.parse>, now);
      this.current.transitions.push(t);
      const path = t.voorschool as NonNullable<Transition['voorschool']>;
      this.record('transition.scheduled', by, now, { ...ctx, transitionId: t.transitionId }, {
        kind: t.kind, from: t.from, to: t.to, startDate: t.startDate, needsTlv: t.needsTlv, policyVersion: t.policy.version,
        veIndicatie: path.veIndicatie, supportNeeded: path.supportNeeded, overdrachtDueOn: path.overdrachtDueOn,
      });
      const school = t.to.brin as string;
      this.notify(t, 'overstap', t.deadlines[0] ?? null, { role: 'school', org: school }, `Overstap ${t.transitionId} aangekondigd: peuter ${this.current.childRef} komt per ${t.startDate.slice(0, 10)} van de voorschool naar uw school (${t.to.sector}). Een aanmelding heeft rechtsgevolg vanaf ${path.thirdBirthday}; registreer haar zodra die binnen is.`);
      this.notify(t, 'overstap', t.deadlines[0] ?? null, this.sender(t), `Overstap ${t.transitionId} naar school ${school}: vul de overdracht in uiterlijk ${path.overdrachtDueOn} en vraag de ouders schriftelijk om toestemming.`);
      return;
    }
    if (step === 'handoverRegisseur') {
      const { toRegisseurId, reason } = body as { toRegisseurId: string; reason: string };
      const previous = this.current.regisseur as NonNullable<ChildPlanState['regisseur']>;
      const history = this.current.regisseurHistory.at(-1);
      if (history !== undefined) history.until = now.toISOString();
      this.current.regisseur = { regisseurId: toRegisseurId, from: now.toISOString(), assignedBy: by, reason };
      this.current.regisseurHistory.push({ ...this.current.regisseur });
      this.record('regisseur.handover', by, now, ctx, { from: previous.regisseurId, to: toRegisseurId, reason });
      return;
    }
    const t = this.requireTransition(this.transitionFor(step, command));
    const inT = { ...ctx, transitionId: t.transitionId };
    const recorded = { recordedBy: by, recordedAt: now.toISOString() };
    const clock = new DeadlineClock(t.policy);
    switch (step) {
      case 'recordAanmelding': {
        const aanmelding = body as { receivedOn: string; supportNeedExpected: boolean };
        const toelatingsrecht = t.mboEntry ? openingOf(aanmelding.receivedOn, now) < mboAanmeldingDeadline(t.startDate) : undefined;
        t.aanmelding = { ...aanmelding, ...recorded, ...(toelatingsrecht === undefined ? {} : { toelatingsrecht }) };
        this.closeDeadlines(t, ['mboAanmelding'], now);
        if (t.zorgplicht) this.openDeadline(t, 'zorgplicht', openingOf(aanmelding.receivedOn, now));
        this.record('transition.aanmelding', by, now, inT, { receivedOn: aanmelding.receivedOn, supportNeedExpected: aanmelding.supportNeedExpected, ...(toelatingsrecht === undefined ? {} : { toelatingsrecht }) });
        return;
      }
      case 'recordOverdracht': {
        const overdracht = body as ReturnType<typeof overdrachtRequestSchema.parse>;
        t.overdracht = { ...overdracht, ...recorded };
        this.record('transition.overdracht', by, now, inT, { documents: overdracht.documents.map((d) => ({ kind: d.kind, reference: d.reference, sentOn: d.sentOn })), parentsZienswijze: overdracht.parentsZienswijze.given });
        return;
      }
      case 'recordVoorschoolConsent': {
        const path = this.requireVoorschool(t);
        const consent = body as ReturnType<typeof voorschoolConsentRequestSchema.parse>;
        // The consent rule of libs/domain/src/consent: the parents with gezag decide (all of them, Jeugdwet art. 7.3.4).
        const requirement = consentRequiredFor('voorschoolOverdracht', ageFromThirdBirthday(path.thirdBirthday, consent.givenOn));
        const complete = isConsentComplete(requirement, { jongere: false, parentsWithGezag: consent.parentsWithGezag, parentsConsenting: consent.parentsConsenting });
        path.consent = { ...consent, ...recorded, complete };
        this.record('transition.voorschool_consent', by, now, inT, { givenOn: consent.givenOn, complete, parentsReaction: consent.parentsReaction !== undefined });
        return;
      }
      case 'recordVoorschoolOverdracht': {
        const path = this.requireVoorschool(t);
        const overdracht = body as ReturnType<typeof voorschoolOverdrachtRequestSchema.parse>;
        const shared = overdracht.documents.length > 0 ? 'volledig' : overdracht.ve !== null ? 'alleen_ve' : 'niets';
        path.overdracht = { ...overdracht, ...recorded, shared };
        this.closeDeadlines(t, ['voorschoolOverdracht'], now);
        this.record('transition.voorschool_overdracht', by, now, inT, { sentOn: overdracht.sentOn, shared, ve: overdracht.ve, documents: overdracht.documents.map((d) => ({ kind: d.kind, reference: d.reference })) });
        return;
      }
      case 'applyForTlv': {
        const { appliedOn } = body as { appliedOn: string };
        t.tlv = { appliedOn, ...recorded };
        this.openDeadline(t, 'tlvBesluit', openingOf(appliedOn, now));
        this.record('transition.tlv_applied', by, now, inT, { appliedOn });
        return;
      }
      case 'recordTlvDecision': {
        const decision = body as ReturnType<typeof tlvDecisionRequestSchema.parse>;
        t.tlv = { ...t.tlv, decision, ...recorded };
        this.closeDeadlines(t, ['tlvBesluit'], now);
        if (decision.decision === 'afgegeven') {
          // Only one TLV is valid at a time: a new one ends the re-assessment of the previous.
          for (const other of this.current.transitions) this.closeDeadlines(other, ['tlvHerbeoordeling'], now);
          const validUntil = /^\d{4}-\d{2}-\d{2}$/.test(decision.validUntil) ? endOfDutchDayOf(decision.validUntil) : toInstant(decision.validUntil);
          this.openAnchoredDeadline(t, 'tlvHerbeoordeling', now.getTime(), validUntil);
        }
        const data = decision.decision === 'afgegeven' ? { validFrom: decision.validFrom, validUntil: decision.validUntil, category: decision.category ?? null } : { reason: decision.reason };
        this.record('transition.tlv_decided', by, now, inT, { decision: decision.decision, decidedOn: decision.decidedOn, ...data });
        return;
      }
      case 'decideAdmission': {
        const decision = body as ReturnType<typeof admissionDecisionRequestSchema.parse>;
        t.admission = { ...decision, ...recorded };
        this.closeDeadlines(t, ['zorgplicht'], now);
        if (decision.outcome === 'afgewezen') {
          t.status = 'afgewezen';
          this.closeDeadlines(t, ['overstapBevestiging', 'tlvBesluit', 'mboAanmelding'], now);
          const message = `Overstap ${t.transitionId} afgewezen door de ontvangende school${decision.alternativeBrin ? `; school ${decision.alternativeBrin} laat de leerling toe` : ''}. Plan een nieuwe overstap, zodat de leerling niet thuis komt te zitten.`;
          this.notify(t, 'overstap', null, this.sender(t), message);
          this.notify(t, 'overstap', null, { role: 'loket', region: this.current.region }, message);
        }
        this.record('transition.admission', by, now, inT, { outcome: decision.outcome, decidedOn: decision.decidedOn, ...(decision.outcome === 'afgewezen' ? { reason: decision.reason, alternativeBrin: decision.alternativeBrin ?? null } : {}) });
        return;
      }
      case 'recordWarmeOverdracht': {
        const warm = body as ReturnType<typeof warmeOverdrachtRequestSchema.parse>;
        t.warmeOverdracht = { ...warm, ...recorded };
        this.record('transition.warme_overdracht', by, now, inT, { heldOn: warm.heldOn, participants: warm.participants });
        return;
      }
      case 'decideArrangements': {
        const { arrangements } = body as ReturnType<typeof arrangementContinuationRequestSchema.parse>;
        t.arrangementContinuations = { arrangements, ...recorded };
        this.record('transition.arrangements', by, now, inT, { arrangements: arrangements.map((a) => ({ referralId: a.referralId, outcome: a.outcome })) });
        return;
      }
      case 'confirmTransition': {
        const { note } = body as { note?: string };
        t.status = 'bevestigd';
        t.confirmed = { by, at: now.toISOString(), ...(note === undefined ? {} : { note }) };
        this.closeDeadlines(t, ['overstapBevestiging'], now);
        this.record('transition.confirmed', by, now, inT, { startsAt: t.startsAt });
        if (Date.parse(t.startsAt) <= now.getTime()) this.complete(t, now);
        return;
      }
      case 'cancelTransition': {
        const { reason } = body as { reason: string };
        t.status = 'geannuleerd';
        t.cancelled = { by, at: now.toISOString(), reason };
        this.closeDeadlines(t, t.deadlines.map((d) => d.rule).filter((r) => !LASTING_RULES.includes(r)), now);
        this.record('transition.cancelled', by, now, inT, { reason });
        return;
      }
      case 'pauseDeadline': {
        const deadline = this.deadlineOf(t, command.deadlineId);
        const { reason } = body as { reason: string };
        clock.pause(deadline, reason, now.getTime());
        this.record('deadline.paused', by, now, inT, { deadlineId: deadline.id, rule: deadline.rule, reason });
        return;
      }
      case 'resumeDeadline': {
        const deadline = this.deadlineOf(t, command.deadlineId);
        const pausedForMs = clock.resume(deadline, now.getTime());
        this.record('deadline.resumed', by, now, inT, { deadlineId: deadline.id, rule: deadline.rule, pausedForMs, dueAt: deadline.dueAt });
        return;
      }
      case 'extendDeadline': {
        const deadline = this.deadlineOf(t, command.deadlineId);
        const term = body as ReturnType<typeof extendDeadlineRequestSchema.parse>;
        clock.extend(deadline, { amount: term.amount, unit: term.unit });
        this.record('deadline.extended', by, now, inT, { deadlineId: deadline.id, rule: deadline.rule, amount: term.amount, unit: term.unit, reason: term.reason, dueAt: deadline.dueAt });
        return;
      }
    }
  }

  private newTransition(command: ChildPlanCommand, body: ReturnType<typeof scheduleTransitionRequestSchema.parse>, now: Date): Transition {
    const policy = command.policy as ResolvedDeadlinePolicy;
    const startsAt = toInstant(body.startDate);
    const t: Transition = {
      transitionId: `overstap-${this.current.transitions.length + 1}`,
      kind: !isSchoolDestination(body.to.sector) ? 'uitstroom' : body.to.sector === body.from.sector ? 'tussentijds' : 'overstap',
      status: 'gepland',
      from: body.from,
      to: body.to.brin === undefined ? { sector: body.to.sector } : { sector: body.to.sector, brin: body.to.brin },
      startDate: body.startDate,
      startsAt: new Date(startsAt).toISOString(),
      needsTlv: needsTlv(body.to.sector),
      zorgplicht: hasZorgplicht(body.to.sector),
      mboEntry: isMboEntry(body.from.sector, body.to.sector),
      ...(body.reason === undefined ? {} : { reason: body.reason }),
      policy,
      scheduledBy: actorRef(command.actor),
      scheduledAt: now.toISOString(),
      deadlines: [],
    };
    this.openAnchoredDeadline(t, 'overstapBevestiging', now.getTime(), startsAt);
    if (t.mboEntry) {
      const aprilFirst = mboAanmeldingDeadline(body.startDate);
      // Scheduled after 1 April: the right of admission is already lost, so there is nothing left to chase.
      if (aprilFirst > now.getTime()) this.openAnchoredDeadline(t, 'mboAanmelding', now.getTime(), aprilFirst);
    }
    return t;
  }

  private newVoorschoolTransition(command: ChildPlanCommand, body: ReturnType<typeof scheduleVoorschoolTransitionRequestSchema.parse>, now: Date): Transition {
    const policy = command.policy as ResolvedDeadlinePolicy;
    const birthDate = command.birthDate as string;
    const startsAt = toInstant(body.startDate);
    const overdrachtRule = policy.rules.voorschoolOverdracht;
    const overdrachtDueOn = dateAtAge(birthDate, overdrachtRule.atAge ?? { years: 3, months: 10 });
    const t: Transition = {
      transitionId: `overstap-${this.current.transitions.length + 1}`,
      kind: 'voorschool',
      status: 'gepland',
      from: { sector: 'voorschool', org: body.from.org, kind: body.from.kind },
      to: { sector: body.to.sector, brin: body.to.brin },
      startDate: body.startDate,
      startsAt: new Date(startsAt).toISOString(),
      needsTlv: needsTlv(body.to.sector),
      zorgplicht: hasZorgplicht(body.to.sector),
      mboEntry: false,
      policy,
      scheduledBy: actorRef(command.actor),
      scheduledAt: now.toISOString(),
      deadlines: [],
      voorschool: { veIndicatie: body.veIndicatie, supportNeeded: body.supportNeeded, thirdBirthday: dateAtAge(birthDate, AANMELD_AGE), overdrachtDueOn },
    };
    this.openAnchoredDeadline(t, 'overstapBevestiging', now.getTime(), startsAt);
    // Anchored to the end of the day the child reaches the region's age: due that day, escalating on werkdagen after.
    this.openAnchoredDeadline(t, 'voorschoolOverdracht', now.getTime(), endOfDutchDayOf(overdrachtDueOn));
    return t;
  }

  /** Who sends in an overstap: the sending school, or the voorschool organisation (a provider). */
  private sender(t: Transition): DeadlineNotice['recipient'] {
    return 'brin' in t.from ? { role: 'school', org: t.from.brin } : { role: 'provider', org: t.from.org };
  }

  /**
   * Deadline ids are unique across the plan: `<rule>-<n>`, n counting every overstap's terms of that rule,
   * including those of `t`, which is not yet in the plan while it is being scheduled.
   */
  private nextSequence(rule: DeadlineRuleId, t: Transition): number {
    const transitions = this.current.transitions.includes(t) ? this.current.transitions : [...this.current.transitions, t];
    return transitions.flatMap((each) => each.deadlines).filter((d) => d.rule === rule).length + 1;
  }

  private openDeadline(t: Transition, rule: DeadlineRuleId, openedAt: number): void {
    t.deadlines.push(new DeadlineClock(t.policy).open(rule, this.nextSequence(rule, t), openedAt));
  }

  private openAnchoredDeadline(t: Transition, rule: DeadlineRuleId, openedAt: number, anchor: number): void {
    t.deadlines.push(new DeadlineClock(t.policy).openAnchored(rule, this.nextSequence(rule, t), openedAt, anchor));
  }

  private closeDeadlines(t: Transition, rules: readonly DeadlineRuleId[], now: Date): void {
    for (const deadline of t.deadlines) if (deadline.closedAt === undefined && rules.includes(deadline.rule)) deadline.closedAt = now.toISOString();
  }

  private deadlineOf(t: Transition, id: string | undefined): RunningDeadline {
    const deadline = t.deadlines.find((d) => d.id === id);
    if (deadline === undefined) throw new DomainError('NOT_FOUND', `Deadline ${id ?? '(none)'} not found`);
    return deadline;
  }

  /** The start date of a confirmed overstap: the pupil is now at the receiving school (or has left school). */
  private complete(t: Transition, now: Date): void {
    t.status = 'afgerond';
    t.completedAt = now.toISOString();
    const last = this.current.schools.at(-1);
    if (last !== undefined && last.until === undefined) last.until = t.startsAt;
    this.current.schools.push({ sector: t.to.sector, ...(t.to.brin === undefined ? {} : { brin: t.to.brin }), from: t.startsAt, transitionId: t.transitionId });
    this.current.school = isSchoolDestination(t.to.sector) && t.to.brin !== undefined ? { brin: t.to.brin, sector: t.to.sector, since: t.startsAt } : null;
    this.closeDeadlines(t, t.deadlines.map((d) => d.rule).filter((r) => !LASTING_RULES.includes(r)), now);
    this.record('transition.completed', SYSTEM_ACTOR, now, { transitionId: t.transitionId }, {
      to: t.to,
      arrangements: t.arrangementContinuations?.arrangements.map((a) => ({ referralId: a.referralId, outcome: a.outcome })) ?? [],
    });
    for (const continuation of t.arrangementContinuations?.arrangements ?? []) {
      if (continuation.outcome === 'voortgezet') continue;
      const what = continuation.outcome === 'herbeoordeeld' ? 'herbeoordeeld op de nieuwe school' : 'beëindigd';
      this.notify(t, 'overstap', null, this.resolve(t, { role: 'regisseur', via: 'regisseur' }), `Overstap ${t.transitionId} is ingegaan: het arrangement van aanmelding ${continuation.referralId} wordt ${what}.`);
    }
  }

  private announce(t: Transition, effect: DeadlineEffect, now: Date): void {
    const { deadline } = effect;
    const dueDay = dutchDateOf(Date.parse(deadline.dueAt) - 1);
    const recipients = effect.kind === 'reminder' ? [DEADLINE_ASSIGNEE[deadline.rule]] : effect.recipients;
    const message = `${deadlineMessage(effect.kind, deadline.rule, effect.level, dueDay)} (${t.transitionId})`;
    for (const to of recipients) this.notify(t, effect.kind, deadline, this.resolve(t, to), message, effect.level);
    const type = effect.kind === 'reminder' ? 'deadline.reminder' : 'deadline.escalated';
    this.record(type, SYSTEM_ACTOR, now, { transitionId: t.transitionId }, { deadlineId: deadline.id, rule: deadline.rule, level: effect.level, dueAt: deadline.dueAt, notified: recipients.map((r) => r.role) });
  }

  private notify(t: Transition, kind: DeadlineNotice['kind'], deadline: RunningDeadline | null, recipient: DeadlineNotice['recipient'], message: string, level = 0): void {
    const fallback = t.deadlines[0];
    const about = deadline ?? fallback;
    this.notices.push({
      kind,
      deadlineId: about?.id ?? t.transitionId,
      rule: about?.rule ?? 'overstapBevestiging',
      level,
      dueAt: about?.dueAt ?? t.startsAt,
      recipient,
      message,
      transitionId: t.transitionId,
    });
  }

  /**
   * In an overstap, `school` is the sending school and `receivingSchool` the school the pupil goes to.
   * Once the overstap is afgerond, only a lasting term (tlvHerbeoordeling) still fires: `school` is then
   * the school the pupil attends now, never the former one (it lost sight of the plan).
   */
  private resolve(t: Transition, to: EscalationRecipient): DeadlineNotice['recipient'] {
    const region = { role: 'loket' as const, region: this.current.region };
    switch (to.via) {
      case 'school':
        if (t.status === 'afgerond') return this.current.school === null ? region : { role: to.role, org: this.current.school.brin };
        // From a voorschool the sender is no school: the voorschool organisation hears it as a provider.
        return 'brin' in t.from ? { role: to.role, org: t.from.brin } : this.sender(t);
      case 'receivingSchool':
        if (t.to.brin !== undefined) return { role: to.role, org: t.to.brin };
        return 'brin' in t.from ? { role: to.role, org: t.from.brin } : this.sender(t);
      case 'region':
        return { role: to.role, region: this.current.region };
      case 'regisseur':
        return this.current.regisseur === null ? region : { role: to.role, sub: this.current.regisseur.regisseurId };
      case 'provider':
        // In a voorschool → PO overstap the voorschool is the provider; a plan has no other.
        return 'brin' in t.from || t.status === 'afgerond' ? region : { role: to.role, org: t.from.org };
    }
  }

  private touch(now: Date): void {
    this.current.updatedAt = now.toISOString();
  }

  private record(type: ChildPlanEventType, actor: ActorRef, now: Date, refs: { requestId?: string | undefined; transitionId?: string; referralId?: string }, data: Record<string, unknown>): void {
    this.current.version += 1;
    this.current.updatedAt = now.toISOString();
    const event: ChildPlanEvent = { seq: this.current.version, type, at: now.toISOString(), actor, data };
    if (refs.requestId !== undefined) event.requestId = refs.requestId;
    if (refs.transitionId !== undefined) event.transitionId = refs.transitionId;
    if (refs.referralId !== undefined) event.referralId = refs.referralId;
    this.timeline.push(event);
  }
}
