import { applyDecorators, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { z } from 'zod';
import type { ApiRequest } from './api-request';
import { NamedValuePipe } from './schema-validation.pipe';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

/** Visible ASCII only, as the IETF httpapi Idempotency-Key draft's examples (a UUID or similar token). */
const IDEMPOTENCY_KEY = z.string().regex(/^[\x21-\x7E]{1,100}$/, 'must be 1-100 visible ASCII characters (no spaces)');
const keyPipe = new NamedValuePipe(IDEMPOTENCY_KEY_HEADER, IDEMPOTENCY_KEY.optional());

const readIdempotencyKey = createParamDecorator((_data: unknown, context: ExecutionContext): string | undefined => {
  const raw = context.switchToHttp().getRequest<ApiRequest>().get(IDEMPOTENCY_KEY_HEADER);
  return keyPipe.transform(raw) as string | undefined;
});

/** The optional Idempotency-Key header, validated (400 naming the header), documented in OpenAPI. */
export function IdempotencyKey(): ParameterDecorator {
  return readIdempotencyKey();
}

export function ApiIdempotencyKey(description: string): MethodDecorator {
  return applyDecorators(ApiHeader({ name: IDEMPOTENCY_KEY_HEADER, required: false, description, schema: { type: 'string', minLength: 1, maxLength: 100 } }));
}
