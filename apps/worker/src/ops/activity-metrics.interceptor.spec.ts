import type { Context } from '@temporalio/activity';
import { CancelledFailure } from '@temporalio/activity';
import type { ActivityExecuteInput } from '@temporalio/worker';
import { activityMetricsInterceptor } from './activity-metrics.interceptor';
import { WorkerMetrics } from './worker.metrics';

function contextOf(activityType: string, aborted = false): Context {
  return { info: { activityType }, cancellationSignal: { aborted } } as unknown as Context;
}

function run(metrics: WorkerMetrics, context: Context, args: unknown[], next: () => Promise<unknown>): Promise<unknown> {
  const execute = activityMetricsInterceptor(metrics)(context).inbound?.execute;
  if (execute === undefined) throw new Error('no inbound interceptor');
  return execute({ args, headers: {} } as ActivityExecuteInput, next);
}

describe('activityMetricsInterceptor', () => {
  it('counts an attempt by its outcome and passes its result and error through', async () => {
    const metrics = new WorkerMetrics(undefined);
    await expect(run(metrics, contextOf('recordNotification'), [], async () => 'done')).resolves.toBe('done');
    const failure = new Error('write failed');
    await expect(run(metrics, contextOf('recordNotification'), [], async () => Promise.reject(failure))).rejects.toBe(failure);
    await expect(run(metrics, contextOf('deliverWebhook', true), [], async () => Promise.reject(new CancelledFailure('WORKER_SHUTDOWN')))).rejects.toBeInstanceOf(CancelledFailure);
    const text = await metrics.text();
    expect(text).toContain('schakel_activity_executions_total{activity_type="recordNotification",outcome="completed"} 1');
    expect(text).toContain('schakel_activity_executions_total{activity_type="recordNotification",outcome="failed"} 1');
    expect(text).toContain('schakel_activity_executions_total{activity_type="deliverWebhook",outcome="cancelled"} 1');
  });

  it("records a referral projection's lag from its newest event, and only when it committed", async () => {
    const metrics = new WorkerMetrics(undefined);
    const now = Date.now();
    const projection = { summary: {}, events: [{ at: new Date(now - 60_000).toISOString() }, { at: new Date(now - 2_000).toISOString() }] };
    await run(metrics, contextOf('projectReferral'), [projection], async () => undefined);
    await expect(run(metrics, contextOf('projectReferral'), [projection], async () => Promise.reject(new Error('deadlock')))).rejects.toThrow('deadlock');
    const text = await metrics.text();
    expect(text).toContain('schakel_read_model_projection_lag_seconds_count 1');
    const sum = Number(/^schakel_read_model_projection_lag_seconds_sum (\S+)$/m.exec(text)?.[1]);
    expect(sum).toBeGreaterThanOrEqual(2);
    expect(sum).toBeLessThan(10);
  });
});
