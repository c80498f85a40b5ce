import { ROLES, rolesFor, type AccessAction } from '@schakel/domain';
import { Roles } from './roles.decorator';

/**
 * An endpoint that takes `action` of the access policy (libs/domain/src/access/access-policy.ts): the
 * guard admits exactly the roles the policy lists for it (403 for any other role, whatever the case);
 * the domain then decides the scope on the live case (404 outside it, 403 inside but not allowed).
 */
export function Permits(action: AccessAction): MethodDecorator & ClassDecorator {
  const [first, ...rest] = rolesFor(action);
  if (first === undefined) throw new Error(`the access policy lists no role for ${action}`);
  return Roles(first, ...rest);
}

/**
 * An endpoint that reads one case: every role is admitted and the domain answers 404 to anyone outside
 * the policy's `view` scope, gemeente and admin included, so no answer depends on whether the case exists.
 */
export function ReadsCase(_action: AccessAction): MethodDecorator & ClassDecorator {
  const [first, ...rest] = ROLES;
  return Roles(first, ...rest);
}
