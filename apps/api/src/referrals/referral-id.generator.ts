import { randomUUID } from 'node:crypto';
import { uuidV5 } from '../http/step-update-id';

/**
 * The referral id for a start request. With an Idempotency-Key it is derived from who sent it and the
 * key, so a retried request finds the same workflow instead of starting a second one; the caller's
 * organisation and subject are part of the name, so two schools' keys can never collide.
 */
export function referralIdFor(actor: { org?: string; sub: string }, idempotencyKey: string | undefined): string {
  if (idempotencyKey === undefined) return randomUUID();
  return uuidV5(JSON.stringify(['referral', actor.org ?? '', actor.sub, idempotencyKey]));
}
