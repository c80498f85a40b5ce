import type { RetentionPolicy } from '@schakel/domain';

/** Started by a Temporal Schedule (issue 5 §5); by type name, as the API never imports workflow code. */
export const RETENTION_SWEEP_WORKFLOW_TYPE = 'retentionSweepWorkflow';

/** One schedule per task queue: the worker family that owns the read model it sweeps. */
export function retentionScheduleId(taskQueue: string): string {
  return `retention-sweep-${taskQueue}`;
}

export interface RetentionSweepInput {
  /** The bewaartermijnen of the policy file at the moment the API (re)created the schedule. */
  retention: RetentionPolicy;
  /** Cases per transaction; default 500. */
  batchSize?: number;
}

export interface RetentionSweepResult {
  processed: number;
  action: RetentionPolicy['action'];
}

export interface RetentionActivities {
  /** Anonymises or removes one batch of closed cases past their term; answers how many. */
  sweepClosedReferrals(retention: RetentionPolicy, now: string, batchSize: number): Promise<{ processed: number }>;
}
