import { DomainError, type DomainErrorCode } from './domain-error';

/** The code of the DomainError a call throws, or undefined when it throws none (any other error propagates). */
export function domainErrorCodeOf(fn: () => unknown): DomainErrorCode | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  return undefined;
}

/** The DomainError a call throws; fails the test when it throws none. */
export function domainErrorOf(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}
