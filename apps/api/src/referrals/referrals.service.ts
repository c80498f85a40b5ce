import { Injectable } from '@nestjs/common';
import {
  actorRef,
  assertMay,
  assertParticipantAge,
  isParticipant,
  referralActionOf,
  DomainError,
  ReferralMachine,
  type Actor,
  type ReferralScope,
  type ReferralState,
  type ReferralStep,
  type StartReferralRequest,
  type ToewijzingPlacement,
  type ToewijzingRequest,
  type OverbruggingForm,
  type ConsentContext,
} from '@schakel/domain';
import type { CaseEventEntity, ReferralEntity } from '@schakel/persistence';
import {
  approveArrangementUpdate,
  extendDeadlineUpdate,
  pauseDeadlineUpdate,
  recordEvaluationUpdate,
  rejectArrangementUpdate,
  reportThuiszitterUpdate,
  resumeDeadlineUpdate,
  submitArrangementUpdate,
  toewijzingUpdate,
  withdrawReferralUpdate,
  toestemmingUpdate,
  recordPaperToestemmingUpdate,
  zienswijzeUpdate,
} from '@schakel/workflows/contracts';
import { ConsentContextReader } from './consent-context.reader';
import { UpstreamUnavailableError } from '../errors/upstream-unavailable.error';
import type { RequestContext } from '../http/request-context';
import { stepUpdateIdFor } from '../http/step-update-id';
import { AuditRecorder } from '../audit/audit.recorder';
import { ChildAgeReader } from '../ouders/child-age.reader';
import { DeadlinePolicyProvider } from '../policy/deadline-policy.provider';
import { TemporalGateway, type ReferralUpdate } from '../temporal/temporal.gateway';
import type { ListReferralsRequestDto } from './dto/list-referrals.request';
import type { OverbruggingResponseDto } from './dto/overbrugging.response';
import {
  referralLinks,
  toReferralStateResponse,
  type CaseEventListResponseDto,
  type ReferralListItemDto,
  type ReferralListResponseDto,
  type ReferralStateResponseDto,
  type StartReferralResponseDto,
} from './dto/referral.response';
import { encodeReferralCursor } from './referral-list.cursor';
import { referralIdFor } from './referral-id.generator';
import { ReferralsRepository, type ReferralIntake } from './referrals.repository';
import { ToewijzingPlacementReader } from './toewijzing-placement.reader';

/** Which Update carries each human step (the contract's wire names). */
const STEP_UPDATES: Record<ReferralStep, ReferralUpdate> = {
  toewijzing: toewijzingUpdate,
  arrangement: submitArrangementUpdate,
  approve: approveArrangementUpdate,
  reject: rejectArrangementUpdate,
  evaluate: recordEvaluationUpdate,
  withdraw: withdrawReferralUpdate,
  pauseDeadline: pauseDeadlineUpdate,
  resumeDeadline: resumeDeadlineUpdate,
  extendDeadline: extendDeadlineUpdate,
  reportThuiszitter: reportThuiszitterUpdate,
  toestemming: toestemmingUpdate,
  paperToestemming: recordPaperToestemmingUpdate,
  zienswijze: zienswijzeUpdate,
};

/**
 * Steps whose outcome depends on the child's age and parents with gezag on the day (ADR 0019): a toewijzing or an
 * arrangement may open a consent gate, and an answer is judged by the age rule of that day.
 */
const CONSENT_STEPS: readonly ReferralStep[] = ['toewijzing', 'arrangement', 'toestemming', 'paperToestemming'];

/** The steps on one running deadline: the path names the deadline, the workflow's command carries it. */
export type DeadlineStep = Extract<ReferralStep, 'pauseDeadline' | 'resumeDeadline' | 'extendDeadline'>;

/**
 * How long POST /api/referrals waits for the intake to be on record (the workflow projects it, then
 * moves to stage toewijzing), so the work list shows the new case right after the 201. If the worker
 * is slow the answer comes anyway, with the stage the case has reached.
 */
const INTAKE_WAIT_MS = 5_000;

export interface StartedReferral {
  /** false when an Idempotency-Key led to a referral that an earlier request started. */
  created: boolean;
  response: StartReferralResponseDto;
}

@Injectable()
export class ReferralsService {
  constructor(
    private readonly temporal: TemporalGateway,
    private readonly repository: ReferralsRepository,
    private readonly policies: DeadlinePolicyProvider,
    private readonly audit: AuditRecorder,
    private readonly ages: ChildAgeReader,
    private readonly placements: ToewijzingPlacementReader,
    private readonly consents: ConsentContextReader,
  ) {}

