import { z } from 'zod';

/**
 * What the retention sweep writes over a child reference when it anonymises a closed case
 * (libs/persistence/src/retention.sweeper.ts, ANONYMISED_CHILD_REF): a reference no token may name,
 * or a parent's token would reach every anonymised case at once.
 */
export const ANONYMISED_CHILD_REFERENCE = 'geanonimiseerd';

/**
 * The child is known to Schakel only by a pseudonym chosen by the school's own administration
 * (BSN may not be used between school and SWV, AVG art. 46 UAVG — DOMAIN.md §3.2), so anything
 * shaped like a BSN is refused.
 */
export const CHILD_REFERENCE = z
  .string()
  .regex(/^[A-Za-z0-9-]{6,64}$/, 'must be a pseudonymous reference of 6-64 letters, digits or dashes')
  .refine((ref) => !/^\d{8,9}$/.test(ref), 'looks like a BSN; use the pseudonymous child reference, never the BSN');
