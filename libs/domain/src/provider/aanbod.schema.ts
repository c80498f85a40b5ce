import { z } from 'zod';
import { ORGANISATION_ID, type ActorRef } from '../actor/actor';
import { TOEWIJZING_ROUTES } from '../referral/referral-request.schema';
import { SCHOOL_SECTORS } from '../school/school-sector';
import { FUNCTION_MAILBOX_EXAMPLES, functionMailboxProblem, functionPhoneProblem } from './function-mailbox.rule';

/**
 * The provider catalogue (issue 11 §1): the concrete aanbod a loket assigns a child to, each offered by an
 * aanbieder. Kinds, routes, funders and intake routes follow DOMAIN-PROVIDERS.md §1.5 (condensed from §1.2-1.4).
 * No personal data: an aanbieder is an organisation, a contact is a function and its mailbox.
 */

/** Kinds of aanbod (DOMAIN-PROVIDERS.md §1.2-1.5). Stored in `aanbod.kind`: never rename one once released. */
export const AANBOD_KINDS = [
  /** WIJ-team (Groningen) or wijkteam: one team per wijk, direct access, Basis jeugdhulp without beschikking (§1.2, §1.3). */
  'wijkteam',
  /** VO-WIJ team: gemeente staff present at VO, VSO and PrO schools, linking pupils to their home WIJ-team (§1.2). */
  'vo_wij_team',
  /** School als Wijk: the VO-WIJ model at MBO schools (§1.2). */
  'school_als_wijk',
  /** Schoolmaatschappelijk werk: gemeente-subsidised short-term help to pupils, parents and teachers (§1.3). */
  'schoolmaatschappelijk_werk',
  /** A jeugdhulpaanbieder's product: ambulant, daghulp/dagbehandeling or verblijf (§1.4). */
  'jeugdhulpaanbieder',
  /** Onderwijszorgarrangement (OZA): one integral arrangement of education and care (§1.3, §1.4). */
  'onderwijszorgarrangement',
  /** Speciaal basisonderwijs, speciaal onderwijs, voortgezet speciaal onderwijs, praktijkonderwijs: TLV route (§1.4; DOMAIN.md §1.3). */
  'sbo',
  'so',
  'vso',
  'pro',
  /** Rebound, time-out or OPDC: a temporary place; the pupil stays enrolled at the home school (§1.4). */
  'rebound',
  /** Voorschool / Kinderopvang Plus: toddlers with care needs, gemeente-designated providers only (§1.3). */
  'voorschool_plus',
] as const;
export type AanbodKind = (typeof AANBOD_KINDS)[number];

export type AanbodRoute = (typeof TOEWIJZING_ROUTES)[number];

/**
 * Who pays for the aanbod on whose behalf the loket assigns it. Rijk (school funding), Zvw, Wlz and parents
 * co-fund some of it (DOMAIN-PROVIDERS.md §1.4, ZiO), but a toewijzing is made for an SWV or a gemeente.
 */
export const AANBOD_FUNDERS = ['swv', 'gemeente'] as const;
export type AanbodFunder = (typeof AANBOD_FUNDERS)[number];

/**
 * How a child gets in (DOMAIN-PROVIDERS.md §6): directly; via the school's zorgstructuur (MDO, zorgteam, CvB);
 * with a gemeente beschikking or a medische verwijzing (DOMAIN.md §1.4); with a TLV (DOMAIN.md §1.3); by the
 * SWV's committee; or with a CJG/JGZ indicatie (voorschool, §1.3).
 */
export const INTAKE_ROUTES = ['direct', 'school_mdo', 'beschikking', 'medische_verwijzing', 'tlv', 'swv_commissie', 'cjg_indicatie'] as const;
export type IntakeRoute = (typeof INTAKE_ROUTES)[number];

