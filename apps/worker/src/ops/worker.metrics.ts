import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { CoreMetricsEndpoint } from './core-metrics.endpoint';

export type ActivityOutcome = 'completed' | 'failed' | 'cancelled';

/** Activities are short database writes and HTTP calls; the top buckets catch the retried and the stuck. */
const ACTIVITY_BUCKETS_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** From a workflow step to its row in the read model: normally well under a second; minutes mean an outage. */
const PROJECTION_LAG_BUCKETS_SECONDS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900];

/** How long a scrape waits for the SDK's exporter before answering with the worker's own metrics only. */
const CORE_SCRAPE_TIMEOUT_MS = 2_000;

/**
 * The worker's Prometheus metrics (issue 6 §5): the process, the activities per type, and how far the read
 * model lags behind the workflows — plus, appended at scrape time, the Temporal SDK's own metrics from its
 * exporter on the loopback interface (task latencies, sticky cache, schedule-to-start). Labels are activity
 * types and outcomes only: no workflow id, referral id or child reference ever becomes a label.
 */
export class WorkerMetrics {
  readonly registry = new Registry();
  private readonly activities: Counter<'activity_type' | 'outcome'>;
  private readonly activityDuration: Histogram<'activity_type' | 'outcome'>;
  private readonly projectionLag: Histogram;
  private readonly coreScrapeFailures: Counter;

  constructor(private readonly core: CoreMetricsEndpoint | undefined) {
    collectDefaultMetrics({ register: this.registry });
    this.activities = new Counter({
      name: 'schakel_activity_executions_total',
      help: 'Activity attempts this worker finished, by activity type and outcome',
      labelNames: ['activity_type', 'outcome'],
      registers: [this.registry],
    });
    this.activityDuration = new Histogram({
      name: 'schakel_activity_duration_seconds',
      help: 'Time from the start of an activity attempt on this worker to its end, by activity type and outcome',
      labelNames: ['activity_type', 'outcome'],
      buckets: ACTIVITY_BUCKETS_SECONDS,
      registers: [this.registry],
    });
    this.projectionLag = new Histogram({
      name: 'schakel_read_model_projection_lag_seconds',
      help: 'Time from the newest event of a referral projection (workflow time) until its read-model write committed',
      buckets: PROJECTION_LAG_BUCKETS_SECONDS,
      registers: [this.registry],
    });
    this.coreScrapeFailures = new Counter({
      name: 'schakel_temporal_sdk_metrics_scrape_failures_total',
      help: "Scrapes of /metrics that could not include the Temporal SDK's metrics",
      registers: [this.registry],
    });
  }

  activityFinished(activityType: string, outcome: ActivityOutcome, seconds: number): void {
    this.activities.inc({ activity_type: activityType, outcome });
    this.activityDuration.observe({ activity_type: activityType, outcome }, seconds);
  }

  projectionCommitted(lagSeconds: number): void {
    // A clock step between workflow time and the worker's clock must not record a negative lag.
    this.projectionLag.observe(Math.max(0, lagSeconds));
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** One exposition: this registry's metrics, then the SDK's (their names all start with `temporal_`). */
  async text(): Promise<string> {
    if (this.core === undefined) return this.registry.metrics();
    let core = '';
    try {
      core = await this.core.scrape(CORE_SCRAPE_TIMEOUT_MS);
    } catch {
      // Served without the SDK's part rather than not at all; the counter (and its absence) shows it.
      this.coreScrapeFailures.inc();
    }
    const own = await this.registry.metrics();
    return core === '' ? own : `${own.trimEnd()}\n${core}`;
  }
}
