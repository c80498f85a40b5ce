import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { ApiRequest } from './api-request';

/** The id requestIdMiddleware gave this request; commands carry it into the timeline and audit log. */
export const RequestId = createParamDecorator((_data: unknown, context: ExecutionContext): string => {
  const { requestId } = context.switchToHttp().getRequest<ApiRequest>();
  if (requestId === undefined) throw new Error('requestIdMiddleware did not run');
  return requestId;
});
