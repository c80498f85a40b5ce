import { CancelledFailure, type Context } from '@temporalio/activity';
import type { ActivityInterceptorsFactory } from '@temporalio/worker';
import type { ReferralActivities, ReferralProjection } from '@schakel/workflows/contracts';
import type { ActivityOutcome, WorkerMetrics } from './worker.metrics';

/** The activity whose completion is the read model catching up with a referral. */
const PROJECT_REFERRAL: keyof ReferralActivities = 'projectReferral';

/**
 * Counts and times every activity attempt by its type, and for a referral projection records how far the
 * read model lagged behind the workflow. Reads the projection's event times only, never its content.
 */
export function activityMetricsInterceptor(metrics: WorkerMetrics): ActivityInterceptorsFactory {
  return (context: Context) => ({
    inbound: {
      async execute(input, next) {
        const { activityType } = context.info;
        const started = performance.now();
        let outcome: ActivityOutcome = 'failed';
        try {
          const result = await next(input);
          outcome = 'completed';
          if (activityType === PROJECT_REFERRAL) {
            const newest = newestEventTime(input.args[0] as ReferralProjection | undefined);
            if (newest !== undefined) metrics.projectionCommitted((Date.now() - newest) / 1_000);
          }
          return result;
        } catch (error) {
          if (error instanceof CancelledFailure || context.cancellationSignal.aborted) outcome = 'cancelled';
          throw error;
        } finally {
          metrics.activityFinished(activityType, outcome, (performance.now() - started) / 1_000);
        }
      },
    },
  });
}

function newestEventTime(projection: ReferralProjection | undefined): number | undefined {
  const times = (projection?.events ?? []).map((event) => Date.parse(event.at)).filter((time) => Number.isFinite(time));
  return times.length === 0 ? undefined : Math.max(...times);
}
