import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Client, Connection, WorkflowNotFoundError } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import { NativeConnection, type Worker } from '@temporalio/worker';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import type { Actor, DeadlinePolicyFile, ReferralStage } from '@schakel/domain';
import { AanbodPlacesWriter, createReadModelDataSource, ReferralProjectionWriter } from '@schakel/persistence';
import { CHILD_PLAN_WORKFLOW_TYPE } from '@schakel/workflows/contracts';
import { encryptingDataConverter } from '@schakel/payload-crypto';
import { createNotificationActivities } from '../../worker/src/activities/notification-activities.providers';
import { ChildPlanActivitiesProvider } from '../../worker/src/activities/child-plan.activities';
import { ReferralActivitiesProvider } from '../../worker/src/activities/referral.activities';
import { WachtlijstProjectionActivitiesProvider } from '../../worker/src/activities/wachtlijst-projection.activities';
import { RetentionActivitiesProvider } from '../../worker/src/activities/retention.activities';
import { createReferralWorker } from '../../worker/src/temporal/referral-worker.factory';
import { createTestDatabase, type TestDatabase } from '../../../libs/persistence/src/test-database.test-helper';
import { loadTestWorkflowBundle } from '../../../tools/src/workflow-bundle.test-support';
import { createApiApp } from '../src/api.app';
import { DevTokenSigner, type DevTokenOptions } from '../src/auth/dev-token.signer';
import { loadApiConfig, type ApiConfig, type EnvSource } from '../src/config/api.config';

/** What the API answers, with the body typed by the caller (tests assert on its shape). */
export interface ApiResponse<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Record<string, string>;
}

type Headers = Record<string, string>;

/**
 * One end-to-end stack per spec file: a fresh database with the committed migrations, a real worker
 * on a task queue of its own against the run's Temporal dev server, and the API in-process, driven
 * through HTTP. TEMPORAL_ADDRESS and DATABASE_URL come from the jest global setup.
 */
export class ApiTestStack {
  private worker: Worker | undefined;
  private running: Promise<void> | undefined;

  private constructor(
    readonly app: INestApplication,
    readonly config: ApiConfig,
    readonly database: TestDatabase,
    readonly readModel: DataSource,
    private readonly connection: NativeConnection,
    private readonly workflowBundle: { code: string },
    private readonly signer: DevTokenSigner,
  ) {}

  /**
   * `policy` replaces the built-in national policy, as SCHAKEL_POLICY_FILE does (e.g. a test policy in seconden);
   * `env` adds to or overrides the API's variables (e.g. AUTH_MODE=oidc with a test issuer, issue 5);
   * `temporalAddress` and `databaseServerUrl` point the stack at a private Temporal server or Postgres cluster
   * instead of the run's shared ones (fault tests that stop and restart them, issue 6 §1).
   */
  static async start(
    options: { withWorker?: boolean; policy?: DeadlinePolicyFile; env?: EnvSource; temporalAddress?: string; databaseServerUrl?: string } = {},
  ): Promise<ApiTestStack> {
    const temporalAddress = options.temporalAddress ?? process.env['TEMPORAL_ADDRESS'];
    if (temporalAddress === undefined || temporalAddress === '') throw new Error('TEMPORAL_ADDRESS is not set: run the e2e tests through jest (global setup)');
    const database = await createTestDatabase(options.databaseServerUrl === undefined ? {} : { serverUrl: options.databaseServerUrl });
    const readModel = await createReadModelDataSource({ url: database.url, poolSize: 4 }).initialize();
    const policyDirectory = options.policy === undefined ? undefined : mkdtempSync(join(tmpdir(), 'schakel-e2e-policy-'));
    if (policyDirectory !== undefined) writeFileSync(join(policyDirectory, 'policy.json'), JSON.stringify(options.policy));
    const config = loadApiConfig({
      DATABASE_URL: database.url,
      TEMPORAL_ADDRESS: temporalAddress,
      TEMPORAL_NAMESPACE: process.env['TEMPORAL_NAMESPACE'] ?? 'default',
      TEMPORAL_TASK_QUEUE: `api-e2e-${randomBytes(6).toString('hex')}`,
      SCHAKEL_ENV: 'test',
      ...(policyDirectory !== undefined && { SCHAKEL_POLICY_FILE: join(policyDirectory, 'policy.json') }),
      ...options.env,
    });
    const connection = await NativeConnection.connect({ address: temporalAddress });
    let app: INestApplication;
    try {
      app = await createApiApp(config, { logger: ['error'] });
    } finally {
      // The API reads its policy file once, at boot.
      if (policyDirectory !== undefined) rmSync(policyDirectory, { recursive: true, force: true });
    }
    const stack = new ApiTestStack(app, config, database, readModel, connection, await loadTestWorkflowBundle(), new DevTokenSigner(config.auth));
    if (options.withWorker ?? true) await stack.startWorker();
    return stack;
  }

