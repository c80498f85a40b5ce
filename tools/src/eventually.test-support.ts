import { within } from './process-exit';

/**
 * Polls until `done` holds, failing after `timeoutMs` with the last value seen: for durable timers and
 * Temporal's eventually consistent visibility, never a fixed sleep.
 */
export async function eventually<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await probe();
  while (!done(last)) {
    if (Date.now() > deadline) throw new Error(`${what} not reached within ${timeoutMs} ms; last value: ${JSON.stringify(last).slice(0, 500)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    last = await probe();
  }
  return last;
}

/**
 * Awaits one step of a spec, failing after `timeoutMs` with the step's name: a step that never answers (an
 * Update the server lost, a worker that stopped polling) then says which one it was, instead of the spec
 * running into jest's anonymous timeout. A guard against a hang, not a speed check.
 */
export async function step<T>(what: string, promise: Promise<T>, timeoutMs = 20_000): Promise<T> {
  const settled = await within(promise.then((value) => ({ value })), timeoutMs);
  if (settled === undefined) throw new Error(`${what} did not answer within ${timeoutMs} ms`);
  return settled.value;
}
