import { z } from 'zod';
import { INSTANT } from '../../openapi/common.response';

const DATE = z.string().describe('YYYY-MM-DD (Dutch calendar day)');

export const inzageDossierResponseSchema = z
  .object({
    childRef: z.string(),
    compiledAt: INSTANT,
    request: z
      .object({
        id: z.uuid(),
        receivedAt: INSTANT,
        dueOn: DATE.describe('One month after receipt (AVG art. 12(3))'),
        answeredAt: INSTANT,
      })
      .describe('The request of inzage this answers, as recorded with its term'),
    personalDetails: z
      .object({
        child: z.object({ givenNames: z.string(), familyName: z.string(), birthDate: DATE }),
        parents: z.array(z.object({ name: z.string(), relation: z.string(), gezag: z.boolean() })),
      })
      .nullable()
      .describe('As recorded; the parents’ e-mail addresses and phone numbers are left out (theirs, not the child’s)'),
    plan: z.record(z.string(), z.unknown()).describe("The child's plan as its workflow holds it, actors by role and organisation only"),
    planTimeline: z.array(z.record(z.string(), z.unknown())),
    cases: z.array(z.record(z.string(), z.unknown())).describe('Each referral as its workflow holds it, with its timeline; medical and third-party content left out'),
    notifications: z.array(
      z.object({
        referralId: z.string().nullable(),
        transitionId: z.string().nullable(),
        kind: z.string(),
        rule: z.string(),
        level: z.number().int(),
        dueAt: INSTANT,
        occurredAt: INSTANT,
        recipientRole: z.string(),
        recipientOrg: z.string().nullable(),
        message: z.string(),
      }),
    ),
    leftOut: z
      .array(z.object({ part: z.string(), reason: z.enum(['medisch', 'derden']), explanation: z.string() }))
      .describe('Every part left out, and why (ADR 0016)'),
  })
  .meta({ id: 'InzageDossier' });
export type InzageDossierResponseDto = z.infer<typeof inzageDossierResponseSchema>;
