import { z } from 'zod';
import { BRIN, REFERRAL_STAGES } from '@schakel/domain';
import { REFERRAL_CURSOR } from '../referral-list.cursor';

export const LIST_LIMIT_DEFAULT = 25;

/** Query parameters of GET /api/referrals; unknown parameters are refused so a typo never widens a list. */
export const listReferralsRequestSchema = z
  .object({
    stage: z.enum(REFERRAL_STAGES).optional(),
    school: BRIN.optional().describe('BRIN of the school'),
    regisseur: z.string().min(1).max(200).optional().describe('Subject (sub) of the assigned regisseur'),
    // Only `true`: "overdue=false" could mean "not overdue" or "no filter", and a list must not guess (issue 3 §6).
    overdue: z
      .enum(['true'], { message: 'must be true (leave it out for the whole work list)' })
      .transform(() => true as const)
      .optional()
      .describe('true: only open referrals with an overdue deadline, most overdue first (longest-overdue deadline first)'),
    limit: z.coerce.number().int('must be a whole number').min(1, 'must be at least 1').max(100, 'must be at most 100').default(LIST_LIMIT_DEFAULT),
    cursor: REFERRAL_CURSOR.optional().describe('nextCursor of the previous page'),
  })
  .strict()
  .superRefine((query, ctx) => {
    // A keyset belongs to one order: a work-list cursor means nothing in the overdue list and vice versa.
    if (query.cursor !== undefined && (query.cursor.order === 'most_overdue') !== (query.overdue === true)) {
      ctx.addIssue({ code: 'custom', path: ['cursor'], message: `is a cursor of the ${query.cursor.order === 'most_overdue' ? 'overdue' : 'whole'} list; pass overdue as on the page it came from` });
    }
  });
export type ListReferralsRequestDto = z.output<typeof listReferralsRequestSchema>;
