import type { Context } from '@temporalio/activity';
import type { ActivityExecuteInput, ActivityInboundCallsInterceptor, Next } from '@temporalio/worker';
import { logContext, type LogContextFields } from '@schakel/observability';
import { loggableWorkflowId, requestIdFromHeaders } from '@schakel/workflows/contracts';

/**
 * Runs each activity inside a log context (issue 6 §5): the request id the workflow passed in the
 * `schakel-request-id` header, and the workflow, activity type and attempt. Every line the activity writes
 * (Nest loggers, the SDK's activity logger) carries them, and a Client the activity uses (a child's plan, a
 * webhook delivery) passes the request id on. A child plan's workflow id is redacted: it holds the childRef.
 */
export class ActivityLogContextInterceptor implements ActivityInboundCallsInterceptor {
  constructor(private readonly context: Context) {}

  execute(input: ActivityExecuteInput, next: Next<ActivityInboundCallsInterceptor, 'execute'>): Promise<unknown> {
    const { info } = this.context;
    const fields: LogContextFields = { activityType: info.activityType, attempt: info.attempt };
    const requestId = requestIdFromHeaders(input.headers);
    if (requestId !== undefined) fields.requestId = requestId;
    if (info.workflowExecution !== undefined) fields.workflowId = loggableWorkflowId(info.workflowExecution.workflowId);
    if (info.workflowType !== undefined) fields.workflowType = info.workflowType;
    return logContext.run(fields, () => next(input));
  }
}
