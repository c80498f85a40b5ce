import { randomUUID } from 'node:crypto';
import { Connection, WorkflowClient, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { Actor, ReferralState, ResolvedDeadlinePolicy, StartReferralRequest } from '@schakel/domain';
import { encryptingDataConverter, type PayloadKeyring } from '@schakel/payload-crypto';
import {
  approveArrangementUpdate,
  referralWorkflowId,
  submitArrangementUpdate,
  toewijzingUpdate,
  type ReferralWorkflowInput,
} from '@schakel/workflows/contracts';

/** The API starts the workflow by type name; so does the bare client, with the same options. */
const REFERRAL_WORKFLOW_TYPE = 'referralWorkflow';

/**
 * Temporal without the API: the same workflow, the same input, the same start options and the same payload
 * codec (AES-256-GCM, libs/payload-crypto) as apps/api/src/temporal/temporal.gateway.ts, so that the only
 * difference between the two sides of a comparison is the API itself (HTTP, Nest, auth, validation, audit).
 */
export class BareTemporalClient {
  private constructor(
    private readonly connection: Connection,
    readonly client: WorkflowClient,
    private readonly taskQueue: string,
  ) {}

  static async connect(options: { address: string; namespace: string; taskQueue: string; keyring: PayloadKeyring }): Promise<BareTemporalClient> {
    const connection = await Connection.connect({ address: options.address });
    const client = new WorkflowClient({ connection, namespace: options.namespace, dataConverter: encryptingDataConverter(options.keyring) });
    return new BareTemporalClient(connection, client, options.taskQueue);
  }

  /** What POST /api/referrals hands to Temporal: the body as received plus actor, region, request id and resolved policy. */
  static inputFor(actor: Actor, body: StartReferralRequest, policy: ResolvedDeadlinePolicy, referralId: string = randomUUID()): ReferralWorkflowInput {
    return { referralId, region: actor.region as string, actor, body, requestId: randomUUID(), policy };
  }

  /** One StartWorkflowExecution, with the gateway's conflict and reuse policies. */
  async start(input: ReferralWorkflowInput): Promise<void> {
    try {
      await this.client.start(REFERRAL_WORKFLOW_TYPE, {
        taskQueue: this.taskQueue,
        workflowId: referralWorkflowId(input.referralId),
        args: [input],
        workflowIdConflictPolicy: 'USE_EXISTING',
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      });
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
  }

  toewijzing(referralId: string, actor: Actor, body: unknown): Promise<ReferralState> {
    return this.update(referralId, toewijzingUpdate, actor, body);
  }

  submitArrangement(referralId: string, actor: Actor, body: unknown): Promise<ReferralState> {
    return this.update(referralId, submitArrangementUpdate, actor, body);
  }

  approve(referralId: string, actor: Actor, body: unknown = {}): Promise<ReferralState> {
    return this.update(referralId, approveArrangementUpdate, actor, body);
  }

  async close(): Promise<void> {
    await this.connection.close();
  }

  /** The command the API builds for a step: actor, a fresh request id (the API's middleware gives one per request), the body. */
  private update(referralId: string, update: typeof approveArrangementUpdate, actor: Actor, body: unknown): Promise<ReferralState> {
    return this.client.getHandle(referralWorkflowId(referralId)).executeUpdate(update, { args: [{ actor, requestId: randomUUID(), body }] });
  }
}
