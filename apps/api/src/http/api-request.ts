import type { Request } from 'express';
import type { Actor } from '@schakel/domain';

/** The request as our middleware and guard leave it. */
export interface ApiRequest extends Request {
  /** Set for every request by requestIdMiddleware. */
  requestId?: string;
  /** Set by AuthGuard on authenticated endpoints. */
  actor?: Actor;
}
