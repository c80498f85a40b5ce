import { z } from 'zod';

/**
 * Where a page of a list ends: the last row's keyset. The work list runs newest first on
 * (created_at, id); the overdue list runs most overdue first on (overdue_since, id).
 */
export type ReferralListOrder = 'newest' | 'most_overdue';

export interface ReferralListPosition {
  order: ReferralListOrder;
  /** created_at (newest) or overdue_since (most_overdue) of the last row, as an ISO instant. */
  at: string;
  id: string;
}

const INSTANT = z.iso.datetime({ offset: true });
// The work list's cursors carry no order tag, so cursors issued before the overdue list still work.
const positionSchema = z.union([z.tuple([INSTANT, z.uuid()]), z.tuple([z.literal('overdue'), INSTANT, z.uuid()])]);

/** Opaque to clients (base64url), so the keyset behind it can change without breaking them. */
export function encodeReferralCursor(position: ReferralListPosition): string {
  const tuple = position.order === 'newest' ? [position.at, position.id] : ['overdue', position.at, position.id];
  return Buffer.from(JSON.stringify(tuple), 'utf8').toString('base64url');
}

export const REFERRAL_CURSOR = z
  .string()
  .max(200)
  .transform((value, ctx): ReferralListPosition => {
    let decoded: unknown;
    try {
      decoded = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    } catch {
      decoded = undefined;
    }
    const position = positionSchema.safeParse(decoded);
    if (!position.success) {
      ctx.addIssue({ code: 'custom', message: 'is not a cursor from a previous page (use nextCursor as given)' });
      return z.NEVER;
    }
    const tuple = position.data;
    return tuple.length === 2 ? { order: 'newest', at: tuple[0], id: tuple[1] } : { order: 'most_overdue', at: tuple[1], id: tuple[2] };
  });
