import { z } from 'zod';
import { encodeKeysetCursor, keysetCursorSchema } from '../../http/keyset-cursor';

/** Where a page of inzage requests ends: the last row's (due_on, id). */
export interface InzageRequestListPosition {
  dueOn: string;
  id: string;
}

const positionSchema = z.tuple([z.iso.date(), z.uuid()]);

export function encodeInzageRequestCursor(position: InzageRequestListPosition): string {
  return encodeKeysetCursor([position.dueOn, position.id]);
}

/** Query parameters of GET /api/inzage-requests; unknown parameters are refused so a typo never widens the list. */
export const listInzageRequestsSchema = z
  .object({
    // Only `true`, as in the work list: "overdue=false" could mean "not overdue" or "no filter".
    overdue: z
      .enum(['true'], { message: 'must be true (leave it out for every request)' })
      .transform(() => true as const)
      .optional()
      .describe('true: only requests still open after the last day of their term'),
    limit: z.coerce.number().int('must be a whole number').min(1, 'must be at least 1').max(100, 'must be at most 100').default(25),
    cursor: keysetCursorSchema(positionSchema, ([dueOn, id]): InzageRequestListPosition => ({ dueOn, id }))
      .optional()
      .describe('nextCursor of the previous page'),
  })
  .strict();
export type ListInzageRequestsDto = z.output<typeof listInzageRequestsSchema>;
