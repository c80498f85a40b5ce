import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '@schakel/domain';
import type { ApiRequest } from '../http/api-request';
import { PUBLIC_METADATA, ROLES_METADATA } from './roles.decorator';
import { TokenVerifier } from './token.verifier';

/**
 * Global guard: authenticates the bearer token (401) and checks the endpoint's @Roles (403). An
 * endpoint without @Roles or @Public is refused: access must be declared, never assumed.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride(PUBLIC_METADATA, targets) === true) return true;
    const roles = this.reflector.getAllAndOverride(ROLES_METADATA, targets);
    if (roles === undefined) throw new Error(`${context.getClass().name}.${context.getHandler().name} declares neither @Roles nor @Public`);

    const request = context.switchToHttp().getRequest<ApiRequest>();
    const token = bearerTokenOf(request);
    // The rate limit may have verified this very token already (same request); its answer is the answer.
    const verified = request.tokenVerification;
    const actor = await (verified !== undefined && verified.token === token ? verified.actor : this.verifier.verify(token));
    request.actor = actor;
    if (!roles.includes(actor.role)) {
      throw new DomainError('FORBIDDEN', `Role ${actor.role} may not do this; allowed: ${roles.join(', ')}`);
    }
    return true;
  }
}

function bearerTokenOf(request: ApiRequest): string {
  const header = request.headers.authorization;
  if (header === undefined || header === '') throw new DomainError('UNAUTHENTICATED', 'A bearer token is required (Authorization: Bearer <token>)');
  const match = /^Bearer ([A-Za-z0-9_.~+/=-]+)$/i.exec(header);
  if (!match?.[1]) throw new DomainError('UNAUTHENTICATED', 'The Authorization header must be "Bearer <token>"');
  return match[1];
}
