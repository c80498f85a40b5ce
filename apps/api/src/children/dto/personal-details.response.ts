import { z } from 'zod';
import { personalDetailsRequestSchema } from '@schakel/domain';
import type { StoredPersonalDetails } from '@schakel/persistence';
import { actorRefSchema, INSTANT } from '../../openapi/common.response';

export const personalDetailsResponseSchema = z
  .object({
    childRef: z.string(),
    child: personalDetailsRequestSchema.shape.child,
    parents: personalDetailsRequestSchema.shape.parents,
    version: z.number().int().describe('Send it back as If-Match ("3") to change these details only if nobody else did in between'),
    updatedAt: INSTANT,
    updatedBy: actorRefSchema,
  })
  .meta({ id: 'PersonalDetails' });
export type PersonalDetailsResponseDto = z.infer<typeof personalDetailsResponseSchema>;

export function toPersonalDetailsResponse(stored: StoredPersonalDetails): PersonalDetailsResponseDto {
  return { childRef: stored.childRef, ...stored.details, version: stored.version, updatedAt: stored.updatedAt.toISOString(), updatedBy: stored.updatedBy };
}
