import { QueryNotRegisteredError, type Client, type WorkflowExecutionInfo } from '@temporalio/client';
import { wachtlijstEntryRows, type RetentionPolicy } from '@schakel/domain';
import type { ReferralProjectionWriter, RetentionSweeper, WachtlijstProjectionWriter } from '@schakel/persistence';
import {
  referralProjectionQuery,
  WACHTLIJST_PROJECTION_CHUNK,
  WACHTLIJST_WORKFLOW_TYPE,
  wachtlijstStateQuery,
  type ReferralProjection,
} from '@schakel/workflows/contracts';
import { retentionVerdict } from './retention-term.check';

/** The workflow type whose cases make up the read model (the API starts it by this name too). */
export const REFERRAL_WORKFLOW_TYPE = 'referralWorkflow';

export interface ReadModelRebuildOptions {
  /** The worker family's task queue: its referral workflows are the cases of this read model. */
  taskQueue: string;
  /**
   * The bewaartermijnen the retention sweep applies (read from its Schedule by the command); undefined: no
   * retention is configured, every case Temporal holds is projected.
   */
  retention?: RetentionPolicy;
  /** Cases queried and written at a time; each Query of a closed case costs the worker one replay. */
  concurrency?: number;
  /** Called after every `progressEvery` cases and once at the end. */
  onProgress?: (progress: RebuildProgress) => void;
  progressEvery?: number;
  now?: () => Date;
}

export interface RebuildProgress {
  /** Visibility's count when the run started (approximate, eventually consistent). */
  expected: number;
  done: number;
  failed: number;
}

export interface RebuildReport {
  /** Referral workflows listed through visibility, open and closed. */
  listed: number;
  /** Cases whose projection went through the writer. */
  projected: number;
  /** Referral rows inserted or changed: missing, behind the workflow, or different from its projection. */
  rowsWritten: number;
  /** Timeline entries that were missing. */
  eventsWritten: number;
  /** Audit entries added for timeline entries that had none: zero, unless the database came from a backup. */
  auditEntriesWritten: number;
  /** Closed cases past their bewaartermijn under `verwijderen`: not brought back. */
  skippedRemovedByRetention: number;
  /** Closed cases past their bewaartermijn under `anonimiseren`, anonymised again by the sweep right after projecting. */
  anonymisedByRetention: number;
  /** Workflows that failed before they held a case (a start the domain refused): never had a row. */
  skippedNeverOpened: number;
  /** Running wachtlijst workflows (one per aanbod) listed through visibility. */
  wachtlijstenListed: number;
  /** `wachtlijst_entry` rows inserted or moved forward: missing, or behind the list's state. */
  wachtlijstRowsWritten: number;
  /** Referral and wachtlijst workflows whose rebuild failed, by workflow id. */
  failed: Array<{ workflowId: string; error: string }>;
  durationMs: number;
}

const SWEEP_BATCH = 100;

/**
 * Rebuilds the read model's referral rows and timelines from the referral workflows (issue 6 §2, ADR 0012):
 * every case Temporal's visibility lists for the task queue, open and closed, answers `referralProjection` —
 * the summary and timeline its own code computes — and that goes through the projection activity's writer.
 * Then every running wachtlijst's rows (issue 11 §4) through the list's projection writer. In place and idempotent, so it is safe while the worker projects: a row only moves forward in version.
 */
export class ReadModelRebuilder {
  constructor(
    private readonly client: Client,
    private readonly writer: ReferralProjectionWriter,
    private readonly sweeper: RetentionSweeper,
    /** Without it the wachtlijsten are left out (ADR 0012: `wachtlijst_entry`). */
    private readonly wachtlijstWriter?: WachtlijstProjectionWriter,
  ) {}

  async rebuild(options: ReadModelRebuildOptions): Promise<RebuildReport> {
    const started = Date.now();
    const now = options.now ?? (() => new Date());
    const query = `WorkflowType = '${REFERRAL_WORKFLOW_TYPE}' AND TaskQueue = '${escaped(options.taskQueue)}'`;
    const report: RebuildReport = {
      listed: 0,
      projected: 0,
      rowsWritten: 0,
      eventsWritten: 0,
      auditEntriesWritten: 0,
      skippedRemovedByRetention: 0,
      anonymisedByRetention: 0,
      skippedNeverOpened: 0,
      wachtlijstenListed: 0,
      wachtlijstRowsWritten: 0,
      failed: [],
      durationMs: 0,
    };
    const { count: expected } = await this.client.workflow.count(query);
    const progressEvery = options.progressEvery ?? 100;
    const progress = (): void => options.onProgress?.({ expected, done: report.listed, failed: report.failed.length });

    await this.forEachListed(query, options, report, async (execution) => {
      report.listed += 1;
      try {
        await this.rebuildCase(execution, options.retention, now(), report);
      } finally {
        if (report.listed % progressEvery === 0) progress();
      }
    });
    await this.rebuildWachtlijsten(options, report);
    report.durationMs = Date.now() - started;
    progress();
    return report;
  }

