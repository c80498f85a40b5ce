import { applyDecorators } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Role } from '@schakel/domain';
import { apiErrorResponseSchema } from '../errors/api-error.response';

export const ROLES_METADATA = Reflector.createDecorator<readonly Role[]>();
export const PUBLIC_METADATA = Reflector.createDecorator<true>();

/**
 * The roles that may call an endpoint (issue 2 §3); any other role gets 403 FORBIDDEN. Every endpoint
 * carries either this or @Public(), so a forgotten decorator fails closed (see AuthGuard).
 */
export function Roles(...roles: [Role, ...Role[]]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ROLES_METADATA(roles),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'No, an expired, a badly signed or a malformed bearer token (UNAUTHENTICATED)', standardSchema: apiErrorResponseSchema }),
    ApiForbiddenResponse({ description: `Role not allowed (FORBIDDEN); allowed: ${roles.join(', ')}`, standardSchema: apiErrorResponseSchema }),
  );
}

/** An endpoint that needs no token (health). */
export function Public(): MethodDecorator & ClassDecorator {
  return PUBLIC_METADATA(true);
}
