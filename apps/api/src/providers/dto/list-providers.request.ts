import { z } from 'zod';
import { AANBOD_KINDS, AANBOD_SECTORS, ORGANISATION_ID, TOEWIJZING_ROUTES } from '@schakel/domain';
import { PROVIDER_CURSOR } from '../provider-list.cursor';

export const PROVIDER_LIST_LIMIT_DEFAULT = 25;

/** Only `true`: "=false" could mean "without" or "no filter", and a list must not guess (as overdue= in the work list). */
const onlyTrue = (what: string) =>
  z
    .enum(['true'], { message: `must be true (leave it out for ${what})` })
    .transform(() => true as const)
    .optional();

/** Query parameters of GET /api/providers; unknown parameters are refused so a typo never widens a list. */
export const listProvidersRequestSchema = z
  .object({
    kind: z.enum(AANBOD_KINDS, { message: `must be one of ${AANBOD_KINDS.join(', ')}` }).optional(),
    route: z.enum(TOEWIJZING_ROUTES, { message: `must be one of ${TOEWIJZING_ROUTES.join(', ')}` }).optional(),
    region: ORGANISATION_ID.optional().describe('The samenwerkingsverband, e.g. swv-2801'),
    sector: z.enum(AANBOD_SECTORS, { message: `must be one of ${AANBOD_SECTORS.join(', ')}` }).optional().describe('Only aanbod that serves this sector'),
    withFreePlaces: onlyTrue('every aanbod, full or not').describe('true: only aanbod with a free place (capacity above the places taken)'),
    includeRetired: onlyTrue('the aanbod still offered').describe('true: retired aanbod too'),
    limit: z.coerce.number().int('must be a whole number').min(1, 'must be at least 1').max(100, 'must be at most 100').default(PROVIDER_LIST_LIMIT_DEFAULT),
    cursor: PROVIDER_CURSOR.optional().describe('nextCursor of the previous page'),
  })
  .strict();
export type ListProvidersRequestDto = z.output<typeof listProvidersRequestSchema>;
