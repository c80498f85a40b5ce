import { z } from 'zod';
import { encodeKeysetCursor, keysetCursorSchema } from '../http/keyset-cursor';

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

export function encodeReferralCursor(position: ReferralListPosition): string {
  return encodeKeysetCursor(position.order === 'newest' ? [position.at, position.id] : ['overdue', position.at, position.id]);
}

export const REFERRAL_CURSOR = keysetCursorSchema(positionSchema, (tuple): ReferralListPosition =>
  tuple.length === 2 ? { order: 'newest', at: tuple[0], id: tuple[1] } : { order: 'most_overdue', at: tuple[1], id: tuple[2] },
);