  /**
   * Makes the in-process API listen on a free loopback port and answers its base URL (http://127.0.0.1:<port>),
   * for clients that need a real socket, such as a browser (issue 8). `app.close()` in `stop()` closes it.
   */
  async listen(): Promise<string> {
    await this.app.listen(0, '127.0.0.1');
    const address = (this.app.getHttpServer() as { address(): { port: number } | string | null }).address();
    if (address === null || typeof address === 'string') throw new Error('the API is not listening on a TCP port');
    return `http://127.0.0.1:${address.port}`;
  }

  /**
   * The payload codec of this stack's API and worker (the API's PAYLOAD_KEYS, by default the development key):
   * Temporal holds only ciphertext (issue 5 §3), so a Client without it cannot read what they wrote.
   */
  get dataConverter(): DataConverter {
    return encryptingDataConverter(this.config.payloadEncryption.keyring);
  }

  /** A worker process as the product runs it: the contract's activities writing the read model. */
  async startWorker(options: { childPlanHistoryLimit?: number } = {}): Promise<void> {
    if (this.worker !== undefined) throw new Error('worker already running');
    const activities = new ReferralActivitiesProvider(new ReferralProjectionWriter(this.readModel));
    // Webhook receivers in tests listen on 127.0.0.1, hence plain http.
    const client = new Client({ connection: this.connection, namespace: this.config.temporal.namespace, dataConverter: this.dataConverter });
    const notificationActivities = createNotificationActivities({ dataSource: this.readModel, client, taskQueue: this.config.temporal.taskQueue, allowLoopbackHttp: true });
    this.worker = await createReferralWorker({
      connection: this.connection,
      namespace: this.config.temporal.namespace,
      taskQueue: this.config.temporal.taskQueue,
      dataConverter: this.dataConverter,
      activities,
      notificationActivities,
      retentionActivities: new RetentionActivitiesProvider(this.readModel),
      wachtlijstProjection: new WachtlijstProjectionActivitiesProvider(this.readModel),
      childPlanActivities: new ChildPlanActivitiesProvider(client, options.childPlanHistoryLimit),
      aanbodPlaces: new AanbodPlacesWriter(this.readModel),
      workflowBundle: this.workflowBundle,
    });
    this.running = this.worker.run();
  }

  async stopWorker(): Promise<void> {
    if (this.worker === undefined) return;
    if (this.worker.getState() === 'RUNNING') this.worker.shutdown();
    await this.running;
    this.worker = undefined;
    this.running = undefined;
  }

  async stop(): Promise<void> {
    await this.app.close();
    await this.stopWorker();
    await this.terminateChildPlans();
    await this.connection.close();
    if (this.readModel.isInitialized) await this.readModel.destroy();
    await this.database.drop();
  }

  /**
   * A child's plan is one workflow per child on the whole dev server (`child-<ref>`, issue 4), started on
   * the task queue of the referral that opened it, and the fixtures share child references across spec
   * files. A plan left running on this stack's queue, whose worker has stopped, would swallow the next
   * stack's referrals (their toewijzing waits for a regisseur claim nobody answers), so it ends with the
   * stack: its latest run, should it have continued as new, and only after the worker stopped (whose
   * referrals would otherwise start it again). Visibility is eventually consistent, but a plan opened
   * during a test is listed by now.
   */
  private async terminateChildPlans(): Promise<void> {
    const client = new Client({ connection: this.connection, namespace: this.config.temporal.namespace, dataConverter: this.dataConverter });
    const query = `TaskQueue = '${this.config.temporal.taskQueue}' AND WorkflowType = '${CHILD_PLAN_WORKFLOW_TYPE}' AND ExecutionStatus = 'Running'`;
    for await (const execution of client.workflow.list({ query })) {
      await client.workflow
        .getHandle(execution.workflowId)
        .terminate('end-to-end test stack stopped')
        .catch((error: unknown) => {
          if (!(error instanceof WorkflowNotFoundError)) throw error;
        });
    }
  }

  token(actor: Actor, options?: DevTokenOptions): Promise<string> {
    return this.signer.sign(actor, options);
  }