/** Sectors an aanbod serves: the school sectors a referral comes from, and voorschool for Kinderopvang Plus (§1.3). */
export const AANBOD_SECTORS = ['voorschool', ...SCHOOL_SECTORS] as const;
export type AanbodSector = (typeof AANBOD_SECTORS)[number];

/** The function a contact mailbox serves: a role, never a person. */
export const CONTACT_ROLES = ['intake', 'aanmelding', 'loket', 'zorgcoordinatie', 'plaatsing', 'secretariaat', 'frontoffice'] as const;
export type ContactRole = (typeof CONTACT_ROLES)[number];

/** What each kind demands of the rest of an aanbod (DOMAIN-PROVIDERS.md §1.5). */
interface AanbodKindRule {
  /** The toewijzing routes an aanbod of this kind can serve. */
  routes: readonly AanbodRoute[];
  /** One team per wijk: the aanbod must name the wijk(en) it serves (§1.2, "one team per wijk"). */
  requiresWijk?: true;
  /** An intake route the kind cannot do without. */
  requiresIntake?: IntakeRoute;
}

const SCHOOL_KIND: AanbodKindRule = { routes: ['onderwijs'], requiresIntake: 'tlv' };

export const AANBOD_KIND_RULES: Readonly<Record<AanbodKind, AanbodKindRule>> = {
  wijkteam: { routes: ['jeugdhulp'], requiresWijk: true },
  vo_wij_team: { routes: ['gecombineerd'] },
  school_als_wijk: { routes: ['gecombineerd'] },
  // "Jeugdhulp-preventive" (§1.5): support around school, paid by the gemeente.
  schoolmaatschappelijk_werk: { routes: ['jeugdhulp'] },
  jeugdhulpaanbieder: { routes: ['jeugdhulp'] },
  onderwijszorgarrangement: { routes: ['gecombineerd'] },
  // Admission to sbo, so/vso and PrO needs a TLV from the SWV (DOMAIN.md §1.3).
  sbo: SCHOOL_KIND,
  so: SCHOOL_KIND,
  vso: SCHOOL_KIND,
  pro: SCHOOL_KIND,
  rebound: { routes: ['onderwijs'] },
  // §1.5 routes it "voorschool (+jeugdhulp)"; Schakel's toewijzing knows no voorschool route, so care or combined.
  voorschool_plus: { routes: ['jeugdhulp', 'gecombineerd'] },
};

// ------------------------------------------------------------------------------------------- field schemas

/** E-mail addresses, phone numbers and BSN-shaped numbers: none belongs in a name or a description. */
const CONTACT_SHAPED = /[^\s@]+@[^\s@]+\.[^\s@]+|(?:\+31|\b0)[\s-]?(?:\d[\s-]?){9}\b|\b\d{8,9}\b/;

/** Free text of the catalogue (names, descriptions): never a way around the contact rule. */
const catalogueText = (min: number, max: number) =>
  z
    .string()
    .trim()
    .min(min, min === 1 ? 'must not be empty' : `must be at least ${min} characters`)
    .max(max, `must be at most ${max} characters`)
    .refine((value) => !CONTACT_SHAPED.test(value), 'may hold no e-mail address, phone number or BSN: contact details go in contact, and the catalogue holds no personal data');

/** A list without repeats, whose refusal names the repeated value. */
const uniqueList = <T extends z.ZodType>(item: T, min: number, max: number, what: string) =>
  z
    .array(item)
    .min(min, min === 1 ? `name at least one ${what}` : `name at least ${min} ${what}s`)
    .max(max, `at most ${max} ${what}s`)
    .superRefine((values, ctx) => {
      const seen = new Set<unknown>();
      values.forEach((value, index) => {
        if (seen.has(value)) ctx.addIssue({ code: 'custom', path: [index], message: `repeats ${JSON.stringify(value)}` });
        seen.add(value);
      });
    });

const oneOf = <const T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { message: `must be one of ${values.join(', ')}` });

