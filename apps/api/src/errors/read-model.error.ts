import { QueryFailedError } from 'typeorm';

/** Fields of a node-postgres or socket error that name the failure, never row values. */
interface DriverErrorFields {
  code?: unknown;
  message?: unknown;
}

// SQLSTATE class 08 (connection exception), 57P01-57P03 (server shutting down or starting), 3D000
// (database gone), and the socket errors of a server that is not there.
const UNAVAILABLE_CODES = /^(08\d{3}|57P0[123]|3D000|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EHOSTUNREACH)$/;

function driverErrorOf(error: unknown): DriverErrorFields | undefined {
  if (error instanceof QueryFailedError) return error.driverError as DriverErrorFields;
  if (typeof error === 'object' && error !== null && 'code' in error) return error as DriverErrorFields;
  return undefined;
}

/** Whether Postgres itself is unreachable, rather than a query being wrong. */
export function isReadModelUnavailable(error: unknown): boolean {
  const fields = driverErrorOf(error);
  if (typeof fields?.code === 'string' && UNAVAILABLE_CODES.test(fields.code)) return true;
  return error instanceof Error && /Connection terminated|connect ECONNREFUSED/.test(error.message);
}

/**
 * A database error as it may be logged: TypeORM's QueryFailedError carries the statement's parameters
 * and Postgres quotes rejected values in its messages; both may be case data (AVG), so only the
 * SQLSTATE and the message with quoted values removed are kept.
 */
export function describeDatabaseError(error: unknown): string | undefined {
  if (!(error instanceof QueryFailedError)) return undefined;
  const fields = error.driverError as DriverErrorFields;
  const message = typeof fields.message === 'string' ? fields.message.replace(/"[^"]*"/g, '"…"') : 'query failed';
  return `QueryFailedError (SQLSTATE ${typeof fields.code === 'string' ? fields.code : 'unknown'}): ${message}`;
}
