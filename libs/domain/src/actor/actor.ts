import { z } from 'zod';

/**
 * Roles from the product design; what each may do is ACCESS_POLICY (libs/domain/src/access). `fg` is the
 * functionaris gegevensbescherming (data-protection officer, AVG art. 37-39): reads the audit trail only.
 */
export const ROLES = ['school', 'loket', 'regisseur', 'provider', 'leerplicht', 'gemeente', 'admin', 'fg'] as const;
export type Role = (typeof ROLES)[number];

/** Organisation and region ids are opaque codes (a BRIN, an SWV code, an AGB code), never personal data. */
export const ORGANISATION_ID = z.string().regex(/^[A-Za-z0-9._-]{2,40}$/, 'must be 2-40 letters, digits, dots, dashes or underscores');

/** The authenticated person behind a request, as the API read it from the bearer token. */
export const actorSchema = z.object({
  sub: z.string().min(1).max(200),
  role: z.enum(ROLES),
  org: ORGANISATION_ID.optional(),
  region: ORGANISATION_ID.optional(),
});
export type Actor = z.infer<typeof actorSchema>;

/**
 * Schakel itself acts when a durable timer fires (e.g. an evaluation date passes). It is no person's
 * role: no token can carry it, and the timeline shows the step as the process's own.
 */
export const SYSTEM_ROLE = 'system';
export const ACTOR_REF_ROLES = [...ROLES, SYSTEM_ROLE] as const;

/** What a case's timeline and audit log record about who acted: the token's claims, nothing more. */
export interface ActorRef {
  sub: string;
  role: Role | typeof SYSTEM_ROLE;
  org?: string;
}

export const SYSTEM_ACTOR: ActorRef = { sub: 'schakel', role: SYSTEM_ROLE };

export function actorRef(actor: Actor): ActorRef {
  return actor.org === undefined ? { sub: actor.sub, role: actor.role } : { sub: actor.sub, role: actor.role, org: actor.org };
}
