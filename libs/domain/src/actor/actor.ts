import { z } from 'zod';
import { ANONYMISED_CHILD_REFERENCE, CHILD_REFERENCE } from '../child/child-reference.schema';

/**
 * Roles from the product design; what each may do is ACCESS_POLICY (libs/domain/src/access). `fg` is the
 * functionaris gegevensbescherming (data-protection officer, AVG art. 37-39): reads the audit trail only.
 * `ouder`: a parent (or voogd) with gezag over the children their token names (issue 11 §6); `jongere`: the
 * young person acting for themselves, whose token names their own child reference (ADR 0016).
 */
export const ROLES = ['school', 'loket', 'regisseur', 'provider', 'leerplicht', 'gemeente', 'admin', 'fg', 'ouder', 'jongere'] as const;
export type Role = (typeof ROLES)[number];

/** The roles that act for a child rather than on a case: their token names the child, not an organisation. */
export const PARTICIPANT_ROLES = ['ouder', 'jongere'] as const satisfies readonly Role[];
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];

export function isParticipant(role: Role): role is ParticipantRole {
  return (PARTICIPANT_ROLES as readonly Role[]).includes(role);
}

/** At most this many children per parent's token: a household, not a list to enumerate cases with. */
export const MAX_CHILDREN_PER_TOKEN = 12;

/** Organisation and region ids are opaque codes (a BRIN, an SWV code, an AGB code), never personal data. */
export const ORGANISATION_ID = z.string().regex(/^[A-Za-z0-9._-]{2,40}$/, 'must be 2-40 letters, digits, dots, dashes or underscores');

/** The authenticated person behind a request, as the API read it from the bearer token. */
export const actorSchema = z
  .object({
    sub: z.string().min(1).max(200),
    role: z.enum(ROLES),
    org: ORGANISATION_ID.optional(),
    region: ORGANISATION_ID.optional(),
    /**
     * The children the person acts for, by pseudonymous reference only (never a name or BSN, art. 46 UAVG —
     * DOMAIN.md §3.2): for an ouder those they hold gezag over, as the identity provider establishes it; for a
     * jongere exactly their own. No other role carries it.
     */
    children: z
      .array(CHILD_REFERENCE.refine((ref) => ref !== ANONYMISED_CHILD_REFERENCE, 'names no child: it is what retention writes over an anonymised case'))
      .min(1, 'must name at least one child')
      .max(MAX_CHILDREN_PER_TOKEN, `must name at most ${MAX_CHILDREN_PER_TOKEN} children`)
      .optional(),
  })
  .superRefine((actor, ctx) => {
    if (isParticipant(actor.role) && actor.children === undefined) ctx.addIssue({ code: 'custom', path: ['children'], message: `is required for role ${actor.role}` });
    if (!isParticipant(actor.role) && actor.children !== undefined) ctx.addIssue({ code: 'custom', path: ['children'], message: `is only for roles ${PARTICIPANT_ROLES.join(', ')}` });
    // A young person acts for themselves only (ADR 0016).
    if (actor.role === 'jongere' && actor.children !== undefined && actor.children.length !== 1) ctx.addIssue({ code: 'custom', path: ['children'], message: 'must name exactly one child (the young person themselves) for role jongere' });
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
