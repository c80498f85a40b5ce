import { createServer } from 'node:net';
import type { TelemetryOptions } from '@temporalio/worker';

/**
 * Where the Temporal SDK's own Prometheus exporter (in its Rust core) listens: a loopback port, so only this
 * process reads it, and the ops server's /metrics appends what it serves to the worker's own metrics. One
 * endpoint to scrape and to protect, and the exporter is never reachable from outside the host.
 */
export class CoreMetricsEndpoint {
  private constructor(readonly bindAddress: string) {}

  /**
   * A loopback port that was free a moment ago. The core binds it itself, at Runtime.install, and does not
   * report the port it took, so "port 0" cannot be used; another process taking the port in between makes
   * the worker fail its start, which the supervisor retries.
   */
  static async reserve(): Promise<CoreMetricsEndpoint> {
    const port = await new Promise<number>((resolve, reject) => {
      const server = createServer();
      server.unref();
      server.once('error', reject);
      server.listen({ host: '127.0.0.1', port: 0, exclusive: true }, () => {
        const address = server.address();
        const free = typeof address === 'object' && address !== null ? address.port : 0;
        server.close(() => resolve(free));
      });
    });
    return new CoreMetricsEndpoint(`127.0.0.1:${port}`);
  }

  /**
   * Prometheus naming (counters end in `_total`, durations in seconds with the unit in the name), so the SDK's
   * metrics read like everyone else's: e.g. `temporal_workflow_task_schedule_to_start_latency_seconds`.
   */
  telemetryOptions(): TelemetryOptions {
    return {
      metrics: {
        prometheus: { bindAddress: this.bindAddress, countersTotalSuffix: true, unitSuffix: true, useSecondsForDurations: true },
      },
    };
  }

  async scrape(timeoutMs: number): Promise<string> {
    const response = await fetch(`http://${this.bindAddress}/metrics`, { signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) throw new Error(`the SDK's metrics exporter answered ${response.status}`);
    return response.text();
  }
}
