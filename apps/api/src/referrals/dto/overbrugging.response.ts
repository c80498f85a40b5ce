import { z } from 'zod';
import { OVERBRUGGING_FORMS } from '@schakel/domain';

/** Where the case stands on its aanbod's wachtlijst after overbrugging was recorded or ended (issue 11 §4). */
export const overbruggingResponseSchema = z
  .object({
    referralId: z.uuid(),
    aanbodId: z.string().describe('The aanbod whose wachtlijst the case waits on'),
    overbrugging: z.enum(OVERBRUGGING_FORMS).nullable().describe('The overbruggingszorg now recorded; null: none (ended)'),
    status: z.enum(['wachtend', 'toegelaten']).describe('wachtend: still on the list; toegelaten: a place was given meanwhile'),
    position: z.number().int().min(1).nullable().describe('1-based place in the queue while waiting'),
    waiting: z.number().int().min(0).describe('Cases waiting on this list'),
    freePlaces: z.number().int().min(0),
  })
  .meta({ id: 'OverbruggingResponse' });
export type OverbruggingResponseDto = z.infer<typeof overbruggingResponseSchema>;