  async start(actor: Actor, body: StartReferralRequest, context: RequestContext): Promise<StartedReferral> {
    if (actor.org === undefined || actor.region === undefined) {
      throw new DomainError('FORBIDDEN', 'A school token must name the school (org) and its samenwerkingsverband (region) to start a referral');
    }
    const referralId = referralIdFor(actor, context.idempotencyKey);
    // A dry run of the workflow's own first step (role, own BRIN, body, dates): a request the workflow
    // would refuse must never start one, because a workflow that fails at birth is a case nobody sees.
    // The policy is resolved here, once: the case keeps this version for life (ADR 0004).
    const policy = this.policies.resolveFor(actor.region);
    ReferralMachine.submit(referralId, actor.region, actor, body, new Date(), policy, context.requestId);

    const input = { referralId, region: actor.region, actor, body, requestId: context.requestId, policy };
    await this.temporal.startReferral(input);
    const deadline = Date.now() + INTAKE_WAIT_MS;
    const intake = (await this.awaitIntakeOnRecord(referralId, deadline)) ?? (await this.awaitIntake(referralId, deadline));
    const created = intake.submittedRequestId === undefined ? await this.startedBy(referralId, context.requestId) : intake.submittedRequestId === context.requestId;
    // Only a repeated Idempotency-Key needs the workflow's copy of the request, to tell a retry from a reuse.
    if (!created && canonicalJson((await this.temporal.queryState(referralId)).request) !== canonicalJson(body)) {
      throw new DomainError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used for a different referral request; use a new key');
    }
    return { created, response: { referralId, stage: intake.stage, links: referralLinks(referralId) } };
  }

  /** The live state from the workflow; a case outside the caller's scope does not exist for them. */
  async get(actor: Actor, referralId: string, requestId: string): Promise<ReferralStateResponseDto> {
    const state = await this.temporal.queryState(referralId);
    const machine = this.restore(state);
    assertMay(actor, machine.scope, 'view');
    await this.assertParticipantAge(actor, state.request.childRef);
    await this.audit.record(actor, 'referral.read', { referralIds: [referralId], childRef: state.request.childRef }, requestId);
    return toReferralStateResponse(state, machine.summary());
  }

  async list(actor: Actor, query: ListReferralsRequestDto, requestId: string): Promise<ReferralListResponseDto> {
    const filter = {
      limit: query.limit,
      ...(query.stage !== undefined && { stage: query.stage }),
      ...(query.school !== undefined && { schoolBrin: query.school }),
      ...(query.regisseur !== undefined && { regisseurId: query.regisseur }),
      ...(query.overdue === true && { overdue: true }),
      ...(query.cursor !== undefined && { after: query.cursor }),
    };
    const page = await this.repository.list(actor, filter);
    // A work-list page shows each case's codes and child reference: one entry per case listed.
    if (page.rows.length > 0) await this.audit.record(actor, 'referral.listed', { referralIds: page.rows.map((row) => row.id) }, requestId);
    return { items: page.rows.map(toListItem), nextCursor: page.next ? encodeReferralCursor(page.next) : null };
  }

  /** The case's timeline from the read model; scope is checked on the referral's row first. */
  async timeline(actor: Actor, referralId: string, requestId: string): Promise<CaseEventListResponseDto> {
    const row = await this.repository.findById(referralId);
    if (row === null) throw new DomainError('NOT_FOUND', 'Referral not found');
    assertMay(actor, scopeOf(row), 'view');
    await this.assertParticipantAge(actor, row.childRef);
    await this.audit.record(actor, 'referral.events.read', { referralIds: [referralId], childRef: row.childRef }, requestId);
    const events = await this.repository.timelineOf(referralId);
    return { referralId, items: events.map(toCaseEvent) };
  }

  /**
   * A human step. The body was parsed with the domain schema already; the workflow's Update validator
   * checks scope, assignee and stage against the live state, so a refused step changes nothing.
   */
  async step(step: ReferralStep, actor: Actor, referralId: string, body: unknown, context: RequestContext): Promise<ReferralStateResponseDto> {
    return this.send(step, step, actor, referralId, body, context);
  }

  /**
   * A zienswijze on the arrangement awaiting approval (issue 11 §6): only the parents or the young person whom the
   * child's age gives a say (ADR 0016: parents until 16, the child from 12), checked here before the workflow
   * decides scope (404 for another child) and stage. The text is written into the case, never into a log.
   */
  async zienswijze(actor: Actor, referralId: string, body: unknown, context: RequestContext): Promise<ReferralStateResponseDto> {
    const childRef = await this.childRefOf(actor, referralId, 'zienswijze');
    await this.assertParticipantAge(actor, childRef);
    return this.send('zienswijze', 'zienswijze', actor, referralId, body, context);
  }

