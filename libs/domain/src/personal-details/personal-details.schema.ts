import { z } from 'zod';
import { CALENDAR_DATE } from '../time/amsterdam-time';

/**
 * The child's and parents' personal details (issue 5 §3): what an aanmelding carries — name and date of
 * birth of the pupil, the parents' names and how to reach them (DOMAIN.md §3.1). Stored once, in Postgres,
 * outside every workflow, search attribute and log; the process itself knows the child only by its
 * pseudonymous reference.
 *
 * No BSN: it may not be used between school and samenwerkingsverband (art. 46 UAVG, DOMAIN.md §3.2), so
 * a field for it would invite exactly that; anything shaped like one is refused in every name field too.
 */

const BSN_SHAPED = /\b\d{8,9}\b/;
const name = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    // Names carry letters, spaces, apostrophes, dashes and dots (tussenvoegsels, initials); no digits.
    .regex(/^[\p{L}\p{M}' .-]+$/u, 'may hold only letters, spaces, apostrophes, dashes and dots')
    .refine((value) => !BSN_SHAPED.test(value), 'looks like a BSN, which Schakel does not record');

export const PARENT_RELATIONS = ['ouder', 'voogd', 'verzorger', 'pleegouder'] as const;

const parentSchema = z
  .object({
    name: name(120),
    relation: z.enum(PARENT_RELATIONS),
    // Only a parent with gezag decides on consent (DOMAIN.md §3.2); the others are informed.
    gezag: z.boolean(),
    email: z.email('must be an e-mail address').max(254, 'must be at most 254 characters').optional(),
    phone: z
      .string()
      .trim()
      .regex(/^\+?[0-9 ()-]{10,20}$/, 'must be a phone number of 10-20 digits, spaces, dashes or brackets, optionally starting with +')
      .optional(),
  })
  .strict()
  .refine((parent) => parent.email !== undefined || parent.phone !== undefined, { message: 'give an e-mail address or a phone number', path: ['email'] });

export const personalDetailsRequestSchema = z
  .object({
    child: z
      .object({
        givenNames: name(120),
        familyName: name(120).describe('Including a tussenvoegsel, e.g. "van der Berg"'),
        birthDate: CALENDAR_DATE,
      })
      .strict(),
    parents: z.array(parentSchema).max(4, 'at most 4 parents or carers').default([]),
  })
  .strict();
export type PersonalDetailsRequest = z.infer<typeof personalDetailsRequestSchema>;
export type PersonalDetails = PersonalDetailsRequest;
