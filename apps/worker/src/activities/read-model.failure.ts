import { ApplicationFailure } from '@temporalio/activity';
import { QueryFailedError } from 'typeorm';

/** Fields of a node-postgres DatabaseError that name schema objects, never row values. */
interface PostgresErrorFields {
  code?: unknown;
  constraint?: unknown;
  table?: unknown;
  column?: unknown;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/**
 * A failed read-model write as the activity reports it to Temporal. TypeORM's QueryFailedError holds
 * the statement's parameters (child ref, free-text reasons) and Postgres echoes rejected values in
 * quotes; both would end up in the workflow history and the worker log. So only the SQLSTATE, the
 * schema names and the message with quoted values removed go out, as a retryable failure: a database
 * outage or lock timeout passes, and the workflow's retry policy keeps trying.
 */
export function toReadModelFailure(error: unknown): unknown {
  if (!(error instanceof QueryFailedError)) return error;
  const fields = error.driverError as Error & PostgresErrorFields;
  const message = error.driverError.message.replace(/"[^"]*"/g, '"…"');
  const where = [text(fields.table), text(fields.column), text(fields.constraint)].filter((part) => part !== undefined).join(' ');
  const code = text(fields.code) ?? 'unknown';
  return ApplicationFailure.retryable(`read model write failed (SQLSTATE ${code}${where === '' ? '' : `, ${where}`}): ${message}`, 'ReadModelWriteFailed');
}
