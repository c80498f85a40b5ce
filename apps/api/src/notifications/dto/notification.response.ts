import { z } from 'zod';
import { ROLES } from '@schakel/domain';
import type { NotificationInput } from '@schakel/workflows/contracts';

const INSTANT = z.string().describe('ISO 8601 instant');

export const NOTIFICATION_KINDS = ['reminder', 'escalation', 'thuiszitter', 'overstap'] as const satisfies readonly NotificationInput['kind'][];

export const notificationResponseSchema = z
  .object({
    id: z.uuid(),
    referralId: z.uuid().nullable().describe('The referral; null for a notice about a child plan'),
    childRef: z.string().nullable().describe("The child's pseudonymous reference, for a notice about the child's plan (an overstap)"),
    transitionId: z.string().nullable().describe('The overstap the notice is about, e.g. overstap-1'),
    kind: z.enum(NOTIFICATION_KINDS),
    rule: z.string().describe("The deadline policy's rule, e.g. toewijzing"),
    level: z.number().int().describe('Escalation level; 0 for a reminder'),
    dueAt: INSTANT,
    occurredAt: INSTANT,
    recipient: z
      .object({ role: z.enum(ROLES), org: z.string().optional(), region: z.string().optional(), sub: z.string().optional() })
      .describe('To a person (sub), or to a role within an organisation or region'),
    message: z.string().describe('Short Dutch text: ids, rule and due date, never personal data'),
    createdAt: INSTANT,
    links: z.object({ referral: z.string().optional(), plan: z.string().optional() }),
  })
  .meta({ id: 'Notification' });
export type NotificationResponseDto = z.infer<typeof notificationResponseSchema>;

export const notificationListResponseSchema = z
  .object({
    items: z.array(notificationResponseSchema),
    nextCursor: z.string().nullable().describe('Pass as ?cursor= for the next page; null on the last page'),
  })
  .meta({ id: 'NotificationList' });
export type NotificationListResponseDto = z.infer<typeof notificationListResponseSchema>;
