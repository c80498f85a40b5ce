import { z } from 'zod';
import { ORGANISATION_ID } from '../actor/actor';
import { BRIN } from '../school/school-sector';
import { CALENDAR_DATE, DATE_OR_INSTANT } from '../time/amsterdam-time';
import { VOORSCHOOL_DESTINATIONS } from './voorschool.rule';

/**
 * Request bodies of the voorschool → PO overstap (issue 11 §5), shared by the API and the plan workflow's
 * Update validators. No personal data: the child's date of birth is read from the personal details by the
 * API (issue 5 §3), never sent with a step.
 */

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

export const VOORSCHOOL_KINDS = ['voorschool', 'peuteropvang', 'kinderdagverblijf'] as const;

export const scheduleVoorschoolTransitionRequestSchema = z
  .object({
    /** The voorschool organisation (its organisation code, as in its provider token), and what kind of setting. */
    from: z.object({ org: ORGANISATION_ID, kind: z.enum(VOORSCHOOL_KINDS) }).strict(),
    to: z.object({ sector: z.enum(VOORSCHOOL_DESTINATIONS, { message: `must be one of ${VOORSCHOOL_DESTINATIONS.join(', ')}` }), brin: BRIN }).strict(),
    /** The first school day; from the fourth birthday (checked against the date of birth). */
    startDate: DATE_OR_INSTANT,
    /** The child has a VE indicatie (from JGZ, DOMAIN-PROVIDERS.md §3.1). */
    veIndicatie: z.boolean(),
    /** Concerns about the child's development or support: the overdracht is complex, a warme overdracht follows. */
    supportNeeded: z.boolean(),
  })
  .strict();
export type ScheduleVoorschoolTransitionRequest = z.infer<typeof scheduleVoorschoolTransitionRequestSchema>;

/**
 * The parents' answer to sharing the overdracht with the school: written, by the parents with gezag (the
 * consent rule `voorschoolOverdracht`), recorded as a step by the voorschool or the loket. Parents see the
 * form, cannot change it, but may add a reaction (DOMAIN-PROVIDERS.md §3.3).
 */
export const voorschoolConsentRequestSchema = z
  .object({
    givenOn: CALENDAR_DATE,
    parentsWithGezag: z.number().int().min(0).max(2),
    parentsConsenting: z.number().int().min(0).max(2),
    form: z.literal('schriftelijk', { message: 'must be schriftelijk: the consent is given in writing' }),
    parentsReaction: text(2000).optional(),
  })
  .strict()
  .refine((c) => c.parentsConsenting <= c.parentsWithGezag, { message: 'must not exceed parentsWithGezag', path: ['parentsConsenting'] });
export type VoorschoolConsentRequest = z.infer<typeof voorschoolConsentRequestSchema>;

export const VOORSCHOOL_DOCUMENT_KINDS = ['overdrachtsformulier', 'kindvolgsysteem'] as const;

/**
 * The overdracht as sent: the VE programme and its duration always; the form and kindvolgsysteem data only with
 * the parents' consent. References and metadata only, never the documents (as with OSO, DOMAIN.md §1.10).
 */
export const voorschoolOverdrachtRequestSchema = z
  .object({
    sentOn: CALENDAR_DATE,
    ve: z.object({ programme: text(200), durationMonths: z.number().int().min(1).max(36) }).strict().nullable(),
    documents: z
      .array(
        z
          .object({
            kind: z.enum(VOORSCHOOL_DOCUMENT_KINDS),
            reference: z.string().regex(/^[A-Za-z0-9._:/-]{3,120}$/, 'must be a document reference of 3-120 letters, digits or . _ : / -'),
          })
          .strict(),
      )
      .max(10, 'at most 10 documents'),
  })
  .strict();
export type VoorschoolOverdrachtRequest = z.infer<typeof voorschoolOverdrachtRequestSchema>;
