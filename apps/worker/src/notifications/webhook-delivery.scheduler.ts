import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { webhookDeliveryWorkflow } from '@schakel/workflows';
import {
  WEBHOOK_DELIVERY_WORKFLOW_TYPE,
  webhookDeliveryWorkflowId,
  type WebhookDeliveryWorkflowInput,
  type WebhookRetrySchedule,
} from '@schakel/workflows/contracts';

export interface WebhookDeliverySchedulerOptions {
  /** The worker's own task queue: the delivery workflow and its activities run on the same worker. */
  taskQueue: string;
  /** Default: the contract's DEFAULT_WEBHOOK_RETRY_SCHEDULE (a day); tests pass seconds. */
  retry?: WebhookRetrySchedule;
}

/** Starts one durable delivery workflow per webhook delivery, at most once per delivery. */
export class WebhookDeliveryScheduler {
  constructor(
    private readonly client: Client,
    private readonly options: WebhookDeliverySchedulerOptions,
  ) {}

  /**
   * Idempotent: the workflow id is the delivery's, USE_EXISTING joins a running one and
   * REJECT_DUPLICATE refuses to start a finished one again, so a retried activity never starts a
   * second delivery (and never re-sends a completed one).
   */
  async start(deliveryId: string): Promise<void> {
    const input: WebhookDeliveryWorkflowInput = this.options.retry === undefined ? { deliveryId } : { deliveryId, retry: this.options.retry };
    try {
      // Started by type name: the workflow code itself belongs in the worker's sandbox.
      await this.client.workflow.start<typeof webhookDeliveryWorkflow>(WEBHOOK_DELIVERY_WORKFLOW_TYPE, {
        taskQueue: this.options.taskQueue,
        workflowId: webhookDeliveryWorkflowId(deliveryId),
        args: [input],
        workflowIdConflictPolicy: 'USE_EXISTING',
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      });
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError) return;
      throw error;
    }
  }
}
