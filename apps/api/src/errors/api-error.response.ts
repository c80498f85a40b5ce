import { z } from 'zod';
import { DOMAIN_ERROR_CODES } from '@schakel/domain';

/**
 * Codes an error body can carry: every domain code, plus the few failures that are not the domain's
 * (a body too large, too many requests, a dependency down, a bug). Clients switch on `code`, never on `message`.
 */
export const API_ERROR_CODES = [
  ...DOMAIN_ERROR_CODES,
  'BAD_REQUEST',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'RATE_LIMITED',
  'SERVICE_UNAVAILABLE',
  'INTERNAL_ERROR',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/** The one error shape of the API; documented in OpenAPI from this schema. */
export const apiErrorResponseSchema = z
  .object({
    statusCode: z.number().int().min(400).max(599),
    code: z.enum(API_ERROR_CODES),
    message: z.string(),
    issues: z.array(z.object({ field: z.string(), message: z.string() })).optional().describe('Each invalid field, for VALIDATION_FAILED'),
    requestId: z.string().describe('Also in the X-Request-Id response header; quote it when reporting a problem'),
  })
  .meta({ id: 'ApiError' });
export type ApiErrorResponseDto = z.infer<typeof apiErrorResponseSchema>;
