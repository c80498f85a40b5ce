import { z } from 'zod';
import { NOTIFICATION_CURSOR } from '../notification-list.cursor';

export const NOTIFICATION_LIMIT_DEFAULT = 25;

/** Query parameters of GET /api/me/notifications; unknown parameters are refused. */
export const listNotificationsRequestSchema = z
  .object({
    limit: z.coerce.number().int('must be a whole number').min(1, 'must be at least 1').max(100, 'must be at most 100').default(NOTIFICATION_LIMIT_DEFAULT),
    cursor: NOTIFICATION_CURSOR.optional().describe('nextCursor of the previous page'),
  })
  .strict();
export type ListNotificationsRequestDto = z.output<typeof listNotificationsRequestSchema>;
