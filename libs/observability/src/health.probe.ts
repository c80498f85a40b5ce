import { ServiceUnavailableException } from '@nestjs/common';
import type { HealthCheckResult, HealthIndicatorService } from '@nestjs/terminus';
import { MAX_EVENT_LOOP_DELAY_MS, type EventLoopMonitor } from './event-loop.monitor';

/**
 * Liveness of the API and the worker alike (issue 6 §4): the process only, its event loop, so an outage of
 * Postgres or Temporal never gets a process restarted, which would not fix it. Rejects with a
 * ServiceUnavailableException whose response is the result when the loop was stuck.
 */
export function eventLoopLiveness(eventLoop: EventLoopMonitor, indicators: HealthIndicatorService): Promise<HealthCheckResult> {
  const delayMs = eventLoop.recentMaxDelayMs();
  const session = indicators.check('eventLoop');
  const result = delayMs > MAX_EVENT_LOOP_DELAY_MS ? session.down({ delayMs }) : session.up({ delayMs });
  // Not through HealthCheckService: terminus answers every check 503 `shutting_down` once a shutdown has
  // begun, and a draining process is alive — failing liveness then could get it killed mid-drain.
  const up = result.eventLoop.status === 'up';
  const answer: HealthCheckResult = { status: up ? 'ok' : 'error', info: up ? result : {}, error: up ? {} : result, details: result };
  return up ? Promise.resolve(answer) : Promise.reject(new ServiceUnavailableException(answer));
}

/**
 * Resolves when the probe does; otherwise rejects with the error's code at most (e.g. ECONNREFUSED): readiness
 * is public, and a driver's message may name hosts and users, which belong in the log only.
 */
export async function reachable(probe: Promise<unknown>): Promise<void> {
  try {
    await probe;
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    throw new Error(typeof code === 'string' && /^[A-Z0-9_]{1,40}$/.test(code) ? `unreachable (${code})` : 'unreachable');
  }
}
