/**
 * A client used up its share of requests (issue 5 §6, OWASP API4:2023). Not a DomainError: nothing is wrong
 * with the request itself; the same request succeeds after `retryAfterSeconds`.
 */
export class RateLimitedError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many requests; retry after ${retryAfterSeconds} s`);
    this.name = 'RateLimitedError';
  }
}
