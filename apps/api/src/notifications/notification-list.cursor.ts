import { z } from 'zod';
import { encodeKeysetCursor, keysetCursorSchema } from '../http/keyset-cursor';

/** Where a page of notifications ends: the last row's (occurred_at, id), the keyset of the list's order. */
export interface NotificationListPosition {
  occurredAt: string;
  id: string;
}

const positionSchema = z.tuple([z.iso.datetime({ offset: true }), z.uuid()]);

export function encodeNotificationCursor(position: NotificationListPosition): string {
  return encodeKeysetCursor([position.occurredAt, position.id]);
}

export const NOTIFICATION_CURSOR = keysetCursorSchema(positionSchema, (tuple): NotificationListPosition => ({ occurredAt: tuple[0], id: tuple[1] }));
