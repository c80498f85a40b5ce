import { Injectable, Logger, Optional, type OnApplicationShutdown } from '@nestjs/common';
import {
  ApplicationFailure,
  Connection,
  isGrpcCancelledError,
  isGrpcDeadlineError,
  isGrpcServiceError,
  defaultGrpcRetryOptions,
  makeGrpcRetryInterceptor,
  QueryNotRegisteredError,
  ServiceError,
  ScheduleAlreadyRunning,
  ScheduleClient,
  WorkflowClient,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
  type WorkflowExecutionStatusName,
  type WorkflowHandle,
} from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { optionalTsToMs } from '@temporalio/common/lib/time';
import { temporal } from '@temporalio/proto';
import { z } from 'zod';
import { DEVELOPMENT_PAYLOAD_KEY_WARNING, encryptingDataConverter } from '@schakel/payload-crypto';
import { API_SERVICE_NAME, temporalClientInterceptors, Tracing } from '@schakel/observability';
import {
  assertMay,
  DomainError,
  isDomainErrorCode,
  ReferralMachine,
  type ChildPlanCommand,
  type ChildPlanEvent,
  type ChildPlanState,
  type ChildPlanStep,
  type ReferralAction, type ReferralCommand,
  type ReferralEvent,
  type ReferralState,
  type WachtlijstCommand,
  type WachtlijstPosition,
} from '@schakel/domain';
import {
  RETENTION_SWEEP_WORKFLOW_TYPE,
  retentionScheduleId,
  type RetentionSweepInput,
  changeWachtlijstCapacityUpdate,
  recordOverbruggingUpdate,
  wachtlijstWorkflowId,
  childPlanEventsQuery,
  childPlanStateQuery,
  childPlanStepUpdate,
  childPlanWorkflowId,
  CHILD_PLAN_WORKFLOW_TYPE,
  referralEventsQuery,
  referralStateQuery,
  referralWorkflowId,
  type ReferralUpdateResult,
  type ReferralWorkflowInput,
} from '@schakel/workflows/contracts';
import { ApiConfig } from '../config/api.config';
import { UpstreamUnavailableError } from '../errors/upstream-unavailable.error';
import { ApiMetrics } from '../metrics/api.metrics';
import { temporalCallMetricsInterceptor } from '../metrics/temporal-call-metrics.interceptor';
import { DeadlinePolicyProvider } from '../policy/deadline-policy.provider';

/** Started by type name: the API never imports workflow code, which belongs in the worker's sandbox. */
const REFERRAL_WORKFLOW_TYPE = 'referralWorkflow';

/**
 * Bounds on how long an HTTP request waits for Temporal. An Update waits for the worker to accept and
 * finish it (including the read-model projection), so it gets the longest.
 */
const START_TIMEOUT_MS = 10_000;
const QUERY_TIMEOUT_MS = 10_000;
const UPDATE_TIMEOUT_MS = 30_000;
const PROBE_TIMEOUT_MS = 3_000;

/**
 * The server lists a poller for minutes after its worker stopped. A live worker's long poll returns at
 * least every minute and it polls again at once, so a poller not seen for 90 s is taken as gone.
 */
const LIVE_POLLER_MS = 90_000;

export type ReferralUpdate = UpdateDefinition<ReferralUpdateResult, [ReferralCommand]>;

export interface ReferralExecution {
  status: WorkflowExecutionStatusName;
  startTime: Date;
  closeTime?: Date;
}

const fieldIssuesSchema = z.array(z.object({ field: z.string(), message: z.string() }));

/** What a workflow id that does not exist (or never registered its handlers) is called in a 404. */
const REFERRAL_NOT_FOUND = 'Referral not found';
const CHILD_PLAN_NOT_FOUND = 'Child plan not found';
const WACHTLIJST_NOT_FOUND = 'The wachtlijst of this aanbod is not running';

/**
 * The ONE place that talks to Temporal (DESIGN.md, "Conventions"). It starts referral workflows, sends
 * Updates to referrals and children's plans, runs Queries and translates Temporal's errors into
 * DomainErrors, so nothing above it knows about gRPC or failures.
 */
@Injectable()
export class TemporalGateway implements OnApplicationShutdown {
  private readonly connection: Connection;
  private readonly client: WorkflowClient;
  private readonly schedules: ScheduleClient;

