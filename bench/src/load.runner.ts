import { performance } from 'node:perf_hooks';

export interface LoadResult {
  /** Milliseconds of each operation that succeeded, in completion order. */
  latencies: number[];
  errors: number;
  /** The first few distinct error messages, so a failing run says why. */
  errorSamples: string[];
  /** Wall time of the whole batch, first start to last completion. */
  wallMs: number;
}

/**
 * Runs `count` operations with at most `concurrency` in flight (a closed loop: each worker starts the next
 * operation as soon as its last one finished, as a pool of clients would). The latency of an operation runs
 * from the moment it is issued to the moment its promise settles, so client-side queueing is never counted.
 */
export async function runClosedLoop(
  count: number,
  concurrency: number,
  operation: (index: number) => Promise<unknown>,
  onDone?: (completed: number) => void,
): Promise<LoadResult> {
  const latencies: number[] = [];
  const errorSamples: string[] = [];
  let errors = 0;
  let next = 0;
  let completed = 0;
  const started = performance.now();
  const lane = async (): Promise<void> => {
    while (next < count) {
      const index = next++;
      const at = performance.now();
      try {
        await operation(index);
        latencies.push(performance.now() - at);
      } catch (error) {
        errors += 1;
        const message = error instanceof Error ? error.message : String(error);
        if (errorSamples.length < 5 && !errorSamples.includes(message)) errorSamples.push(message);
      }
      completed += 1;
      onDone?.(completed);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, count)) }, lane));
  return { latencies, errors, errorSamples, wallMs: performance.now() - started };
}

/** The same operation `count` times in a row with nothing else in flight: latency as one user sees it. */
export function runSequential(count: number, operation: (index: number) => Promise<unknown>, onDone?: (completed: number) => void): Promise<LoadResult> {
  return runClosedLoop(count, 1, operation, onDone);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