  /** Calls the API as `actor` (null: no Authorization header). */
  as(actor: Actor | null): ApiCaller {
    return new ApiCaller(this.app, actor === null ? Promise.resolve(undefined) : this.token(actor));
  }

  /** Calls the API with a raw Authorization header value. */
  withAuthorization(value: string): ApiCaller {
    return new ApiCaller(this.app, Promise.resolve(value), true);
  }

  /** Number of workflow executions started on this stack's task queue (visibility is eventually consistent). */
  async countWorkflows(referralId?: string): Promise<number> {
    return this.countExecutions(referralId === undefined ? undefined : `referral-${referralId}`);
  }

  /** Runs of one workflow id on this stack's queue (a plan that continued as new has more than one). */
  async countExecutions(workflowId?: string): Promise<number> {
    const connection = await Connection.connect({ address: this.config.temporal.address });
    try {
      const client = new Client({ connection, namespace: this.config.temporal.namespace, dataConverter: this.dataConverter });
      const byId = workflowId === undefined ? '' : ` AND WorkflowId = '${workflowId}'`;
      const { count } = await client.workflow.count(`TaskQueue = '${this.config.temporal.taskQueue}'${byId}`);
      return count;
    } finally {
      await connection.close();
    }
  }
}

export class ApiCaller {
  constructor(
    private readonly app: INestApplication,
    private readonly token: Promise<string | undefined>,
    private readonly raw = false,
  ) {}

  get<T = Record<string, unknown>>(path: string, headers: Headers = {}): Promise<ApiResponse<T>> {
    return this.send<T>('GET', path, undefined, headers);
  }

  post<T = Record<string, unknown>>(path: string, body: unknown, headers: Headers = {}): Promise<ApiResponse<T>> {
    return this.send<T>('POST', path, body, headers);
  }

  put<T = Record<string, unknown>>(path: string, body: unknown, headers: Headers = {}): Promise<ApiResponse<T>> {
    return this.send<T>('PUT', path, body, headers);
  }

  patch<T = Record<string, unknown>>(path: string, body: unknown, headers: Headers = {}): Promise<ApiResponse<T>> {
    return this.send<T>('PATCH', path, body, headers);
  }

  /** A POST whose body is sent as given (e.g. malformed JSON). */
  postRaw<T = Record<string, unknown>>(path: string, rawBody: string, headers: Headers = {}): Promise<ApiResponse<T>> {
    return this.send<T>('POST', path, rawBody, { 'Content-Type': 'application/json', ...headers }, true);
  }

  private async send<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH', path: string, body: unknown, headers: Headers, rawBody = false): Promise<ApiResponse<T>> {
    const token = await this.token;
    const server = this.app.getHttpServer() as Parameters<typeof request>[0];
    let call = method === 'GET' ? request(server).get(path) : method === 'PUT' ? request(server).put(path) : method === 'PATCH' ? request(server).patch(path) : request(server).post(path);
    if (token !== undefined) call = call.set('Authorization', this.raw ? token : `Bearer ${token}`);
    for (const [name, value] of Object.entries(headers)) call = call.set(name, value);
    if (body !== undefined) call = rawBody ? call.send(body as string) : call.send(body as object);
    const response = await call;
    return { status: response.status, body: response.body as T, headers: response.headers as Record<string, string> };
  }
}

export { eventually } from '../../../tools/src/eventually.test-support';

/** A moment `seconds` from now as an ISO instant with offset: a short evaluation term for tests. */
export function secondsFromNow(seconds: number): string {
  return new Date(Date.now() + seconds * 1000).toISOString();
}

export interface ReferralStateBody {
  referralId: string;
  stage: ReferralStage;
  version: number;
  evaluationDueAt?: string;
  closedAt?: string;
  arrangements: Array<{ version: number; status: string; endDate: string; evaluationDate: string }>;
  evaluations: Array<{ outcome: string }>;
  toewijzingen: Array<{ regisseurId: string; route: string }>;
  withdrawal?: { reason: string };
}

export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  issues?: Array<{ field: string; message: string }>;
  requestId: string;
}

export interface TimelineBody {
  referralId: string;
  items: Array<{ seq: number; type: string; at: string; actor: { sub: string; role: string; org?: string }; requestId: string | null; stage: ReferralStage; data: Record<string, unknown> }>;
}

export interface ListBody {
  items: Array<{ referralId: string; stage: ReferralStage; school: { brin: string }; regisseurId: string | null; createdAt: string }>;
  nextCursor: string | null;
}