  /**
   * Every running wachtlijst answers `wachtlijstState`; its rows are computed by the list's own projection
   * (`wachtlijstEntryRows`) and written at the state's version, so a row the list moved on meanwhile stays newer.
   * Only running lists: a list never completes (Continue-As-New keeps one run open), and an ended one holds no
   * places to answer for. Rows of cases the list no longer remembers (its record of exits is bounded) cannot be
   * derived and are left as they are.
   */
  private async rebuildWachtlijsten(options: ReadModelRebuildOptions, report: RebuildReport): Promise<void> {
    if (this.wachtlijstWriter === undefined) return;
    const writer = this.wachtlijstWriter;
    const query = `WorkflowType = '${WACHTLIJST_WORKFLOW_TYPE}' AND TaskQueue = '${escaped(options.taskQueue)}' AND ExecutionStatus = 'Running'`;
    await this.forEachListed(query, options, report, async (execution) => {
      report.wachtlijstenListed += 1;
      const state = await this.client.workflow.getHandle(execution.workflowId).query(wachtlijstStateQuery);
      const rows = [...wachtlijstEntryRows(state, new Map()).values()];
      for (let i = 0; i < rows.length; i += WACHTLIJST_PROJECTION_CHUNK) {
        report.wachtlijstRowsWritten += await writer.write({ aanbodId: state.aanbodId, version: state.version, rows: rows.slice(i, i + WACHTLIJST_PROJECTION_CHUNK) });
      }
    });
  }

  /**
   * Runs `rebuild` for each workflow the query lists, `concurrency` at a time, and reports a failure by workflow id.
   * A workflow id has one run that counts; should visibility list a second one, the handle reads the latest.
   */
  private async forEachListed(
    query: string,
    options: ReadModelRebuildOptions,
    report: RebuildReport,
    rebuild: (execution: WorkflowExecutionInfo) => Promise<void>,
  ): Promise<void> {
    const seen = new Set<string>();
    await forEachConcurrently(this.client.workflow.list({ query }), options.concurrency ?? 4, async (execution) => {
      if (seen.has(execution.workflowId)) return;
      seen.add(execution.workflowId);
      try {
        await rebuild(execution);
      } catch (error) {
        // Ids and messages only: a workflow id carries no personal data, and a failure's message names no payload.
        report.failed.push({ workflowId: execution.workflowId, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
      }
    });
  }

  private async rebuildCase(execution: WorkflowExecutionInfo, retention: RetentionPolicy | undefined, now: Date, report: RebuildReport): Promise<void> {
    let projection: ReferralProjection;
    try {
      projection = await this.client.workflow.getHandle(execution.workflowId).query(referralProjectionQuery);
    } catch (error) {
      // The workflow failed before its handlers existed: the domain refused the start, so no row was ever written.
      if (error instanceof QueryNotRegisteredError && execution.status.name === 'FAILED') {
        report.skippedNeverOpened += 1;
        return;
      }
      throw error;
    }
    const verdict = retentionVerdict(projection.summary, retention, now);
    if (verdict === 'remove') {
      report.skippedRemovedByRetention += 1;
      return;
    }
    const result = await this.writer.write(projection, { rewriteSameVersion: true });
    report.projected += 1;
    if (result.referralWritten) report.rowsWritten += 1;
    report.eventsWritten += result.eventsWritten;
    report.auditEntriesWritten += result.auditEntriesWritten;
    if (verdict === 'anonymise' && retention !== undefined) {
      // The same sweep the retention Schedule runs, at once, so a case past its term stands in the clear only
      // between two commits (and only when its row was missing: an anonymised row is never rewritten).
      for (;;) {
        const { processed } = await this.sweeper.sweep(retention, now, SWEEP_BATCH);
        report.anonymisedByRetention += processed;
        if (processed < SWEEP_BATCH) break;
      }
    }
  }
}

const escaped = (value: string): string => value.replaceAll("'", "\\'");

/** Runs `fn` over an async iterable with at most `concurrency` calls in flight (pages are fetched as needed). */
async function forEachConcurrently<T>(items: AsyncIterable<T>, concurrency: number, fn: (item: T) => Promise<void>): Promise<void> {
  const iterator = items[Symbol.asyncIterator]();
  // An async generator queues concurrent next() calls, so the lanes share one listing without reading a page twice.
  const lane = async (): Promise<void> => {
    for (let next = await iterator.next(); next.done !== true; next = await iterator.next()) await fn(next.value);
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, lane));
}