  constructor(
    private readonly config: ApiConfig,
    private readonly policies: DeadlinePolicyProvider,
    @Optional() metrics?: ApiMetrics,
    @Optional() tracing?: Tracing,
  ) {
    // Lazy: the API boots while Temporal is still starting, and /api/health reports it until it answers.
    // Every call is counted and timed (issue 6 §5); the SDK's retry interceptor stays, after the metrics one.
    const metricsInterceptors = metrics === undefined ? [] : [temporalCallMetricsInterceptor(metrics)];
    // Address, TLS/mTLS and API key from Temporal's standard environment configuration (issue 9, api.config.ts).
    const { address, tls, apiKey, metadata } = config.temporal;
    this.connection = Connection.lazy({ address, tls, apiKey, metadata, interceptors: [...metricsInterceptors, makeGrpcRetryInterceptor(defaultGrpcRetryOptions())] });
    // Every argument, result and query answer crosses Temporal encrypted (issue 5 §3): the server and its
    // UI hold ciphertext, and only processes holding PAYLOAD_KEYS (this API, the worker) read the cases.
    const dataConverter = encryptingDataConverter(config.payloadEncryption.keyring);
    // The request's id, and with tracing on its span, travel with every start, Update and Query (issue 6 §5).
    const interceptors = temporalClientInterceptors(tracing ?? Tracing.start(undefined, API_SERVICE_NAME));
    this.client = new WorkflowClient({ connection: this.connection, namespace: config.temporal.namespace, dataConverter, interceptors });
    this.schedules = new ScheduleClient({ connection: this.connection, namespace: config.temporal.namespace, dataConverter });
    if (config.payloadEncryption.usesDevelopmentKey) {
      new Logger(TemporalGateway.name).warn(DEVELOPMENT_PAYLOAD_KEY_WARNING);
    }
  }

  /**
   * Creates the retention sweep's Schedule, or brings an existing one up to date with the policy and the
   * interval (issue 5 §5): every API instance may call this at boot, and the last one to boot wins with
   * identical settings. Overlap SKIP: a sweep still running is never doubled.
   */
  async ensureRetentionSchedule(input: RetentionSweepInput, intervalSeconds: number): Promise<string> {
    const scheduleId = retentionScheduleId(this.config.temporal.taskQueue);
    const action = {
      type: 'startWorkflow' as const,
      workflowType: RETENTION_SWEEP_WORKFLOW_TYPE,
      taskQueue: this.config.temporal.taskQueue,
      args: [input],
    };
    const spec = { intervals: [{ every: `${Math.max(intervalSeconds, 1)}s` }] };
    const state = { paused: intervalSeconds === 0, note: intervalSeconds === 0 ? 'RETENTION_SWEEP_INTERVAL=0' : 'bewaartermijnen (issue 5 §5)' };
    try {
      await this.withDeadline(START_TIMEOUT_MS, () => this.schedules.create({ scheduleId, spec, action, policies: { overlap: 'SKIP' }, state }));
    } catch (error) {
      if (!(error instanceof ScheduleAlreadyRunning)) throw this.translate(error, 'start', 'Retention schedule not found');
      await this.withDeadline(START_TIMEOUT_MS, () =>
        this.schedules.getHandle(scheduleId).update((previous) => ({ ...previous, spec, action, policies: { ...previous.policies, overlap: 'SKIP' }, state })),
      );
    }
    return scheduleId;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }

