import { z } from 'zod';

/** One request of inzage as the loket and the FG follow it up: the child's pseudonymous reference, no names. */
export const inzageRequestItemSchema = z
  .object({
    id: z.string(),
    childRef: z.string().describe('The pseudonymous child reference (GET /api/children/{ref}/plan)'),
    region: z.string().nullable().describe("The child's region when the request came in"),
    requestedAt: z.string().describe('When the request was received (ISO instant)'),
    dueOn: z.string().describe('Last day of the one-month term (AVG art. 12(3)), a Dutch calendar date'),
    answered: z.boolean(),
    answeredAt: z.string().nullable(),
    overdue: z.boolean().describe('Still open after its last day'),
  })
  .meta({ id: 'InzageRequest' });

export const inzageRequestListResponseSchema = z
  .object({
    items: z.array(inzageRequestItemSchema).describe('The most urgent first: by last day of the term'),
    nextCursor: z.string().nullable().describe('Pass as ?cursor= for the next page; null on the last page'),
  })
  .meta({ id: 'InzageRequestList' });
export type InzageRequestListResponseDto = z.infer<typeof inzageRequestListResponseSchema>;
