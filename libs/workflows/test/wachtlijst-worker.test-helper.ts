import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Worker } from '@temporalio/worker';
import type { WachtlijstAdmission, WachtlijstLapse } from '@schakel/domain';
import { trackChild } from '../../../tools/src/child.registry';
import { killChildrenOnExit } from '../../../tools/src/exit-cleanup';
import { forEachLine, OutputTail } from '../../../tools/src/output-lines';
import { exitOf } from '../../../tools/src/process-exit';
import { killGroupNow } from '../../../tools/src/process-group.stopper';
import type { WorkflowSpecServer } from '../../../tools/src/workflow-spec.test-support';
import type { NotificationInput } from '../src/notification/notification.contract';
import type { WachtlijstAdmissionOutcome, WachtlijstProjection } from '../src/wachtlijst/wachtlijst.contract';

/**
 * The referral side of an admission, standing in at the contract's activity interface: it keeps every
 * admission it was told, keyed by admissionId as the referral's Update id is, so a retry is seen as one.
 */
export class FakeReferrals {
  /** Every call, retries included. */
  readonly calls: WachtlijstAdmission[] = [];
  /** admissionId → referralId of the admissions taken (each id once). */
  readonly admitted = new Map<string, string>();
  /** Referrals that closed meanwhile: they answer `gone`. */
  readonly gone = new Set<string>();

  /** Calls answering now, and the most there ever were at once. */
  inFlight = 0;
  maxInFlight = 0;
  /** While held, every call waits for release(): a referral busy with its own read model. */
  private held: Array<() => void> | undefined;

  async admitFromWachtlijst(admission: WachtlijstAdmission): Promise<WachtlijstAdmissionOutcome> {
    this.calls.push(admission);
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      const held = this.held;
      if (held !== undefined) await new Promise<void>((resolve) => held.push(resolve));
      if (this.gone.has(admission.referralId)) return 'gone';
      if (!this.admitted.has(admission.admissionId)) this.admitted.set(admission.admissionId, admission.referralId);
      return 'confirmed';
    } finally {
      this.inFlight -= 1;
    }
  }

  /** Every lapse told, retries included. */
  readonly lapses: WachtlijstLapse[] = [];

  async tellWachtlijstLapsed(lapse: WachtlijstLapse): Promise<WachtlijstAdmissionOutcome> {
    this.lapses.push(lapse);
    return this.gone.has(lapse.referralId) ? 'gone' : 'confirmed';
  }

  hold(): void {
    this.held = [];
  }

  /** Lets every waiting call answer, and the calls after them answer at once. */
  release(): void {
    const held = this.held ?? [];
    this.held = undefined;
    for (const resolve of held) resolve();
  }

  /** The referrals that got a place, in the order they were told. */
  get admittedReferrals(): string[] {
    return [...this.admitted.values()];
  }
}

/** A worker for the wachtlijst workflow with its activities standing in at the contract (CONVENTIONS.md 7). */
export async function createWachtlijstTestWorker(
  { nativeConnection, workflowBundle, dataConverter }: Pick<WorkflowSpecServer, 'nativeConnection' | 'workflowBundle' | 'dataConverter'>,
  taskQueue = `test-wachtlijst-${randomUUID()}`,
): Promise<{ worker: Worker; taskQueue: string; notifications: NotificationInput[]; referrals: FakeReferrals; projections: WachtlijstProjection[] }> {
  const notifications: NotificationInput[] = [];
  const projections: WachtlijstProjection[] = [];
  const referrals = new FakeReferrals();
  const worker = await Worker.create({
    connection: nativeConnection,
    taskQueue,
    workflowBundle,
    dataConverter,
    activities: {
      recordNotification: async (notification: NotificationInput) => {
        notifications.push(notification);
      },
      admitFromWachtlijst: referrals.admitFromWachtlijst.bind(referrals),
      tellWachtlijstLapsed: referrals.tellWachtlijstLapsed.bind(referrals),
      projectWachtlijst: async (projection: WachtlijstProjection) => {
        projections.push(projection);
      },
    },
  });
  return { worker, taskQueue, notifications, referrals, projections };
}

