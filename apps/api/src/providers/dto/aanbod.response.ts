import { z } from 'zod';
import { AANBOD_FUNDERS, AANBOD_KINDS, AANBOD_SECTORS, CONTACT_ROLES, freePlacesOf, INTAKE_ROUTES, TOEWIJZING_ROUTES, type Aanbod } from '@schakel/domain';
import { actorRefSchema, INSTANT } from '../../openapi/common.response';

/** One aanbod as GET /api/providers and GET /api/providers/{id} show it. */
export const aanbodResponseSchema = z
  .object({
    id: z.string().describe('The aanbod’s id: the {id} of /api/providers/{id}'),
    aanbieder: z.object({ code: z.string().describe("The organisation's code, as its staff's tokens carry it (org)"), name: z.string() }),
    name: z.string(),
    kind: z.enum(AANBOD_KINDS),
    route: z.enum(TOEWIJZING_ROUTES),
    funders: z.array(z.enum(AANBOD_FUNDERS)),
    region: z.string(),
    wijken: z.array(z.string()).describe('Empty: the whole region'),
    sectors: z.array(z.enum(AANBOD_SECTORS)),
    ages: z.object({ from: z.number().int(), to: z.number().int() }).describe('Whole years, both ends included'),
    capacity: z.number().int().describe('Places in total'),
    placesTaken: z.number().int().describe('Places taken (kept by the waiting lists; 0 until they exist)'),
    freePlaces: z.number().int().describe('capacity minus placesTaken, never below 0'),
    intakeRoutes: z.array(z.enum(INTAKE_ROUTES)),
    contact: z.object({ role: z.enum(CONTACT_ROLES), mailbox: z.string(), phone: z.string().optional() }).describe('A function and its mailbox, never a person'),
    description: z.string().nullable(),
    version: z.number().int().describe('Also the ETag; send it back as If-Match ("3") to change or retire the aanbod only if nobody else did in between'),
    createdAt: INSTANT,
    createdBy: actorRefSchema,
    updatedAt: INSTANT,
    updatedBy: actorRefSchema,
    retired: z.object({ at: INSTANT, by: actorRefSchema, reason: z.string() }).nullable().describe('Set once retired: no longer offered, left out of the list unless includeRetired=true'),
  })
  .meta({ id: 'Aanbod' });
export type AanbodResponseDto = z.infer<typeof aanbodResponseSchema>;

export const aanbodListResponseSchema = z
  .object({
    items: z.array(aanbodResponseSchema),
    nextCursor: z.string().nullable().describe('Pass as ?cursor= (with the same filters) for the next page; null on the last page'),
  })
  .meta({ id: 'AanbodList' });
export type AanbodListResponseDto = z.infer<typeof aanbodListResponseSchema>;

export function toAanbodResponse(aanbod: Aanbod): AanbodResponseDto {
  const { id, aanbieder, name, kind, route, funders, region, wijken, sectors, ages, capacity, placesTaken, intakeRoutes, contact, description, version } = aanbod;
  return {
    id,
    aanbieder,
    name,
    kind,
    route,
    funders,
    region,
    wijken,
    sectors,
    ages,
    capacity,
    placesTaken,
    freePlaces: freePlacesOf(aanbod),
    intakeRoutes,
    contact,
    description,
    version,
    createdAt: aanbod.createdAt,
    createdBy: aanbod.createdBy,
    updatedAt: aanbod.updatedAt,
    updatedBy: aanbod.updatedBy,
    retired: aanbod.retired,
  };
}
