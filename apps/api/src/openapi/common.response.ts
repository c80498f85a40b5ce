import { z } from 'zod';
import { ACTOR_REF_ROLES, DEADLINE_RULE_IDS } from '@schakel/domain';

/** Response building blocks shared by the referral and the child-plan views (one OpenAPI component each). */

export const INSTANT = z.string().describe('ISO 8601 instant');

export const actorRefSchema = z.object({ sub: z.string(), role: z.enum(ACTOR_REF_ROLES), org: z.string().optional() }).meta({ id: 'ActorRef' });

/** One term as a workflow holds it (issue 3 §6: "every running deadline with its due date and level"). */
export const runningDeadlineResponseSchema = z
  .object({
    id: z.string().describe('<rule>-<n>, e.g. toewijzing-1 (also its path segment in /deadlines/:deadlineId)'),
    rule: z.enum(DEADLINE_RULE_IDS),
    openedAt: INSTANT,
    dueAt: INSTANT.describe('End of the due day; moves when the term is paused and resumed, or extended'),
    level: z.number().int().describe('Escalation levels that have fired (0: none)'),
    reminded: z.boolean(),
    pausedAt: INSTANT.optional().describe('Set while the term is paused (opgeschort)'),
    pauseReason: z.string().optional(),
    extensions: z.number().int().describe('How often the term was extended'),
    closedAt: INSTANT.optional().describe('Set once the step is done or the case closed'),
  })
  .meta({ id: 'RunningDeadline' });
