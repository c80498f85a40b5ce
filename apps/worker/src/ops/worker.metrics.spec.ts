import { createServer, type Server, type ServerResponse } from 'node:http';
import { CoreMetricsEndpoint } from './core-metrics.endpoint';
import { WorkerMetrics } from './worker.metrics';

/** A stand-in for the SDK's exporter on the loopback port the real endpoint reserved, answering as the test says. */
async function fakeExporter(answer: (response: ServerResponse) => void): Promise<{ server: Server; endpoint: CoreMetricsEndpoint }> {
  const endpoint = await CoreMetricsEndpoint.reserve();
  const [host, port] = endpoint.bindAddress.split(':');
  const server = createServer((_request, response) => answer(response));
  await new Promise<void>((resolve) => server.listen(Number(port), host, resolve));
  return { server, endpoint };
}

describe('WorkerMetrics', () => {
  it('counts activities by type and outcome, and records the projection lag', async () => {
    const metrics = new WorkerMetrics(undefined);
    metrics.activityFinished('projectReferral', 'completed', 0.02);
    metrics.activityFinished('projectReferral', 'completed', 0.03);
    metrics.activityFinished('deliverWebhook', 'failed', 1.5);
    metrics.projectionCommitted(0.4);
    metrics.projectionCommitted(-2);
    const text = await metrics.text();
    expect(text).toContain('schakel_activity_executions_total{activity_type="projectReferral",outcome="completed"} 2');
    expect(text).toContain('schakel_activity_executions_total{activity_type="deliverWebhook",outcome="failed"} 1');
    expect(text).toContain('schakel_read_model_projection_lag_seconds_count 2');
    // A clock step never makes a negative lag: the -2 s landed in the lowest bucket as 0.
    expect(text).toContain('schakel_read_model_projection_lag_seconds_sum 0.4');
  });

  it("appends the SDK exporter's metrics to its own in one exposition", async () => {
    const { server, endpoint } = await fakeExporter((response) => response.end('# TYPE temporal_sticky_cache_size gauge\ntemporal_sticky_cache_size{task_queue="q"} 3\n'));
    try {
      const text = await new WorkerMetrics(endpoint).text();
      expect(text).toMatch(/^process_cpu_seconds_total /m);
      expect(text).toContain('\n# TYPE temporal_sticky_cache_size gauge\ntemporal_sticky_cache_size{task_queue="q"} 3\n');
      expect(text).toContain('schakel_temporal_sdk_metrics_scrape_failures_total 0');
    } finally {
      server.close();
    }
  });

  it("still answers, and counts the failure, when the SDK's exporter does not", async () => {
    const { server, endpoint } = await fakeExporter((response) => {
      response.statusCode = 500;
      response.end();
    });
    try {
      const metrics = new WorkerMetrics(endpoint);
      const text = await metrics.text();
      expect(text).toContain('schakel_temporal_sdk_metrics_scrape_failures_total 1');
      expect(text).not.toContain('temporal_sticky_cache_size');
    } finally {
      server.close();
    }
  });
});
