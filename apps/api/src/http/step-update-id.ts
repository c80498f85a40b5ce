import { createHash } from 'node:crypto';

/** Fixed namespace of Schakel's derived ids (RFC 9562 §5.5); changing it would break idempotent retries. */
const SCHAKEL_ID_NAMESPACE = 'c0f5d8a2-6b1e-4e57-9a43-3d2b8f7e1c64';

/** A name-based UUIDv5 (RFC 9562 §5.5): the same name always gives the same id. */
export function uuidV5(name: string, namespace: string = SCHAKEL_ID_NAMESPACE): string {
  const hash = createHash('sha1').update(Buffer.from(namespace.replaceAll('-', ''), 'hex')).update(name, 'utf8').digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The Temporal Update id for a step sent with an Idempotency-Key: same sender, step and key → same
 * Update, which Temporal applies once. Update ids are scoped to one workflow, so a referral and a
 * child's plan never share one.
 */
export function stepUpdateIdFor(actor: { org?: string; sub: string }, step: string, idempotencyKey: string): string {
  return uuidV5(JSON.stringify(['step', actor.org ?? '', actor.sub, step, idempotencyKey]));
}
