import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

/** Longer than any legitimate synchronous stretch (bundling workflows at a worker's start, a large JSON body, a GC pause), far shorter than "stuck". */
export const MAX_EVENT_LOOP_DELAY_MS = 10_000;

const WINDOW_MS = 10_000;

/**
 * The longest the event loop was blocked recently, for the liveness of the API and the worker (issue 6 §4). Measured by libuv's delay
 * histogram over rolling windows of 10 s (the current one and the one before), so a probe sees a stall that
 * happened between two probes, and a stall ages out after 20 s instead of failing liveness forever.
 * A loop blocked right now does not answer the probe at all, which the prober's own timeout catches.
 */
export class EventLoopMonitor {
  private readonly histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: 20 });
  private previousWindowMaxMs = 0;
  private timer: NodeJS.Timeout | undefined;

  start(): void {
    if (this.timer !== undefined) return;
    this.histogram.enable();
    this.timer = setInterval(() => {
      this.previousWindowMaxMs = this.currentWindowMaxMs();
      this.histogram.reset();
    }, WINDOW_MS);
    // Never the reason the process stays up.
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.histogram.disable();
  }

  /** The longest delay seen in the last 10 to 20 s, in whole milliseconds. */
  recentMaxDelayMs(): number {
    return Math.round(Math.max(this.previousWindowMaxMs, this.currentWindowMaxMs()));
  }

  private currentWindowMaxMs(): number {
    // The histogram reports nanoseconds, and 0 before its first sample.
    return this.histogram.count === 0 ? 0 : this.histogram.max / 1e6;
  }
}