  /**
   * Starts the referral's workflow, or finds the one already started under this id: USE_EXISTING for
   * a running one, REJECT_DUPLICATE for a closed one, so an id never gets a second workflow.
   */
  async startReferral(input: ReferralWorkflowInput): Promise<void> {
    try {
      await this.withDeadline(START_TIMEOUT_MS, () =>
        this.client.start(REFERRAL_WORKFLOW_TYPE, {
          taskQueue: this.config.temporal.taskQueue,
          workflowId: referralWorkflowId(input.referralId),
          args: [input],
          workflowIdConflictPolicy: 'USE_EXISTING',
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
        }),
      );
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError) return;
      throw this.translate(error, 'start', REFERRAL_NOT_FOUND);
    }
  }

  async queryState(referralId: string): Promise<ReferralState> {
    try {
      return await this.withDeadline(QUERY_TIMEOUT_MS, () => this.referral(referralId).query(referralStateQuery));
    } catch (error) {
      throw this.translate(error, 'read', REFERRAL_NOT_FOUND);
    }
  }

  async queryEvents(referralId: string): Promise<ReferralEvent[]> {
    try {
      return await this.withDeadline(QUERY_TIMEOUT_MS, () => this.referral(referralId).query(referralEventsQuery));
    } catch (error) {
      throw this.translate(error, 'read', REFERRAL_NOT_FOUND);
    }
  }

  /**
   * Sends a human step and waits for its result. With an `updateId` Temporal deduplicates: a retried
   * request returns the first outcome instead of applying the step twice, even after the case closed.
   */
  async executeUpdate(referralId: string, update: ReferralUpdate, action: ReferralAction, command: ReferralCommand, updateId?: string): Promise<ReferralState> {
    try {
      const options = updateId === undefined ? { args: [command] as [ReferralCommand] } : { args: [command] as [ReferralCommand], updateId };
      return await this.withDeadline(UPDATE_TIMEOUT_MS, () => this.referral(referralId).executeUpdate(update, options));
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) await this.refuseIfClosed(referralId, action, command);
      throw this.translate(error, 'update', REFERRAL_NOT_FOUND);
    }
  }

  /** The plan of one child (issue 4 §3), from its long-lived workflow. */
  async queryChildPlan(childRef: string): Promise<ChildPlanState> {
    try {
      return await this.withDeadline(QUERY_TIMEOUT_MS, () => this.childPlan(childRef).query(childPlanStateQuery));
    } catch (error) {
      throw this.translate(error, 'read', CHILD_PLAN_NOT_FOUND);
    }
  }

  async queryChildPlanEvents(childRef: string): Promise<ChildPlanEvent[]> {
    try {
      return await this.withDeadline(QUERY_TIMEOUT_MS, () => this.childPlan(childRef).query(childPlanEventsQuery));
    } catch (error) {
      throw this.translate(error, 'read', CHILD_PLAN_NOT_FOUND);
    }
  }

  /**
   * A human step on a child's plan. As with referrals, an `updateId` makes a retry return the first
   * outcome. A plan only ever continues as new, never completes, so there is no closed case to tell apart
   * from an unknown one: both are 404 (the handle follows the latest run of the id).
   */
  async executeChildPlanStep(childRef: string, step: ChildPlanStep, command: ChildPlanCommand, updateId?: string): Promise<ChildPlanState> {
    try {
      const args: [ChildPlanStep, ChildPlanCommand] = [step, command];
      const options = updateId === undefined ? { args } : { args, updateId };
      return await this.withDeadline(UPDATE_TIMEOUT_MS, () => this.childPlan(childRef).executeUpdate(childPlanStepUpdate, options));
    } catch (error) {
      throw this.translate(error, 'update', CHILD_PLAN_NOT_FOUND);
    }
  }

  /**
   * Starts a child's plan that no referral has started yet (a toddler at a voorschool, issue 11 §5), or finds
   * the running one: USE_EXISTING, so two requests never start two plans. The id is the pseudonymous reference.
   */
  async startChildPlan(childRef: string, region: string): Promise<void> {
    try {
      await this.withDeadline(START_TIMEOUT_MS, () =>
        this.client.start(CHILD_PLAN_WORKFLOW_TYPE, {
          taskQueue: this.config.temporal.taskQueue,
          workflowId: childPlanWorkflowId(childRef),
          args: [{ childRef, region }],
          workflowIdConflictPolicy: 'USE_EXISTING',
        }),
      );
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError) return;
      throw this.translate(error, 'start', CHILD_PLAN_NOT_FOUND);
    }
  }

  /**
   * Passes a capacity of the catalogue on to the aanbod's running wachtlijst (issue 11 §3, ADR 0017): its own
   * `changeWachtlijstCapacity` Update, with a fixed Update id, so a retry is applied once. A list that does not
   * run is not started (nobody waits; a list starts from the catalogue's capacity when a case first joins):
   * answers false then.
   */
  async changeWachtlijstCapacity(aanbodId: string, command: WachtlijstCommand, updateId: string): Promise<boolean> {
    try {
      await this.withDeadline(UPDATE_TIMEOUT_MS, () => this.client.getHandle(wachtlijstWorkflowId(aanbodId)).executeUpdate(changeWachtlijstCapacityUpdate, { args: [command], updateId }));
      return true;
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return false;
      throw this.translate(error, 'update', WACHTLIJST_NOT_FOUND);
    }
  }

  /** Records or ends the overbruggingszorg of a case waiting on an aanbod's list (the list's own Update). */
  async recordOverbrugging(aanbodId: string, command: WachtlijstCommand, updateId?: string): Promise<WachtlijstPosition> {
    try {
      const options = updateId === undefined ? { args: [command] as [WachtlijstCommand] } : { args: [command] as [WachtlijstCommand], updateId };
      return await this.withDeadline(UPDATE_TIMEOUT_MS, () => this.client.getHandle(wachtlijstWorkflowId(aanbodId)).executeUpdate(recordOverbruggingUpdate, options));
    } catch (error) {
      throw this.translate(error, 'update', WACHTLIJST_NOT_FOUND);
    }
  }

  async describe(referralId: string): Promise<ReferralExecution> {
    try {
      const description = await this.withDeadline(QUERY_TIMEOUT_MS, () => this.referral(referralId).describe());
      const execution: ReferralExecution = { status: description.status.name, startTime: description.startTime };
      if (description.closeTime) execution.closeTime = description.closeTime;
      return execution;
    } catch (error) {
      throw this.translate(error, 'read', REFERRAL_NOT_FOUND);
    }
  }

  /** Throws unless the Temporal frontend answers (health). */
  async probeServer(): Promise<void> {
    await this.withDeadline(PROBE_TIMEOUT_MS, () => this.connection.workflowService.getSystemInfo({}));
  }

  /** How many workers poll the referral task queue; 0 means started cases would not progress (health). */
  async countLiveWorkflowPollers(): Promise<number> {
    const response = await this.withDeadline(PROBE_TIMEOUT_MS, () =>
      this.connection.workflowService.describeTaskQueue({
        namespace: this.config.temporal.namespace,
        taskQueue: { name: this.config.temporal.taskQueue, kind: temporal.api.enums.v1.TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
        taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
      }),
    );
    const seenSince = Date.now() - LIVE_POLLER_MS;
    return (response.pollers ?? []).filter((poller) => (optionalTsToMs(poller.lastAccessTime) ?? 0) >= seenSince).length;
  }

  private referral(referralId: string): WorkflowHandle {
    return this.client.getHandle(referralWorkflowId(referralId));
  }

  private childPlan(childRef: string): WorkflowHandle {
    return this.client.getHandle(childPlanWorkflowId(childRef));
  }

  private withDeadline<T>(timeoutMs: number, fn: () => Promise<T>): Promise<T> {
    return this.connection.withDeadline(Date.now() + timeoutMs, fn);
  }

  /**
   * Temporal answers an Update on a completed workflow with NOT_FOUND ("workflow execution already
   * completed"). A closed referral is a stage conflict (409) — but only for someone the access policy
   * lets take this step: outside the case's view scope 404 (its existence does not leak), inside it but
   * without the step 403, exactly as the live workflow's validator answers (issue 5 §2).
   */
  private async refuseIfClosed(referralId: string, action: ReferralAction, command: ReferralCommand): Promise<void> {
    let execution: ReferralExecution;
    try {
      execution = await this.describe(referralId);
    } catch {
      return;
    }
    if (execution.status === 'RUNNING') return;
    const state = await this.queryState(referralId);
    // Scope reads no deadline rule, so the active policy for the region serves to restore the machine.
    assertMay(command.actor, ReferralMachine.restore(state, [], this.policies.resolveFor(state.region)).scope, action);
    throw new DomainError('STAGE_CONFLICT', `The referral is closed (stage ${state.stage}); no further steps are possible`);
  }

  private translate(error: unknown, during: 'start' | 'read' | 'update', notFound: string): unknown {
    if (error instanceof DomainError) return error;
    if (error instanceof WorkflowNotFoundError) return new DomainError('NOT_FOUND', notFound);
    // A workflow that failed before it registered its handlers never became a referral or a plan.
    if (error instanceof QueryNotRegisteredError) return new DomainError('NOT_FOUND', notFound);
    if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure && isDomainErrorCode(error.cause.type)) {
      // Update validators throw the domain's code as the failure type and the field issues as details[0].
      const issues = fieldIssuesSchema.safeParse(error.cause.details?.[0]);
      return new DomainError(error.cause.type, error.cause.message, issues.success ? issues.data : []);
    }
    if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError || isGrpcDeadlineError(error) || isGrpcCancelledError(error)) {
      // A start or step may still take effect after the answer timed out; the Idempotency-Key makes a retry safe.
      const advice = during === 'read' ? '' : `; the ${during === 'start' ? 'referral may still be started' : 'step may still be applied'}: retry with the same Idempotency-Key`;
      return new UpstreamUnavailableError('temporal', `Temporal did not answer in time${advice}`, { cause: error });
    }
    if (error instanceof ServiceError && isUnavailable(error.cause)) {
      return new UpstreamUnavailableError('temporal', 'Temporal is not reachable', { cause: error });
    }
    return error;
  }
}

function isUnavailable(error: unknown): boolean {
  return isGrpcServiceError(error) && error.code === 14; // gRPC UNAVAILABLE
}
