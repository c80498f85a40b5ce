import type { z } from 'zod';
import { DomainError, type FieldIssue } from '../errors/domain-error';

/**
 * Parses untrusted input with a domain schema. The API and the workflow Update validators both call
 * this, so a body the API lets through can never be refused by the workflow for a different reason.
 */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues: FieldIssue[] = result.error.issues.map((issue) => ({
    field: issue.path.length === 0 ? '(body)' : issue.path.map(String).join('.'),
    message: issue.message,
  }));
  throw new DomainError('VALIDATION_FAILED', `Invalid request: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`, issues);
}
