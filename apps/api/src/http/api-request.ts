import type { Request } from 'express';
import type { Actor } from '@schakel/domain';

/** The request as our middleware and guard leave it. */
export interface ApiRequest extends Request {
  /** Set for every request by requestIdMiddleware. */
  requestId?: string;
  /** Set by AuthGuard on authenticated endpoints. */
  actor?: Actor;
  /**
   * The bearer token as the rate limit verified it, so AuthGuard does not verify the same token a second time
   * (issue 7 §3). The promise settles as verify() did, refusal included.
   */
  tokenVerification?: { token: string; actor: Promise<Actor> };
}