/** A wijk by its name as the gemeente uses it (e.g. Oosterparkwijk, Delfshaven, Feijenoord). */
export const WIJK_NAME = z
  .string()
  .trim()
  .min(2, 'must be at least 2 characters')
  .max(60, 'must be at most 60 characters')
  .regex(/^[\p{L}\p{M}0-9' .()/-]+$/u, 'may hold only letters, digits, spaces and . \' ( ) / -');

/** The aanbieder: an organisation, known by the code its people's tokens carry as `org` (e.g. an AGB code or BRIN). */
export const aanbiederSchema = z
  .object({
    code: ORGANISATION_ID.describe("The organisation's code, as in its staff's tokens (org): e.g. an AGB code, a KvK number or a BRIN"),
    name: catalogueText(2, 160),
  })
  .strict();
export type Aanbieder = z.infer<typeof aanbiederSchema>;

const AGE = z.number({ message: 'must be a number of years' }).int('must be a whole number of years').min(0, 'must be at least 0').max(30, 'must be at most 30');

/** Ages served in whole years, both ends included (e.g. VSO 12-20; jeugdhulp up to 18, extendable to 23). */
export const agesSchema = z
  .object({ from: AGE, to: AGE })
  .strict()
  .refine((ages) => ages.from <= ages.to, { message: 'must not be below from', path: ['to'] });
export type AanbodAges = z.infer<typeof agesSchema>;

const CONTACT_KEYS = 'role, mailbox and phone';

/** A contact is a function and its mailbox, never a person: no name, no personal address, no mobile number. */
export const contactSchema = z
  .object(
    {
      role: oneOf(CONTACT_ROLES).describe('The function the mailbox serves, e.g. intake'),
      mailbox: z
        .email('must be an e-mail address')
        .max(254, 'must be at most 254 characters')
        .superRefine((address, ctx) => {
          const problem = functionMailboxProblem(address);
          if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
        })
        .describe(`A function mailbox (${FUNCTION_MAILBOX_EXAMPLES}), never a person's address`),
      phone: z
        .string()
        .trim()
        .regex(/^\+?[0-9 ()-]{10,20}$/, 'must be a phone number of 10-20 digits, spaces, dashes or brackets, optionally starting with +')
        .superRefine((phone, ctx) => {
          const problem = functionPhoneProblem(phone);
          if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
        })
        .optional()
        .describe("The team's or front office's number; no mobile (06) numbers"),
    },
    { error: (issue) => (issue.code === 'unrecognized_keys' ? `may hold only ${CONTACT_KEYS}, not ${issue.keys.join(', ')}: a contact is a function, never a person` : undefined) },
  )
  .strict();
export type AanbodContact = z.infer<typeof contactSchema>;

/** The fields of an aanbod as a loket or admin writes them; without the rules between fields (see aanbodRequestSchema). */
export const aanbodFieldsSchema = z
  .object({
    aanbieder: aanbiederSchema,
    name: catalogueText(2, 160).describe('The aanbod as the region knows it, e.g. "WIJ-team Oosterparkwijk" or "SO De Wierde (cluster 4)"'),
    kind: oneOf(AANBOD_KINDS),
    route: oneOf(TOEWIJZING_ROUTES).describe('The toewijzing route it serves; fixed by the kind except for voorschool_plus'),
    funders: uniqueList(oneOf(AANBOD_FUNDERS), 1, AANBOD_FUNDERS.length, 'funder'),
    region: ORGANISATION_ID.describe("The samenwerkingsverband (region) whose loket assigns to it, as in the loket's token (e.g. swv-2801)"),
    wijken: uniqueList(WIJK_NAME, 0, 50, 'wijk').optional().describe('The wijken served; none: the whole region'),
    sectors: uniqueList(oneOf(AANBOD_SECTORS), 1, AANBOD_SECTORS.length, 'sector'),
    ages: agesSchema,
    capacity: z.number({ message: 'must be a number of places' }).int('must be a whole number of places').min(0, 'must be at least 0').max(10_000, 'must be at most 10000').describe('Places in total'),
    intakeRoutes: uniqueList(oneOf(INTAKE_ROUTES), 1, INTAKE_ROUTES.length, 'intake route'),
    contact: contactSchema,
    description: catalogueText(1, 1000).nullable().optional(),
  })
  .strict();
export type AanbodFields = z.output<typeof aanbodFieldsSchema>;

/** The rules between fields, as issues on the field to correct (DOMAIN-PROVIDERS.md §1.5). */
function kindRuleIssues(aanbod: Pick<AanbodFields, 'kind' | 'route' | 'wijken' | 'intakeRoutes'>, ctx: z.RefinementCtx): void {
  const rule = AANBOD_KIND_RULES[aanbod.kind];
  if (!rule.routes.includes(aanbod.route)) {
    ctx.addIssue({ code: 'custom', path: ['route'], message: `must be ${rule.routes.join(' or ')} for kind ${aanbod.kind}` });
  }
  if (rule.requiresWijk === true && (aanbod.wijken ?? []).length === 0) {
    ctx.addIssue({ code: 'custom', path: ['wijken'], message: `must name the wijk(en) served: a ${aanbod.kind} is one team per wijk` });
  }
  if (rule.requiresIntake !== undefined && !aanbod.intakeRoutes.includes(rule.requiresIntake)) {
    ctx.addIssue({ code: 'custom', path: ['intakeRoutes'], message: `must include ${rule.requiresIntake} for kind ${aanbod.kind}` });
  }
}

/** POST /api/providers: a whole aanbod. The same schema checks a PATCH once it is merged with the stored aanbod. */
export const aanbodRequestSchema = aanbodFieldsSchema.superRefine(kindRuleIssues);
export type AanbodRequest = z.output<typeof aanbodRequestSchema>;

/**
 * PATCH /api/providers/:id: the fields to replace (an object such as contact or ages is replaced whole; null
 * removes the description). Capacity is changed here; places taken are the waiting list's, never the client's.
 */
export const aanbodPatchSchema = aanbodFieldsSchema
  .partial()
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'name at least one field to change' });
export type AanbodPatch = z.output<typeof aanbodPatchSchema>;

