import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What every log line written while serving one request, or running one activity, names (issue 6 §5): ids,
 * types and roles only. Never a name, a childRef, free text or a token.
 */
export interface LogContextFields {
  requestId?: string;
  /** The caller: role and subject (an account id), never a display name. */
  actor?: { role: string; sub: string };
  workflowId?: string;
  workflowType?: string;
  activityType?: string;
  attempt?: number;
}

const storage = new AsyncLocalStorage<LogContextFields>();

/**
 * The log context of the current request or activity. pino's mixin adds it to every line, and the Temporal
 * client interceptor reads the request id from it, so neither needs the request passed down.
 */
export const logContext = {
  /** Runs `fn` with `fields` as its context; the object is shared, so fields assigned later reach later lines. */
  run<T>(fields: LogContextFields, fn: () => T): T {
    return storage.run(fields, fn);
  },

  current(): LogContextFields | undefined {
    return storage.getStore();
  },

  requestId(): string | undefined {
    return storage.getStore()?.requestId;
  },

  /** Adds fields to the current context (e.g. the actor, once the guard has authenticated the request). */
  assign(fields: LogContextFields): void {
    const store = storage.getStore();
    if (store !== undefined) Object.assign(store, fields);
  },
};
