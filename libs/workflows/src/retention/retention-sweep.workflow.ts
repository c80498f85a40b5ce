import { proxyActivities } from '@temporalio/workflow';
import type { RetentionActivities, RetentionSweepInput, RetentionSweepResult } from './retention.contract';

const { sweepClosedReferrals } = proxyActivities<RetentionActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/** A bound on one run: a backlog larger than this is finished by the next scheduled run. */
const MAX_BATCHES = 200;

/**
 * One retention sweep (issue 5 §5): batch after batch until no closed case is past its term. Each batch is
 * one transaction in the activity, so a crash mid-sweep leaves every case either fully done or untouched,
 * and the schedule's next run carries on.
 */
export async function retentionSweepWorkflow(input: RetentionSweepInput): Promise<RetentionSweepResult> {
  const batchSize = input.batchSize ?? 500;
  let processed = 0;
  for (let batch = 0; batch < MAX_BATCHES; batch += 1) {
    const result = await sweepClosedReferrals(input.retention, new Date().toISOString(), batchSize);
    processed += result.processed;
    if (result.processed < batchSize) break;
  }
  return { processed, action: input.retention.action };
}