  /**
   * The toewijzing (issue 11 §2). Naming an aanbod of the catalogue: it is looked up first (unknown 404, retired
   * 400, both naming `aanbodId`) and its snapshot travels with the step, for the workflow's validator to judge the
   * fit and for the aanbod's wachtlijst to decide the place. A free-text providerId alone still works as before.
   */
  async toewijzing(actor: Actor, referralId: string, body: ToewijzingRequest, context: RequestContext): Promise<ReferralStateResponseDto> {
    const placement = body.aanbodId === undefined ? undefined : await this.placements.placementFor(referralId, body.aanbodId);
    return this.send('toewijzing', 'toewijzing', actor, referralId, body, context, placement);
  }

  /**
   * The case's child, for the consent context and the participant's age, after the same access check the workflow's
   * validator makes for the step (404 outside the case's view, 403 without the step), so nothing about another
   * child is looked up. The read model has it; a case not yet projected is asked of the workflow.
   */
  private async childRefOf(actor: Actor, referralId: string, action: ReturnType<typeof referralActionOf>): Promise<string> {
    const row = await this.repository.findById(referralId);
    if (row !== null) {
      assertMay(actor, scopeOf(row), action);
      return row.childRef;
    }
    const state = await this.temporal.queryState(referralId);
    assertMay(actor, this.restore(state).scope, action);
    return state.request.childRef;
  }

  /**
   * A step on one deadline (opschorten, hervatten, verlengen). The workflow's command is the body plus
   * the deadline id from the path; the validator decides scope, stage and what the rule allows.
   */
  deadlineStep(step: DeadlineStep, actor: Actor, referralId: string, deadlineId: string, body: object, context: RequestContext): Promise<ReferralStateResponseDto> {
    // The deadline is part of the update id: one Idempotency-Key reused on another deadline is another step.
    return this.send(step, `${step}:${deadlineId}`, actor, referralId, { ...body, deadlineId }, context);
  }

  /**
   * Records (`form`) or ends (`null`) the overbruggingszorg of a case that waits for a place (issue 11 §4): the
   * loket of the region or the case's regisseur (ACCESS_POLICY 'referral.overbrugging': 404 outside the case's view
   * scope, 403 without the step), only in `wacht_op_plaats` (409 STAGE_CONFLICT otherwise), forwarded to the list
   * the case waits on as its `recordOverbrugging` Update, which moves the case's waiting norm. With an
   * Idempotency-Key the Update id is fixed, so a retry answers the first outcome; audited after it landed.
   */
  async overbrugging(actor: Actor, referralId: string, form: OverbruggingForm | null, context: RequestContext): Promise<OverbruggingResponseDto> {
    const state = await this.temporal.queryState(referralId);
    assertMay(actor, this.restore(state).scope, 'overbrugging');
    const place = state.stage === 'wacht_op_plaats' ? state.toewijzingen.at(-1)?.place : undefined;
    if (place === undefined || place.status !== 'wachtend') {
      throw new DomainError('STAGE_CONFLICT', `Overbrugging is recorded while the case waits for a place (stage wacht_op_plaats); the case is in stage ${state.stage}`);
    }
    const step = form === null ? 'overbrugging.end' : 'overbrugging';
    // The referral is part of the key: one Idempotency-Key reused on another case of the same list is another step.
    const updateId = context.idempotencyKey === undefined ? undefined : stepUpdateIdFor(actor, `${step}:${referralId}`, context.idempotencyKey);
    let position;
    try {
      const command = { actor: actorRef(actor), requestId: context.requestId, body: { referralId, overbrugging: form } };
      position = await this.temporal.recordOverbrugging(place.aanbodId, command, updateId);
    } catch (error) {
      // Admitted or off the list between the read and the step: no longer waiting, whatever the list calls it.
      if (error instanceof DomainError && error.code === 'NOT_FOUND') {
        throw new DomainError('STAGE_CONFLICT', 'The case is no longer waiting on the wachtlijst of its aanbod; read it again');
      }
      throw error;
    }
    await this.audit.record(actor, `referral.${step}`, { referralIds: [referralId], childRef: state.request.childRef, aanbodId: place.aanbodId }, context.requestId);
    return {
      referralId,
      aanbodId: place.aanbodId,
      overbrugging: form,
      status: position.status,
      position: position.position ?? null,
      waiting: position.waiting,
      freePlaces: position.freePlaces,
    };
  }

