import { applyDecorators, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { z } from 'zod';
import type { ApiRequest } from './api-request';
import { NamedValuePipe } from './schema-validation.pipe';

export const IF_MATCH_HEADER = 'If-Match';

/** The ETag the read answered with: a record's version, quoted as RFC 9110 §8.8.3 writes entity tags. */
export const versionTagOf = (version: number): string => `"${version}"`;

const VERSION_TAG = z
  .string()
  .regex(/^"?[1-9]\d{0,8}"?$/, 'must be the ETag of the last read, e.g. "3"')
  .transform((tag) => Number(tag.replaceAll('"', '')));
const tagPipe = new NamedValuePipe(IF_MATCH_HEADER, VERSION_TAG.optional());

const readIfMatch = createParamDecorator((_data: unknown, context: ExecutionContext): number | undefined => {
  const raw = context.switchToHttp().getRequest<ApiRequest>().get(IF_MATCH_HEADER);
  return tagPipe.transform(raw) as number | undefined;
});

/** The optional If-Match header as the version it names (400 naming the header when malformed). */
export function IfMatchVersion(): ParameterDecorator {
  return readIfMatch();
}

export function ApiIfMatch(description: string): MethodDecorator {
  return applyDecorators(ApiHeader({ name: IF_MATCH_HEADER, required: false, description, schema: { type: 'string', pattern: '^"?[1-9][0-9]{0,8}"?$' } }));
}
