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
    limit: z.coerce.number().int('must be a whole number').min(1, 'must be at least 1').max(100, 'must be at most 100').default(LIST_LIMIT_DEFAULT),
    cursor: REFERRAL_CURSOR.optional().describe('nextCursor of the previous page'),
  })
  .strict();
export type ListReferralsRequestDto = z.output<typeof listReferralsRequestSchema>;
