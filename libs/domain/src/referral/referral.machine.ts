import { actorRef, SYSTEM_ACTOR, type Actor, type ActorRef } from '../actor/actor';
import { DomainError } from '../errors/domain-error';
import { toInstant } from '../time/amsterdam-time';
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
} from './referral-request.schema';
import { isOpenStage, type ArrangementStatus, type ReferralStage } from './referral-stage';
import type { Arrangement, ReferralEvent, ReferralEventType, ReferralState, ReferralSummary } from './referral-state';

/** A human step as it reaches the process: who asks, under which request id, with which (unparsed) body. */
export interface ReferralCommand {
  actor: Actor;
  requestId?: string;
  body: unknown;
}

/** The steps people take on a referral, each with its actor rule, allowed stages and body schema. */
const STEPS = {
  toewijzing: { schema: toewijzingRequestSchema, action: 'toewijzing' },
  arrangement: { schema: arrangementRequestSchema, action: 'arrangement' },
  approve: { schema: approveArrangementRequestSchema, action: 'approve' },
  reject: { schema: rejectArrangementRequestSchema, action: 'reject' },
  evaluate: { schema: evaluationRequestSchema, action: 'evaluate' },
  withdraw: { schema: withdrawReferralRequestSchema, action: 'withdraw' },
} as const;
export type ReferralStep = keyof typeof STEPS;

/**
 * The referral's rules as a plain object: the workflow holds one, wires Updates to `check` (validator)
 * and `apply` (handler), and projects the events it emits. No clock reads: every change takes `now`.
 */
export class ReferralMachine {
  private constructor(
    private current: ReferralState,
    private readonly timeline: ReferralEvent[],
  ) {}

  static submit(referralId: string, region: string, actor: Actor, body: unknown, now: Date, requestId?: string): ReferralMachine {
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
      version: 0,
    };
    const machine = new ReferralMachine(state, []);
    machine.record('referral.submitted', actorRef(actor), now, requestId, {
      school: request.school,
      thuiszitter: request.thuiszitter.isThuiszitter,
    });
    return machine;
  }

  /** Restores a machine from a state that was carried over (e.g. Continue-As-New). */
  static restore(state: ReferralState, timeline: ReferralEvent[]): ReferralMachine {
    return new ReferralMachine(state, timeline);
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
      providerId: toewijzing?.providerId ?? null,
      thuiszitter: this.current.request.thuiszitter.isThuiszitter,
    };
  }

  /** The arrangement that is being drafted, decided or carried out, if any. */
  get arrangement(): Arrangement | undefined {
    const last = this.current.arrangements.at(-1);
    return last && last.status !== 'vervangen' ? last : undefined;
  }

  get arrangementStatus(): ArrangementStatus | null {
    if (this.current.stage === 'arrangement') return this.arrangement?.status === 'ter_goedkeuring' ? 'ter_goedkeuring' : 'concept';
    return this.arrangement?.status ?? null;
  }

  /**
   * Validates a step without changing anything: actor scope and role first (404/403), then the stage
   * (409), then the body (400). Update validators call this, so a refused step leaves no trace.
   */
  check(step: ReferralStep, command: ReferralCommand): void {
    assertMay(command.actor, this.scope, STEPS[step].action as ReferralAction);
    this.assertStage(step);
    parseOrThrow(STEPS[step].schema, command.body);
  }

  apply(step: ReferralStep, command: ReferralCommand, now: Date): void {
    this.check(step, command);
    const by = actorRef(command.actor);
    const { requestId } = command;
    switch (step) {
      case 'toewijzing': {
        const body = parseOrThrow(toewijzingRequestSchema, command.body);
        this.current.toewijzingen.push({ ...body, decidedBy: by, decidedAt: now.toISOString() });
        this.moveTo('arrangement');
        this.record('toewijzing.made', by, now, requestId, { route: body.route, providerId: body.providerId ?? null, regisseurId: body.regisseurId });
        return;
      }
      case 'arrangement': {
        const body = parseOrThrow(arrangementRequestSchema, command.body);
        const version = this.current.arrangements.length + 1;
        const rejected = this.arrangement;
        if (rejected) rejected.status = 'vervangen';
        this.current.arrangements.push({ ...body, version, status: 'ter_goedkeuring', submittedBy: by, submittedAt: now.toISOString() });
        this.record('arrangement.submitted', by, now, requestId, { version, kind: body.kind, startDate: body.startDate, endDate: body.endDate, evaluationDate: body.evaluationDate });
        return;
      }
      case 'approve': {
        const body = parseOrThrow(approveArrangementRequestSchema, command.body);
        const arrangement = this.decide('goedgekeurd', by, now, body.note);
        this.moveTo('uitvoering');
        this.current.evaluationDueAt = new Date(toInstant(arrangement.evaluationDate)).toISOString();
        this.record('arrangement.approved', by, now, requestId, { version: arrangement.version, evaluationDueAt: this.current.evaluationDueAt });
        return;
      }
      case 'reject': {
        const body = parseOrThrow(rejectArrangementRequestSchema, command.body);
        const arrangement = this.decide('afgewezen', by, now, body.reason);
        this.record('arrangement.rejected', by, now, requestId, { version: arrangement.version, reason: body.reason });
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
    }
  }

  /** The intake is on record: the loket's toewijzing is now awaited. */
  requestToewijzing(now: Date): void {
    if (this.current.stage !== 'gesignaleerd') return;
    this.moveTo('toewijzing');
    this.record('toewijzing.requested', SYSTEM_ACTOR, now, undefined, {});
  }

  /** The evaluation date of the running arrangement has passed (a durable timer in the workflow). */
  evaluationDue(now: Date): void {
    if (this.current.stage !== 'uitvoering') return;
    this.moveTo('evaluatie');
    this.record('evaluation.due', SYSTEM_ACTOR, now, undefined, { dueAt: this.current.evaluationDueAt ?? null });
    delete this.current.evaluationDueAt;
  }

  /** The read-model row for this referral. */
  summary(): ReferralSummary {
    const s = this.current;
    const scope = this.scope;
    return {
      referralId: s.referralId,
      stage: s.stage,
      arrangementStatus: this.arrangementStatus,
      childRef: s.request.childRef,
      schoolBrin: s.request.school.brin,
      schoolSector: s.request.school.sector,
      region: s.region,
      thuiszitter: s.request.thuiszitter.isThuiszitter,
      thuiszitterSince: s.request.thuiszitter.since ?? null,
      route: s.toewijzingen.at(-1)?.route ?? null,
      providerId: scope.providerId,
      regisseurId: scope.regisseurId,
      evaluationDueAt: s.evaluationDueAt ?? null,
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
      reject: stage === 'arrangement' && status === 'ter_goedkeuring',
      // A regisseur may evaluate before the planned date, e.g. when the arrangement clearly does not work.
      evaluate: stage === 'uitvoering' || stage === 'evaluatie',
      withdraw: isOpenStage(stage),
    };
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
  }

  private record(type: ReferralEventType, actor: ActorRef, now: Date, requestId: string | undefined, data: Record<string, unknown>): void {
    this.current.version += 1;
    this.current.updatedAt = now.toISOString();
    const event: ReferralEvent = { seq: this.current.version, type, at: now.toISOString(), actor, stage: this.current.stage, data };
    if (requestId !== undefined) event.requestId = requestId;
    this.timeline.push(event);
  }
}
