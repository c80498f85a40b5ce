import { z } from 'zod';
import { CALENDAR_DATE } from '../time/amsterdam-time';

/**
 * Request bodies of the consent gates and the zienswijze (issue 11 §6, ADR 0019). The API parses bodies with
 * them and the referral workflow's Update validators parse the same commands again.
 */

const GATE_ID = z.string().regex(/^toestemming-\d{1,3}$/, 'must name a consent gate of this referral, e.g. toestemming-1');
export const TOESTEMMING_BESLUITEN = ['toestemming', 'weigering'] as const;
export type ToestemmingBesluit = (typeof TOESTEMMING_BESLUITEN)[number];

/** The parent or young person answers for themselves; who they are (and so which party) comes from the token. */
export const toestemmingRequestSchema = z
  .object({
    gateId: GATE_ID,
    besluit: z.enum(TOESTEMMING_BESLUITEN, { message: 'must be toestemming or weigering' }),
  })
  .strict();
export type ToestemmingRequest = z.infer<typeof toestemmingRequestSchema>;

/**
 * A signed paper form, recorded by staff: which party, on which day, and that the signed form is on file with
 * the organisation. No scan and no names: the form stays where it was signed (data minimisation, DOMAIN.md §3.2).
 */
export const paperToestemmingRequestSchema = z
  .object({
    gateId: GATE_ID,
    party: z.enum(['ouders', 'jongere'], { message: 'must be ouders or jongere' }),
    besluit: z.enum(TOESTEMMING_BESLUITEN, { message: 'must be toestemming or weigering' }),
    signedOn: CALENDAR_DATE,
    formOnFile: z.literal(true, { message: 'must be true: a paper consent is recorded only when the signed form is on file' }),
    /** For the party ouders: how many parents with gezag signed (joint gezag asks both, Jeugdwet art. 7.3.4). */
    parentsSigning: z.number().int().min(1, 'must be at least 1').max(2, 'must be at most 2').optional(),
    /** For the party ouders: how many parents hold gezag, as the form states; overrides what Schakel knew. */
    parentsWithGezag: z.number().int().min(0).max(2, 'must be at most 2').optional(),
  })
  .strict()
  .refine((p) => p.party === 'ouders' || (p.parentsSigning === undefined && p.parentsWithGezag === undefined), {
    message: 'must be omitted when party is jongere',
    path: ['parentsSigning'],
  })
  .refine((p) => p.parentsSigning === undefined || p.parentsWithGezag === undefined || p.parentsSigning <= p.parentsWithGezag, {
    message: 'must not exceed parentsWithGezag',
    path: ['parentsSigning'],
  });
export type PaperToestemmingRequest = z.infer<typeof paperToestemmingRequestSchema>;

/** A written view on the arrangement awaiting approval. Free text, bounded; never in a log or search attribute. */
export const zienswijzeRequestSchema = z
  .object({ text: z.string().trim().min(1, 'must not be empty').max(2000, 'must be at most 2000 characters') })
  .strict();
export type ZienswijzeRequest = z.infer<typeof zienswijzeRequestSchema>;

/**
 * What the API looked up for a gated step at the moment of the decision: the child's age in whole years (from the
 * date of birth in the personal details, never stored with the case) and the number of parents with gezag on
 * record; null when unknown.
 */
export const consentContextSchema = z
  .object({
    ageYears: z.number().int().min(0).max(30).nullable(),
    parentsWithGezag: z.number().int().min(0).max(4).nullable(),
  })
  .strict();
export type ConsentContext = z.infer<typeof consentContextSchema>;
