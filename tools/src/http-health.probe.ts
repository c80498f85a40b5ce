import { get } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

/** Resolves with the status code, rejects when nothing answers within timeoutMs. */
export function httpStatus(url: string, timeoutMs = 2_000): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const request = get(url, { timeout: timeoutMs }, (response) => {
      response.resume();
      resolvePromise(response.statusCode ?? 0);
    });
    request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    request.on('error', reject);
  });
}

export async function waitForHttpOk(url: string, options: { timeoutMs: number; abortReason?: () => string | undefined }): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  let last = 'not tried';
  for (;;) {
    const aborted = options.abortReason?.();
    if (aborted) throw new Error(aborted);
    try {
      const status = await httpStatus(url);
      if (status === 200) return;
      last = `HTTP ${status}`;
    } catch (error) {
      last = (error as Error).message;
    }
    if (Date.now() >= deadline) throw new Error(`${url} did not return 200 within ${Math.round(options.timeoutMs / 1000)} s (last: ${last})`);
    await sleep(500);
  }
}
