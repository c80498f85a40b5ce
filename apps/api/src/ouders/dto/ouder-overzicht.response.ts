import { z } from 'zod';
import { REFERRAL_STAGES, SCHOOL_SECTORS, TRANSITION_STATUSES, type AskedToestemming, type OuderOverzicht } from '@schakel/domain';
import { INSTANT } from '../../openapi/common.response';

const DATE = z.string().describe('YYYY-MM-DD (Dutch calendar day)');

const stepSchema = z
  .object({
    text: z.string().describe('What happens next, in plain Dutch'),
    dueOn: DATE.nullable(),
    dueText: z.string().nullable().describe('e.g. "uiterlijk 3 december 2026"'),
    overdue: z.boolean(),
  })
  .meta({ id: 'OuderOverzichtStep' });

const decisionSchema = z
  .object({ on: DATE, text: z.string().describe('The decision, in plain Dutch'), reason: z.string().nullable().describe('The reason its maker recorded') })
  .meta({ id: 'OuderOverzichtDecision' });

const regisseurSchema = z
  .object({ assigned: z.boolean(), organisation: z.string().nullable().describe("The regisseur's organisation (code); never a staff member's identifier") })
  .meta({ id: 'OuderOverzichtRegisseur' });

export const ouderOverzichtResponseSchema = z
  .object({
    childRef: z.string(),
    asOf: INSTANT,
    regisseur: regisseurSchema,
    cases: z.array(
      z.object({
        referralId: z.string(),
        school: z.object({ brin: z.string(), sector: z.enum(SCHOOL_SECTORS) }),
        startedOn: DATE,
        stage: z.enum(REFERRAL_STAGES),
        stageText: z.string(),
        open: z.boolean(),
        nextStep: stepSchema.nullable(),
        regisseur: regisseurSchema,
        provider: z.string().nullable(),
        decisions: z.array(decisionSchema),
      }),
    ),
    transitions: z.array(
      z.object({
        transitionId: z.string(),
        text: z.string(),
        status: z.enum(TRANSITION_STATUSES),
        statusText: z.string(),
        startDate: DATE,
        nextStep: stepSchema.nullable(),
        decisions: z.array(decisionSchema),
      }),
    ),
    toestemmingen: z
      .array(
        z.object({
          referralId: z.string(),
          gateId: z.string().describe('Answer with POST /api/referrals/{referralId}/toestemming and this gateId'),
          question: z.string().describe('What is asked, in plain Dutch'),
          waitingFor: z.string().describe('Whose answer is still awaited, in plain Dutch'),
          yourTurn: z.boolean().describe('The reader is one of those whose answer is awaited'),
          dueOn: DATE.nullable(),
          dueText: z.string().nullable().describe('e.g. "graag uiterlijk 7 december 2026"'),
          overdue: z.boolean(),
          howTo: z.string(),
        }),
      )
      .describe('Consent asked of the family now (issue 11 §6): the open consent gates of the child’s cases'),
  })
  .meta({ id: 'OuderOverzicht' });
export type OuderOverzichtResponseDto = z.infer<typeof ouderOverzichtResponseSchema>;

export function toOuderOverzichtResponse(overzicht: OuderOverzicht, toestemmingen: AskedToestemming[] = []): OuderOverzichtResponseDto {
  return { ...(overzicht as Omit<OuderOverzichtResponseDto, 'toestemmingen'>), toestemmingen };
}
