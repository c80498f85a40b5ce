import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Actor } from '@schakel/domain';
import type { ApiRequest } from '../http/api-request';

/** The Actor that AuthGuard read from the bearer token. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const { actor } = context.switchToHttp().getRequest<ApiRequest>();
  if (actor === undefined) throw new Error('CurrentActor used on an endpoint that AuthGuard did not authenticate');
  return actor;
});
