/**
 * Temporal, Postgres or the identity provider (its signing keys) did not answer in time. Not a DomainError: nothing is wrong with the request,
 * and a step may even have been applied — the client retries with the same Idempotency-Key.
 */
export class UpstreamUnavailableError extends Error {
  constructor(
    readonly dependency: 'temporal' | 'postgres' | 'identity-provider',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'UpstreamUnavailableError';
  }
}
