import { z } from 'zod';
import { deadlinePolicySchema, type DeadlinePolicy } from '@schakel/domain';
import type { DeadlinePolicyOrigin } from './deadline-policy.loader';

/** GET /api/policy: the policy itself, documented from the domain schema that validates policy files. */
export const deadlinePolicyResponseSchema = deadlinePolicySchema
  .safeExtend({
    origin: z.enum(['built-in', 'file']).describe('built-in: the national policy shipped with Schakel; file: the one SCHAKEL_POLICY_FILE names'),
  })
  .meta({ id: 'DeadlinePolicy' });
export type DeadlinePolicyResponseDto = z.output<typeof deadlinePolicyResponseSchema>;

export function toDeadlinePolicyResponse(policy: DeadlinePolicy, origin: DeadlinePolicyOrigin): DeadlinePolicyResponseDto {
  // The file's path stays on the server: it says nothing to a caseworker and something to an attacker.
  return { ...policy, origin: origin.kind };
}
