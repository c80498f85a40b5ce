import type { Payload } from '@temporalio/common';

/** Every Payload in a history: anything with metadata and bytes (inputs, results, Update args, memos, failure details). */
export function payloadsIn(value: unknown, found: Payload[] = []): Payload[] {
  if (value === null || typeof value !== 'object' || value instanceof Uint8Array) return found;
  const candidate = value as Payload;
  if (candidate.metadata && typeof candidate.metadata === 'object' && candidate.data instanceof Uint8Array) found.push(candidate);
  for (const child of Object.values(value)) payloadsIn(child, found);
  return found;
}