const REPO = resolve(__dirname, '..', '..', '..');

/**
 * A worker in a process of its own, to be killed with SIGKILL in the middle of an admission: no shutdown hook
 * runs and the activity in flight is lost, as in a crash or an OOM kill (cf. apps/api/test/fault.test-helper.ts,
 * which does the same to the built worker with its database). Plain JavaScript, because jest's transform does not
 * reach a child process; it loads the run's workflow bundle and the built payload codec. Its admission activity
 * prints the admission and never answers.
 */
const HANGING_WORKER = `
const { Worker } = require('@temporalio/worker');
const { NativeConnection } = require('@temporalio/worker');
const { encryptingDataConverter, developmentPayloadKeyring } = require('@schakel/payload-crypto');
const { readFileSync } = require('node:fs');
(async () => {
  const connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS });
  const worker = await Worker.create({
    connection,
    taskQueue: process.env.TASK_QUEUE,
    workflowBundle: { code: readFileSync(process.env.BUNDLE_PATH, 'utf8') },
    dataConverter: encryptingDataConverter(developmentPayloadKeyring()),
    activities: {
      recordNotification: async () => undefined,
      projectWachtlijst: async () => undefined,
      admitFromWachtlijst: (admission) => {
        console.log('ADMITTING ' + admission.admissionId);
        return new Promise(() => undefined);
      },
    },
  });
  const running = worker.run();
  console.log('READY');
  await running;
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
`;

export interface HangingWorker {
  /** Resolves with the admissionId of the first admission the process started. */
  admitting: Promise<string>;
  /** SIGKILL to the process group. */
  kill(): Promise<void>;
  output(): string;
}

export async function startHangingWachtlijstWorker(server: Pick<WorkflowSpecServer, 'workflowBundle'>, taskQueue: string): Promise<HangingWorker> {
  killChildrenOnExit();
  const dir = mkdtempSync(join(tmpdir(), 'wachtlijst-worker-'));
  const bundlePath = process.env['SCHAKEL_TEST_WORKFLOW_BUNDLE'] ?? join(dir, 'workflow-bundle.js');
  if (process.env['SCHAKEL_TEST_WORKFLOW_BUNDLE'] === undefined) writeFileSync(bundlePath, server.workflowBundle.code);
  const child = spawn(process.execPath, ['-e', HANGING_WORKER], {
    cwd: REPO,
    env: { PATH: process.env['PATH'], TEMPORAL_ADDRESS: process.env['TEMPORAL_ADDRESS'] ?? '127.0.0.1:7233', TASK_QUEUE: taskQueue, BUNDLE_PATH: bundlePath },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  trackChild(child);
  const exited = exitOf(child);
  const tail = new OutputTail(60);
  let ready: () => void = () => undefined;
  let admitting: (id: string) => void = () => undefined;
  const readyPromise = new Promise<void>((done) => (ready = done));
  const admittingPromise = new Promise<string>((done) => (admitting = done));
  forEachLine(child.stdout, (line) => {
    tail.push(line);
    if (line === 'READY') ready();
    if (line.startsWith('ADMITTING ')) admitting(line.slice('ADMITTING '.length));
  });
  forEachLine(child.stderr, (line) => tail.push(line));
  const failed = exited.then(() => {
    throw new Error(`the wachtlijst worker process exited early:\n${tail.text()}`);
  });
  // Handled here once, so a kill (which makes it reject) is never an unhandled rejection.
  failed.catch(() => undefined);
  await Promise.race([readyPromise, failed]);
  return {
    admitting: Promise.race([admittingPromise, failed]),
    kill: async () => {
      killGroupNow(child);
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
    output: () => tail.text(),
  };
}