  private async send(
    step: ReferralStep,
    stepKey: string,
    actor: Actor,
    referralId: string,
    body: unknown,
    context: RequestContext,
    placement?: ToewijzingPlacement,
  ): Promise<ReferralStateResponseDto> {
    const consent: ConsentContext | undefined = CONSENT_STEPS.includes(step) ? await this.consents.contextOf(await this.childRefOf(actor, referralId, referralActionOf(step))) : undefined;
    const command = { actor, requestId: context.requestId, body, ...(placement === undefined ? {} : { placement }), ...(consent === undefined ? {} : { consent }) };
    const updateId = context.idempotencyKey === undefined ? undefined : stepUpdateIdFor(actor, stepKey, context.idempotencyKey);
    const state = await this.temporal.executeUpdate(referralId, STEP_UPDATES[step], referralActionOf(step), command, updateId);
    return toReferralStateResponse(state, this.restore(state).summary());
  }

  /** An ouder or jongere also needs the right at the child's age (ADR 0016); staff are not asked. */
  private async assertParticipantAge(actor: Actor, childRef: string): Promise<void> {
    if (isParticipant(actor.role)) assertParticipantAge(actor, await this.ages.ageOf(childRef));
  }

  /**
   * The domain's view of a live state, for its scope and summary figures. Neither reads the deadline
   * rules, so the policy given here (the active one for the case's region) changes nothing about them.
   */
  private restore(state: ReferralState): ReferralMachine {
    return ReferralMachine.restore(state, [], this.policies.resolveFor(state.region));
  }

  /**
   * Waits until the intake is in the read model, which is what the 201 promises (the work list shows the case).
   * A primary-key lookup in Postgres every 10-100 ms: polling the workflow's state Query instead cost a Query task
   * on the worker and a round trip through Temporal per poll, about a quarter of all worker CPU per start
   * (docs/performance.md, issue 7 §3). Undefined when the row did not come in time or Postgres did not answer:
   * then the workflow itself is asked, as before.
   */
  private async awaitIntakeOnRecord(referralId: string, deadline: number): Promise<ReferralIntake | undefined> {
    let pause = 10;
    for (;;) {
      let intake;
      try {
        intake = await this.repository.intakeOf(referralId);
      } catch {
        return undefined;
      }
      if (intake !== null && intake.stage !== 'gesignaleerd') return intake;
      if (Date.now() + pause > deadline) return undefined;
      await new Promise((resolve) => setTimeout(resolve, pause));
      pause = Math.min(Math.round(pause * 1.5), 100);
    }
  }

  /** The intake from the workflow: its live stage once the intake is done, or at the deadline whatever it is. */
  private async awaitIntake(referralId: string, deadline: number): Promise<ReferralIntake> {
    let pause = 25;
    for (;;) {
      const state = await this.temporal.queryState(referralId);
      if (state.stage !== 'gesignaleerd' || Date.now() + pause > deadline) return { stage: state.stage, submittedRequestId: undefined };
      await new Promise((resolve) => setTimeout(resolve, pause));
      pause = Math.min(pause * 2, 500);
    }
  }

  /** Whether this request started the workflow: its first timeline event carries the starting request's id. */
  private async startedBy(referralId: string, requestId: string): Promise<boolean> {
    const [submitted] = await this.temporal.queryEvents(referralId);
    if (submitted === undefined) throw new UpstreamUnavailableError('temporal', 'The referral workflow has not recorded its intake yet');
    return submitted.requestId === requestId;
  }
}

function scopeOf(row: ReferralEntity): ReferralScope {
  return { schoolBrin: row.schoolBrin, region: row.region, regisseurId: row.regisseurId, providerId: row.providerId, thuiszitter: row.thuiszitter, childRef: row.childRef };
}

function toListItem(row: ReferralEntity): ReferralListItemDto {
  return {
    referralId: row.id,
    stage: row.stage,
    arrangementStatus: row.arrangementStatus,
    childRef: row.childRef,
    school: { brin: row.schoolBrin, sector: row.schoolSector },
    region: row.region,
    thuiszitter: row.thuiszitter,
    thuiszitterSince: row.thuiszitterSince,
    route: row.route,
    providerId: row.providerId,
    regisseurId: row.regisseurId,
    evaluationDueAt: row.evaluationDueAt?.toISOString() ?? null,
    policyVersion: row.policyVersion,
    escalationLevel: row.escalationLevel,
    overdueSince: row.overdueSince?.toISOString() ?? null,
    nextDueAt: row.nextDueAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    closedAt: row.closedAt?.toISOString() ?? null,
    version: row.version,
    links: referralLinks(row.id),
  };
}

function toCaseEvent(event: CaseEventEntity): CaseEventListResponseDto['items'][number] {
  const actor = event.actorOrg === null ? { sub: event.actorSub, role: event.actorRole } : { sub: event.actorSub, role: event.actorRole, org: event.actorOrg };
  return { seq: event.seq, type: event.type, at: event.occurredAt.toISOString(), actor, requestId: event.requestId, stage: event.stage, data: event.data };
}

/** JSON with sorted keys, to compare a repeated request with the one stored under its Idempotency-Key. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}
