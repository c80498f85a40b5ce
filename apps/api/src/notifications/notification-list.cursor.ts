import { z } from 'zod';

/** Where a page of notifications ends: the last row's (occurred_at, id), the keyset of the list's order. */
export interface NotificationListPosition {
  occurredAt: string;
  id: string;
}

const positionSchema = z.tuple([z.iso.datetime({ offset: true }), z.uuid()]);

/** Opaque to clients (base64url), so the keyset behind it can change without breaking them. */
export function encodeNotificationCursor(position: NotificationListPosition): string {
  return Buffer.from(JSON.stringify([position.occurredAt, position.id]), 'utf8').toString('base64url');
}

export const NOTIFICATION_CURSOR = z
  .string()
  .max(200)
  .transform((value, ctx): NotificationListPosition => {
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
    return { occurredAt: position.data[0], id: position.data[1] };
  });
