import { Injectable } from '@nestjs/common';
import { Context } from '@temporalio/activity';
import { ApplicationFailure, type Client, WorkflowUpdateFailedError } from '@temporalio/client';
import { isDomainErrorCode } from '@schakel/domain';
import type { childPlanWorkflow } from '@schakel/workflows';
import {
  CHILD_PLAN_WORKFLOW_TYPE,
  childPlanWorkflowId,
  claimRegisseurUpdate,
  registerReferralSignal,
  type ChildPlanActivities,
  type ChildPlanReport,
  type RegisseurClaim,
} from '@schakel/workflows/contracts';

/**
 * How a referral reaches its child's plan (issue 4 §1). Signal-with-start: the plan exists from the
 * child's first referral, and a report to a running plan never starts a second one. The plan runs on
 * the task queue of the referral that reports, i.e. on this worker's.
 */
@Injectable()
export class ChildPlanActivitiesProvider implements ChildPlanActivities {
  constructor(
    private readonly client: Client,
    /** Continue-As-New threshold for plans this worker starts; undefined: the workflow's default. */
    private readonly historyLimit?: number,
  ) {}

  async reportToChildPlan(report: ChildPlanReport): Promise<void> {
    await this.client.workflow.signalWithStart<typeof childPlanWorkflow, [ChildPlanReport['entry']]>(CHILD_PLAN_WORKFLOW_TYPE, {
      taskQueue: Context.current().info.taskQueue,
      workflowId: childPlanWorkflowId(report.childRef),
      args: [{ childRef: report.childRef, region: report.region, ...(this.historyLimit === undefined ? {} : { historyLimit: this.historyLimit }) }],
      signal: registerReferralSignal,
      signalArgs: [report.entry],
    });
  }

  async claimChildPlanRegisseur(report: ChildPlanReport, claim: RegisseurClaim): Promise<string> {
    // The referral is on the plan before it claims, also for a referral started before plans existed.
    await this.reportToChildPlan(report);
    try {
      return await this.client.workflow.getHandle(childPlanWorkflowId(report.childRef)).executeUpdate(claimRegisseurUpdate, { args: [claim] });
    } catch (error) {
      // The plan's refusal (REGISSEUR_CONFLICT, VALIDATION_FAILED) is final: retrying cannot change the answer.
      if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure && isDomainErrorCode(error.cause.type)) {
        throw ApplicationFailure.create({ type: error.cause.type, message: error.cause.message, details: error.cause.details ?? [], nonRetryable: true });
      }
      throw error;
    }
  }
}