const reasonText = z.string().trim().min(1, 'must not be empty').max(1000, 'must be at most 1000 characters');

/** POST /api/providers/:id/retire: why the aanbod is no longer offered (it stays readable, out of the lists). */
export const retireAanbodRequestSchema = z.object({ reason: reasonText }).strict();
export type RetireAanbodRequest = z.infer<typeof retireAanbodRequestSchema>;

/** One aanbod of the catalogue as stored. */
export interface Aanbod extends Omit<AanbodFields, 'wijken' | 'description'> {
  id: string;
  wijken: string[];
  description: string | null;
  /** Maintained by the waiting lists (issue 11 §3); 0 until they exist. */
  placesTaken: number;
  version: number;
  createdAt: string;
  createdBy: ActorRef;
  updatedAt: string;
  updatedBy: ActorRef;
  retired: { at: string; by: ActorRef; reason: string } | null;
}

/** Places still free; never negative, also when capacity was lowered below the places taken. */
export function freePlacesOf(aanbod: Pick<Aanbod, 'capacity' | 'placesTaken'>): number {
  return Math.max(0, aanbod.capacity - aanbod.placesTaken);
}

/** The writable fields of a stored aanbod, to merge a PATCH onto. */
export function aanbodFieldsOf(aanbod: Aanbod): AanbodFields {
  const { aanbieder, name, kind, route, funders, region, wijken, sectors, ages, capacity, intakeRoutes, contact, description } = aanbod;
  return { aanbieder, name, kind, route, funders, region, wijken, sectors, ages, capacity, intakeRoutes, contact, description };
}
