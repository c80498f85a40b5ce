import { Injectable } from '@nestjs/common';
import { assertMayOnPlan, assertParticipantAge, DomainError, isParticipant, type Actor, type ChildPlanCommand, type ChildPlanState, type ChildPlanStep } from '@schakel/domain';
import type { RequestContext } from '../http/request-context';
import { stepUpdateIdFor } from '../http/step-update-id';
import { AuditRecorder } from '../audit/audit.recorder';
import { ChildAgeReader } from '../ouders/child-age.reader';
import { DeadlinePolicyProvider } from '../policy/deadline-policy.provider';
import { TemporalGateway } from '../temporal/temporal.gateway';
import { ChildBirthDateReader } from './child-birth-date.reader';
import { toChildPlanResponse, type ChildPlanResponseDto } from './dto/child-plan.response';

/** What the path names besides the child: the overstap or the deadline a step acts on. */
export interface ChildPlanTarget {
  transitionId?: string;
  deadlineId?: string;
}

/**
 * The child's plan (issue 4): read from, and changed only through, its long-lived workflow. The body of
 * a step has been parsed with the domain schema already; the workflow's Update validator decides scope,
 * role and the overstap's state against the live plan, so a refused step changes nothing.
 */
@Injectable()
export class ChildPlanService {
  constructor(
    private readonly temporal: TemporalGateway,
    private readonly policies: DeadlinePolicyProvider,
    private readonly audit: AuditRecorder,
    private readonly ages: ChildAgeReader,
    private readonly birthDates: ChildBirthDateReader,
  ) {}

  /**
   * The whole plan, for people involved in it only: everyone else gets 404, never 403, so a child's
   * existence does not leak (issue 4 §3; isInvolvedInPlan). Every read is in the audit log (issue 5 §4).
   */
  async plan(actor: Actor, childRef: string, requestId: string): Promise<ChildPlanResponseDto> {
    const state = await this.temporal.queryChildPlan(childRef);
    assertMayOnPlan(actor, state, 'view');
    // An ouder or jongere also needs the right at the child's age (ADR 0016); staff are not asked.
    if (isParticipant(actor.role)) assertParticipantAge(actor, await this.ages.ageOf(childRef));
    await this.audit.record(actor, 'plan.read', { childRef }, requestId);
    // Only after the scope check: the timeline is the plan's most detailed part.
    const events = await this.temporal.queryChildPlanEvents(childRef);
    return toChildPlanResponse(state, events);
  }

  /**
   * A human step. The command carries the actor and the request id, so every timeline entry names who
   * did it and through which request (AVG: every change attributable).
   *
   * The answer is the plan after the step, also when the step ends the caller's part in it (a refused
   * admission, a handover to another regisseur): it holds nothing the caller could not see a moment ago
   * besides their own step; their next read is a 404.
   */
  async step(step: ChildPlanStep, actor: Actor, childRef: string, target: ChildPlanTarget, body: unknown, context: RequestContext): Promise<ChildPlanResponseDto> {
    const command: ChildPlanCommand = { actor, requestId: context.requestId, body, ...target };
    if (step === 'scheduleTransition') {
      // A new overstap keeps the policy of the plan's region as it is today (issue 3 §2, ADR 0004), as a
      // new referral does; the region is the plan's, not the caller's.
      const { region } = await this.temporal.queryChildPlan(childRef);
      command.policy = this.policies.resolveFor(region);
    }
    if (step === 'scheduleVoorschoolTransition') {
      const { region } = await this.planOrStart(actor, childRef);
      command.policy = this.policies.resolveFor(region);
      // Read here and handed to the step only: the plan keeps the dates its rules need, not the date of birth.
      const birthDate = await this.birthDates.birthDateOf(childRef);
      if (birthDate !== null) command.birthDate = birthDate;
    }
    // The overstap or deadline is part of the Update id: one Idempotency-Key reused on another is another step.
    const stepKey = [step, target.transitionId, target.deadlineId].filter((part) => part !== undefined).join(':');
    const updateId = context.idempotencyKey === undefined ? undefined : stepUpdateIdFor(actor, stepKey, context.idempotencyKey);
    const state = await this.temporal.executeChildPlanStep(childRef, step, command, updateId);
    // The plan's own timeline names the actor too; the audit log keeps the step with the case's other accesses.
    await this.audit.record(actor, `plan.${step}`, { childRef }, context.requestId);
    const events = await this.temporal.queryChildPlanEvents(childRef);
    return toChildPlanResponse(state, events);
  }

  /**
   * A toddler at a voorschool usually has no plan yet: no referral started one. The loket of a region starts
   * it (the plan's region is then the loket's); anyone else gets 404 as for any plan they cannot see. Starting
   * is idempotent (USE_EXISTING), and the step's own validator still decides whether the caller may schedule.
   */
  private async planOrStart(actor: Actor, childRef: string): Promise<ChildPlanState> {
    try {
      return await this.temporal.queryChildPlan(childRef);
    } catch (error) {
      if (!(error instanceof DomainError && error.code === 'NOT_FOUND') || actor.role !== 'loket' || actor.region === undefined) throw error;
      await this.temporal.startChildPlan(childRef, actor.region);
      return this.temporal.queryChildPlan(childRef);
    }
  }
}
