import { z } from 'zod';
import { CHILD_REFERENCE } from '@schakel/domain';

/** GET /api/audit: the trail of one referral (`case`), one child's plan (`child`) or one aanbod (`aanbod`), oldest first. */
export const auditRequestSchema = z
  .object({
    case: z.uuid({ message: 'must be a referral id (UUID)' }).optional(),
    child: CHILD_REFERENCE.optional(),
    aanbod: z.uuid({ message: 'must be the id of an aanbod of the provider catalogue (UUID)' }).optional(),
    limit: z.coerce.number().int('must be a whole number').min(1, 'must be at least 1').max(500, 'must be at most 500').default(100),
    after: z.string().regex(/^\d{1,19}$/, 'must be the id of the last entry of the previous page').optional(),
  })
  .strict()
  .refine((q) => [q.case, q.child, q.aanbod].filter((subject) => subject !== undefined).length === 1, { message: 'name exactly one of case, child and aanbod', path: ['case'] });
export type AuditRequestDto = z.output<typeof auditRequestSchema>;

export const auditEntrySchema = z
  .object({
    id: z.string(),
    occurredAt: z.string(),
    actor: z.object({ sub: z.string(), role: z.string(), org: z.string().nullable() }),
    action: z.string().describe('e.g. referral.read, referral.listed, plan.read, plan.scheduleTransition, provider.change, or a timeline event type for a change'),
    referralId: z.string().nullable(),
    childRef: z.string().nullable(),
    aanbodId: z.string().nullable().describe('For a change of the provider catalogue: the aanbod (GET /api/providers/{id})'),
    eventSeq: z.number().nullable().describe("For a change: the case timeline entry it records"),
    requestId: z.string().nullable(),
  })
  .meta({ id: 'AuditEntry' });

export const auditResponseSchema = z
  .object({ items: z.array(auditEntrySchema), nextAfter: z.string().nullable().describe('Pass as ?after= for the next page; null on the last page') })
  .meta({ id: 'AuditTrail' });
export type AuditResponseDto = z.infer<typeof auditResponseSchema>;
