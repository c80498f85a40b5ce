import { ActivityFailure, ApplicationFailure } from '@temporalio/workflow';
import { DomainError, isDomainErrorCode } from '@schakel/domain';

/** Turns a domain refusal into the failure type the API maps to an HTTP status. */
export function asFailure(error: unknown): never {
  if (error instanceof DomainError) {
    throw ApplicationFailure.create({ type: error.code, message: error.message, details: [error.issues], nonRetryable: true });
  }
  throw error;
}

/** Runs a check or a step; a domain refusal leaves as a typed failure (validators and handlers alike). */
export function guarded(fn: () => void): void {
  try {
    fn();
  } catch (error) {
    asFailure(error);
  }
}

/**
 * An activity that refused with a domain code (e.g. the child's plan refusing a second regisseur)
 * fails the step with that same code, so the caller sees the plan's answer, not "activity failed".
 */
export function rethrowDomainRefusal(error: unknown): never {
  if (error instanceof ActivityFailure && error.cause instanceof ApplicationFailure && isDomainErrorCode(error.cause.type)) {
    const cause = error.cause;
    throw ApplicationFailure.create({ type: cause.type ?? undefined, message: cause.message, details: cause.details ?? [], nonRetryable: true });
  }
  throw error;
}
