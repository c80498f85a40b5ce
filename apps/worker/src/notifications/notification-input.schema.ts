import { z } from 'zod';
import { CHILD_REFERENCE, ORGANISATION_ID, ROLES, TRANSITION_ID } from '@schakel/domain';
import type { NotificationInput } from '@schakel/workflows/contracts';

const INSTANT = z.iso.datetime({ offset: true });

/**
 * What recordNotification accepts: the contract's NotificationInput, checked once more at the edge of
 * the database so a malformed notice fails loudly instead of being retried forever.
 */
export const notificationInputSchema = z.object({
  notificationId: z.uuid(),
  referralId: z.uuid().optional(),
  childRef: CHILD_REFERENCE.optional(),
  transitionId: TRANSITION_ID.optional(),
  kind: z.enum(['reminder', 'escalation', 'thuiszitter', 'overstap']),
  rule: z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/),
  level: z.number().int().min(0).max(100),
  dueAt: INSTANT,
  occurredAt: INSTANT,
  recipient: z.object({ role: z.enum(ROLES), org: ORGANISATION_ID.optional(), region: ORGANISATION_ID.optional(), sub: z.string().min(1).max(200).optional() }),
  message: z.string().min(1).max(2000),
})
  // Staff are reached through their organisation, region or person; the parents through the child the notice is
  // stored with (issue 11 §6: whoever's token names that child reads it).
  .refine(({ recipient: r, childRef }) => r.org !== undefined || r.region !== undefined || r.sub !== undefined || (r.role === 'ouder' && childRef !== undefined), {
    message: 'must name an organisation, a region or a person, or be for the parents of a named child',
    path: ['recipient'],
  })
  // A notice is about a referral or about a child's plan (issue 4): never about nothing.
  .refine((n) => n.referralId !== undefined || n.childRef !== undefined, { message: 'must name a referral or a child', path: ['referralId'] }) satisfies z.ZodType<NotificationInput>;

/** The fields that failed, by path only: the values may be case text. */
export function notificationInputProblems(input: unknown): string[] {
  const parsed = notificationInputSchema.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((issue) => issue.path.join('.') || '(input)');
}
